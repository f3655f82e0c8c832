package social.atoll.federation.vocab;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reading ActivityStreams values the way other servers really send them: any field may be a string, an object, an
 * array of either, or absent (spec §7.1). Nothing here throws on a surprising shape; it answers null or empty.
 */
public final class AsValues {

    public static final String AS_CONTEXT = "https://www.w3.org/ns/activitystreams";
    public static final String PUBLIC = "https://www.w3.org/ns/activitystreams#Public";

    private AsValues() {}

    /** The elements of a value that may be single or an array. */
    public static List<JsonNode> list(JsonNode n) {
        List<JsonNode> out = new ArrayList<>();
        if (n == null || n.isNull() || n.isMissingNode()) return out;
        if (n.isArray()) n.forEach(out::add);
        else out.add(n);
        return out;
    }

    /** The id of a reference: a string, or the {@code id} (else {@code href}) of an object; arrays give their first. */
    public static String id(JsonNode n) {
        for (JsonNode e : list(n)) {
            if (e.isTextual()) return e.asText();
            if (e.isObject()) {
                if (e.path("id").isTextual()) return e.get("id").asText();
                if (e.path("href").isTextual()) return e.get("href").asText();
            }
        }
        return null;
    }

    public static List<String> ids(JsonNode n) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : list(n)) {
            String id = id(e);
            if (id != null) out.add(id);
        }
        return out;
    }

    /** True when {@code type} is, or (as an array) contains, one of {@code names}. */
    public static boolean hasType(JsonNode obj, String... names) {
        for (JsonNode t : list(obj.get("type"))) {
            if (!t.isTextual()) continue;
            for (String n : names) if (n.equals(t.asText())) return true;
        }
        return false;
    }

    public static String firstType(JsonNode obj) {
        for (JsonNode t : list(obj.get("type"))) if (t.isTextual()) return t.asText();
        return null;
    }

    /** True when {@code @context} names the ActivityStreams context (string, array, or inside an array). */
    public static boolean hasAsContext(JsonNode doc) {
        for (JsonNode c : list(doc.get("@context"))) {
            if (c.isTextual() && (c.asText().equals(AS_CONTEXT) || c.asText().equals(AS_CONTEXT + ".jsonld") || c.asText().equals("http://www.w3.org/ns/activitystreams"))) return true;
        }
        return false;
    }

    /** A text value; when it is missing, the first value of its {@code …Map} form ({@code name}/{@code nameMap}). */
    public static String text(JsonNode obj, String field) {
        JsonNode v = obj.get(field);
        if (v != null && v.isTextual()) return v.asText();
        JsonNode map = obj.get(field + "Map");
        if (map != null && map.isObject()) {
            var it = map.elements();
            while (it.hasNext()) {
                JsonNode e = it.next();
                if (e.isTextual()) return e.asText();
            }
        }
        return null;
    }

    public static String string(JsonNode obj, String field) {
        JsonNode v = obj == null ? null : obj.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    public static boolean bool(JsonNode obj, String field, boolean dflt) {
        JsonNode v = obj.get(field);
        if (v == null || v.isNull()) return dflt;
        if (v.isBoolean()) return v.asBoolean();
        if (v.isTextual()) return v.asText().equalsIgnoreCase("true");
        return dflt;
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
                if (u != null && "text/html".equals(string(e, "mediaType"))) return u;
            }
            if (u != null && fallback == null) fallback = u;
        }
        return fallback;
    }

    public static Instant instant(JsonNode obj, String field) {
        String v = string(obj, field);
        if (v == null) return null;
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

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

    /** Host with port when one is given ({@code localhost:8080}), lower case; null for a bad URL. */
    public static String authority(String url) {
        URI u = httpUri(url);
        if (u == null) return null;
        String host = u.getHost().toLowerCase(java.util.Locale.ROOT);
        return u.getPort() == -1 ? host : host + ":" + u.getPort();
    }
}
