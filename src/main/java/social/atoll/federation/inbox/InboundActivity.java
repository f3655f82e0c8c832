package social.atoll.federation.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import social.atoll.core.account.Account;
import social.atoll.federation.vocab.AsValues;

/**
 * An activity taken from the inbox queue: its JSON, the remote actor whose signature it carried (already checked to
 * be its {@code actor}), and the local account whose personal inbox received it (null for the shared inbox).
 */
public record InboundActivity(JsonNode json, Account actor, Account inboxOwner) {

    public String id() { return AsValues.text(json, "id"); }

    public String type() { return AsValues.type(json); }

    /** The {@code object} as sent: a string id, an embedded object, or null. */
    public JsonNode object() { return AsValues.first(json.get("object")); }

    public String objectId() { return AsValues.id(json.get("object")); }

    /** The embedded object's type, or null when the object is only an id. */
    public String objectType() {
        JsonNode o = object();
        return o != null && o.isObject() ? AsValues.type(o) : null;
    }

    /** Is the embedded object (if any) published on the actor's own server? */
    public boolean objectFromActorOrigin() { return AsValues.sameOrigin(objectId(), actor.uri()); }
}
