package social.atoll.federation.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Tolerant reading of ActivityStreams JSON as other servers send it: every field may be a string, an object with
 * an {@code id}, an array of either, or absent (spec §7.1). Nothing here throws on an unexpected shape.
 */
public final class ApJson {

    public static final String AS_CONTEXT = "https://www.w3.org/ns/activitystreams";
    public static final String PUBLIC = "https://www.w3.org/ns/activitystreams#Public";
    private static final Set<String> PUBLIC_FORMS = Set.of(PUBLIC, "as:Public", "Public");

    private ApJson() {}

    /** The first element of an array, or the value itself. */
    public static JsonNode first(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) return null;
        if (n.isArray()) return n.isEmpty() ? null : n.get(0);
        return n;
    }

    /** The id of a reference: the string itself, or the {@code id} (or {@code href}) of an object. */
    public static String id(JsonNode n) {
        JsonNode f = first(n);
        if (f == null) return null;
        if (f.isTextual()) return f.asText();
        if (f.isObject()) {
            if (f.hasNonNull("id") && f.get("id").isTextual()) return f.get("id").asText();
            if (f.hasNonNull("href") && f.get("href").isTextual()) return f.get("href").asText();
        }
        return null;
    }

    public static String id(JsonNode parent, String field) { return parent == null ? null : id(parent.get(field)); }

    /** All ids of a field that may hold one reference or many. */
    public static List<String> ids(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n == null || n.isNull() || n.isMissingNode()) return out;
        if (n.isArray()) {
            for (JsonNode e : n) {
                String id = id(e);
                if (id != null) out.add(id);
            }
        } else {
            String id = id(n);
            if (id != null) out.add(id);
        }
        return out;
    }

    /** The elements of a field that may be one value or an array. */
    public static List<JsonNode> list(JsonNode n) {
        List<JsonNode> out = new ArrayList<>();
        if (n == null || n.isNull() || n.isMissingNode()) return out;
        if (n.isArray()) n.forEach(out::add);
        else out.add(n);
        return out;
    }

    /** The type names of an object ({@code type} may be a string or an array). */
    public static List<String> types(JsonNode obj) {
        List<String> out = new ArrayList<>();
        if (obj == null || !obj.isObject()) return out;
        for (JsonNode t : list(obj.get("type"))) if (t.isTextual()) out.add(t.asText());
        return out;
    }

    /** The first type name, or null. */
    public static String type(JsonNode obj) {
        List<String> t = types(obj);
        return t.isEmpty() ? null : t.get(0);
    }

    public static boolean hasType(JsonNode obj, String type) { return types(obj).contains(type); }

    /** Text of a field, or null when absent or not a scalar. */
    public static String text(JsonNode obj, String field) {
        if (obj == null) return null;
        JsonNode v = first(obj.get(field));
        return v != null && v.isValueNode() && !v.isNull() ? v.asText() : null;
    }

    /** A natural-language field: {@code field}, else the first value of {@code fieldMap}. */
    public static String natural(JsonNode obj, String field) {
        String direct = text(obj, field);
        if (direct != null) return direct;
        JsonNode map = obj == null ? null : obj.get(field + "Map");
        if (map != null && map.isObject()) {
            var it = map.elements();
            while (it.hasNext()) {
                JsonNode v = it.next();
                if (v.isTextual()) return v.asText();
            }
        }
        return null;
    }

    public static boolean bool(JsonNode obj, String field) {
        JsonNode v = obj == null ? null : first(obj.get(field));
        return v != null && (v.asBoolean(false) || "true".equalsIgnoreCase(v.asText()));
    }

    public static Instant instant(JsonNode obj, String field) {
        String s = text(obj, field);
        if (s == null) return null;
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    /** Does {@code @context} name the ActivityStreams vocabulary (as a string or inside an array)? */
    public static boolean hasAsContext(JsonNode doc) {
        JsonNode ctx = doc == null ? null : doc.get("@context");
        for (JsonNode c : list(ctx)) {
            if (c.isTextual() && (c.asText().equals(AS_CONTEXT) || c.asText().equals(AS_CONTEXT + ".jsonld")
                    || c.asText().equals("http://www.w3.org/ns/activitystreams"))) return true;
        }
        return false;
    }

    public static boolean isPublic(String addressee) { return addressee != null && PUBLIC_FORMS.contains(addressee); }

    /** Scheme, host and port of a URI in one comparable string ("https://host:443"); null when unparsable. */
    public static String origin(String uri) {
        if (uri == null) return null;
        try {
            URI u = URI.create(uri);
            if (u.getScheme() == null || u.getHost() == null) return null;
            String scheme = u.getScheme().toLowerCase(Locale.ROOT);
            int port = u.getPort() != -1 ? u.getPort() : scheme.equals("https") ? 443 : 80;
            return scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + ":" + port;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public static boolean sameOrigin(String a, String b) {
        String oa = origin(a);
        return oa != null && oa.equals(origin(b));
    }

    /** The host (with port when not the default) of a URI, as Atoll keys remote domains; null when unparsable. */
    public static String host(String uri) {
        if (uri == null) return null;
        try {
            URI u = URI.create(uri);
            if (u.getHost() == null) return null;
            return (u.getPort() == -1 ? u.getHost() : u.getHost() + ":" + u.getPort()).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
