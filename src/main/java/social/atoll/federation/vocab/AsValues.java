package social.atoll.federation.vocab;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reading ActivityStreams values the way other servers really send them: any field may be a string, an object with
 * an {@code id}, an array of either, or absent (spec §7.1). Nothing here throws on a surprising shape; it answers
 * null, false or empty. Every reader of AS2 JSON in Atoll goes through this class.
 */
public final class AsValues {

    public static final String AS_CONTEXT = "https://www.w3.org/ns/activitystreams";
    public static final String PUBLIC = "https://www.w3.org/ns/activitystreams#Public";
    private static final Set<String> PUBLIC_FORMS = Set.of(PUBLIC, "as:Public", "Public");

    private AsValues() {}

    /** The elements of a value that may be single or an array. */
    public static List<JsonNode> list(JsonNode n) {
        List<JsonNode> out = new ArrayList<>();
        if (n == null || n.isNull() || n.isMissingNode()) return out;
        if (n.isArray()) n.forEach(out::add);
        else out.add(n);
        return out;
    }

    /** The first element of an array, or the value itself; null when absent or empty. */
    public static JsonNode first(JsonNode n) {
        List<JsonNode> all = list(n);
        return all.isEmpty() ? null : all.get(0);
    }

    /** The id of a reference: a string, or the {@code id} (else {@code href}) of an object; arrays give their first. */
    public static String id(JsonNode n) {
        JsonNode f = first(n);
        if (f == null) return null;
        if (f.isTextual()) return f.asText();
        if (f.isObject()) {
            if (f.path("id").isTextual()) return f.get("id").asText();
            if (f.path("href").isTextual()) return f.get("href").asText();
        }
        return null;
    }

    /** The id of the reference in {@code parent.field}. */
    public static String id(JsonNode parent, String field) { return parent == null ? null : id(parent.get(field)); }

    /** All ids of a field that may hold one reference or many. */
    public static List<String> ids(JsonNode n) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : list(n)) {
            String id = id(e);
            if (id != null) out.add(id);
        }
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

    /** True when {@code type} is, or (as an array) contains, one of {@code names}. */
    public static boolean hasType(JsonNode obj, String... names) {
        List<String> t = types(obj);
        for (String n : names) if (t.contains(n)) return true;
        return false;
    }

    /** True when {@code @context} names the ActivityStreams context (string, array, or inside an array). */
    public static boolean hasAsContext(JsonNode doc) {
        for (JsonNode c : list(doc == null ? null : doc.get("@context"))) {
            if (c.isTextual() && (c.asText().equals(AS_CONTEXT) || c.asText().equals(AS_CONTEXT + ".jsonld")
                    || c.asText().equals("http://www.w3.org/ns/activitystreams"))) return true;
        }
        return false;
    }

    /** The text of a field (the first, for an array), or null when absent or not a scalar. */
    public static String text(JsonNode obj, String field) {
        if (obj == null) return null;
        JsonNode v = first(obj.get(field));
        return v != null && v.isValueNode() && !v.isNull() ? v.asText() : null;
    }

    /** A natural-language field: {@code field}, else the first value of its {@code …Map} form ({@code nameMap}). */
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

    /** A flag: true for {@code true} or {@code "true"}, false when absent or anything else. */
    public static boolean bool(JsonNode obj, String field) {
        JsonNode v = obj == null ? null : first(obj.get(field));
        return v != null && (v.asBoolean(false) || "true".equalsIgnoreCase(v.asText()));
    }

    /** An ISO-8601 time with an offset ({@code Z} or {@code +02:00}), or null. */
    public static Instant instant(JsonNode obj, String field) {
        String s = text(obj, field);
        if (s == null) return null;
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    /**
     * A URL from a {@code url}/{@code icon}-like value: a string, a {@code Link} ({@code href}), an object with a
     * {@code url} (itself any of these), or an array of those, preferring {@code text/html} links.
     */
    public static String url(JsonNode n) {
        String fallback = null;
        for (JsonNode e : list(n)) {
            String u = null;
            if (e.isTextual()) u = e.asText();
            else if (e.isObject()) {
                if (e.path("href").isTextual()) u = e.get("href").asText();
                else if (e.has("url")) u = url(e.get("url"));
                if (u != null && "text/html".equals(text(e, "mediaType"))) return u;
            }
            if (u != null && fallback == null) fallback = u;
        }
        return fallback;
    }

    /** Is {@code addressee} the public collection, in any of its spellings? */
    public static boolean isPublic(String addressee) { return addressee != null && PUBLIC_FORMS.contains(addressee); }

    /** An absolute http(s) URL, or null. */
    public static URI httpUri(String s) {
        if (s == null) return null;
        try {
            URI u = new URI(s);
            if (u.getHost() == null || !("http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme()))) return null;
            return u;
        } catch (Exception e) {
            return null;
        }
    }

    /** Host with port when one is given ({@code localhost:8080}), lower case, as Atoll keys remote domains; null for a bad URL. */
    public static String authority(String url) {
        URI u = httpUri(url);
        if (u == null) return null;
        String host = u.getHost().toLowerCase(Locale.ROOT);
        return u.getPort() == -1 ? host : host + ":" + u.getPort();
    }

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

    /** Do two URIs share scheme, host and port? */
    public static boolean sameOrigin(String a, String b) {
        String oa = origin(a);
        return oa != null && oa.equals(origin(b));
    }
}
