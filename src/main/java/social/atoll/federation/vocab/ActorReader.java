package social.atoll.federation.vocab;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import social.atoll.core.account.RemoteActor;
import social.atoll.core.text.HtmlSanitizer;

/**
 * Remote actor JSON (Mastodon, GoToSocial, Misskey, Pleroma/Akkoma, Pixelfed, Friendica …) → {@link RemoteActor}.
 * Refuses what Mastodon refuses (spec §2.5): no ActivityStreams context, not an actor type, no id, no inbox, no
 * public key, or a key that belongs to another actor or host. Everything else is read tolerantly.
 */
public final class ActorReader {

    private static final Pattern USERNAME = Pattern.compile("[\\p{L}\\p{N}_.~:\\-]{1,100}");
    private static final int MAX_FIELDS = 16;
    private static final int MAX_NAME = 1000;
    private static final int MAX_NOTE = 20_000;

    private ActorReader() {}

    public static RemoteActor read(JsonNode doc) throws InvalidDocumentException {
        if (doc == null || !doc.isObject()) throw new InvalidDocumentException("not a JSON object");
        if (!AsValues.hasAsContext(doc)) throw new InvalidDocumentException("no ActivityStreams @context");
        if (!AsValues.hasType(doc, "Person", "Service", "Application", "Group", "Organization"))
            throw new InvalidDocumentException("type " + doc.get("type") + " is not an actor");
        String id = AsValues.text(doc, "id");
        if (AsValues.httpUri(id) == null) throw new InvalidDocumentException("actor has no usable id");
        String username = AsValues.text(doc, "preferredUsername");
        if (username == null || !USERNAME.matcher(username).matches()) throw new InvalidDocumentException("preferredUsername missing or invalid");
        String inbox = AsValues.id(doc.get("inbox"));
        if (AsValues.httpUri(inbox) == null) throw new InvalidDocumentException("actor has no inbox");

        JsonNode key = publicKey(doc, id);
        if (key == null) throw new InvalidDocumentException("actor has no publicKey");
        String keyId = AsValues.text(key, "id");
        String pem = AsValues.text(key, "publicKeyPem");
        String owner = AsValues.id(key.get("owner"));
        if (keyId == null || pem == null) throw new InvalidDocumentException("publicKey lacks id or publicKeyPem");
        if (!Objects.equals(AsValues.authority(keyId), AsValues.authority(id))) throw new InvalidDocumentException("publicKey id is on another host");
        if (owner != null && !owner.equals(id)) throw new InvalidDocumentException("publicKey owner is another actor");

        String type = AsValues.hasType(doc, "Person") ? "Person" : AsValues.type(doc);
        JsonNode endpoints = doc.get("endpoints");
        String sharedInbox = endpoints != null && endpoints.isObject() ? AsValues.id(endpoints.get("sharedInbox")) : null;
        if (sharedInbox == null) sharedInbox = AsValues.id(doc.get("sharedInbox"));
        if (AsValues.httpUri(sharedInbox) == null) sharedInbox = null;

        String webfinger = AsValues.text(doc, "webfinger");
        if (webfinger != null && webfinger.startsWith("acct:")) webfinger = webfinger.substring(5);
        if (webfinger != null && webfinger.startsWith("@")) webfinger = webfinger.substring(1);
        if (webfinger != null && !webfinger.matches("[^@\\s]+@[^@\\s]+")) webfinger = null;

        return new RemoteActor(
                id, type, username,
                cap(plain(AsValues.natural(doc, "name")), MAX_NAME),
                cap(HtmlSanitizer.sanitize(nullToEmpty(AsValues.natural(doc, "summary"))), MAX_NOTE),
                http(AsValues.url(doc.get("url"))),
                inbox,
                http(AsValues.id(doc.get("outbox"))),
                sharedInbox,
                http(AsValues.id(doc.get("followers"))),
                http(AsValues.id(doc.get("following"))),
                http(AsValues.id(doc.get("featured"))),
                http(AsValues.id(doc.get("featuredTags"))),
                keyId, pem,
                http(AsValues.url(doc.get("icon"))),
                http(AsValues.url(doc.get("image"))),
                AsValues.bool(doc, "manuallyApprovesFollowers"),
                AsValues.hasType(doc, "Service", "Application"),
                AsValues.bool(doc, "discoverable"),
                AsValues.bool(doc, "indexable"),
                AsValues.bool(doc, "memorial"),
                AsValues.bool(doc, "suspended"),
                fields(doc.get("attachment")),
                AsValues.ids(doc.get("alsoKnownAs")).stream().filter(u -> AsValues.httpUri(u) != null).limit(20).toList(),
                http(AsValues.id(doc.get("movedTo"))),
                AsValues.instant(doc, "published"),
                webfinger);
    }

    /** The actor's key: {@code publicKey} may be one object or an array; prefer the one the actor owns. */
    private static JsonNode publicKey(JsonNode doc, String id) {
        JsonNode fallback = null;
        for (JsonNode k : AsValues.list(doc.get("publicKey"))) {
            if (!k.isObject()) continue;
            if (id.equals(AsValues.id(k.get("owner")))) return k;
            if (fallback == null) fallback = k;
        }
        return fallback;
    }

    private static List<RemoteActor.Field> fields(JsonNode attachment) {
        List<RemoteActor.Field> out = new ArrayList<>();
        for (JsonNode a : AsValues.list(attachment)) {
            if (!a.isObject() || !AsValues.hasType(a, "PropertyValue")) continue;
            String name = AsValues.natural(a, "name");
            String value = AsValues.natural(a, "value");
            if (name == null || value == null) continue;
            out.add(new RemoteActor.Field(cap(plain(name), 255), cap(HtmlSanitizer.sanitize(value), 2048)));
            if (out.size() == MAX_FIELDS) break;
        }
        return List.copyOf(out);
    }

    /** Display names are plain text; some servers send HTML entities or tags in them anyway. */
    private static String plain(String s) {
        if (s == null) return "";
        String t = s.contains("<") || s.contains("&") ? HtmlSanitizer.text(s) : s;
        return t.replaceAll("[\\p{Cntrl}&&[^\\n]]", "").strip();
    }

    private static String http(String url) { return AsValues.httpUri(url) == null ? null : url; }

    private static String nullToEmpty(String s) { return s == null ? "" : s; }

    private static String cap(String s, int max) {
        if (s == null) return "";
        return s.length() <= max ? s : s.substring(0, max);
    }
}
