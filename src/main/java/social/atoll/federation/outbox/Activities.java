package social.atoll.federation.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import social.atoll.core.account.Account;
import social.atoll.federation.vocab.AsValues;

/**
 * The activities Atoll sends, shaped as Mastodon shapes them (spec §4): ids on our host, the original activity
 * embedded in Accept/Reject/Undo, {@code to}/{@code cc} copied from the object for Create/Update/Delete.
 */
final class Activities {

    private final ObjectMapper json;

    Activities(ObjectMapper json) { this.json = json; }

    ObjectNode envelope(String id, String type, Account actor) {
        ObjectNode a = json.createObjectNode();
        a.put("@context", AsValues.AS_CONTEXT);
        a.put("id", id);
        a.put("type", type);
        a.put("actor", actor.uri());
        return a;
    }

    /** Create/Update/Delete of an object: same addressing as the object. */
    ObjectNode wrap(String id, String type, Account actor, JsonNode object, Instant published) {
        ObjectNode a = envelope(id, type, actor);
        if (object.has("@context")) a.set("@context", object.get("@context"));
        if (published != null) a.put("published", published.truncatedTo(ChronoUnit.SECONDS).toString());
        if (object.has("to")) a.set("to", object.get("to"));
        if (object.has("cc")) a.set("cc", object.get("cc"));
        ObjectNode inner = object.deepCopy();
        inner.remove("@context");
        a.set("object", inner);
        return a;
    }

    ObjectNode follow(String id, Account follower, Account target) {
        ObjectNode f = envelope(id, "Follow", follower);
        f.put("object", target.uri());
        return f;
    }

    /** The Follow as embedded in Accept/Reject/Undo: its id when known, always its actor and object. */
    ObjectNode embeddedFollow(String id, Account follower, Account target) {
        ObjectNode f = json.createObjectNode();
        if (id != null) f.put("id", id);
        f.put("type", "Follow");
        f.put("actor", follower.uri());
        f.put("object", target.uri());
        return f;
    }

    ObjectNode answer(String id, String type, Account actor, JsonNode embedded, String to) {
        ObjectNode a = envelope(id, type, actor);
        if (to != null) a.set("to", array(List.of(to)));
        a.set("object", embedded);
        return a;
    }

    ObjectNode like(String id, Account actor, String objectUri) {
        ObjectNode l = envelope(id, "Like", actor);
        l.put("object", objectUri);
        return l;
    }

    ObjectNode block(String id, Account actor, Account target) {
        ObjectNode b = envelope(id, "Block", actor);
        b.put("object", target.uri());
        return b;
    }

    ObjectNode announce(String id, Account actor, String objectUri, List<String> to, List<String> cc, Instant published) {
        ObjectNode a = envelope(id, "Announce", actor);
        a.put("published", published.truncatedTo(ChronoUnit.SECONDS).toString());
        a.set("to", array(to));
        a.set("cc", array(cc));
        a.put("object", objectUri);
        return a;
    }

    ObjectNode tombstoneDelete(String id, Account actor, String objectUri, JsonNode to, JsonNode cc) {
        ObjectNode d = envelope(id, "Delete", actor);
        if (to != null) d.set("to", to);
        if (cc != null) d.set("cc", cc);
        ObjectNode t = json.createObjectNode();
        t.put("id", objectUri);
        t.put("type", "Tombstone");
        t.put("atomUri", objectUri);
        d.set("object", t);
        return d;
    }

    ArrayNode array(List<String> values) {
        ArrayNode a = json.createArrayNode();
        values.forEach(a::add);
        return a;
    }
}
