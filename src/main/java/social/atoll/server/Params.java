package social.atoll.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request's parameters in one structure, whatever the encoding: query string, form, multipart or JSON body.
 * Rails-style keys are folded into nested values: {@code media_ids[]=1}, {@code fields_attributes[0][name]=x},
 * {@code poll[options][]=a}. Booleans accept {@code true/false/1/0/on/off/t/f}; numbers may come as strings; an empty
 * string means "not given".
 */
public final class Params {

    private static final Pattern KEY_PART = Pattern.compile("\\[([^\\]]*)\\]");
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final ObjectNode root;
    private final Map<String, List<UploadedFile>> files;

    private Params(ObjectNode root, Map<String, List<UploadedFile>> files) {
        this.root = root;
        this.files = files;
    }

    public static Params of(ObjectNode root) { return new Params(root, Map.of()); }

    /** Parses once per request; the result is cached on the context. */
    public static Params from(Context ctx, ObjectMapper json) {
        Params cached = ctx.attribute("atoll.params");
        if (cached != null) return cached;
        ObjectNode root = F.objectNode();
        ctx.queryParamMap().forEach((k, vs) -> vs.forEach(v -> put(root, k, v)));
        Map<String, List<UploadedFile>> files = Map.of();
        String type = Optional.ofNullable(ctx.contentType()).orElse("").toLowerCase(Locale.ROOT);
        if (type.startsWith("application/json")) {
            byte[] body = ctx.bodyAsBytes();
            if (body.length > 0) {
                JsonNode parsed;
                try {
                    parsed = json.readTree(body);
                } catch (IOException e) {
                    throw ApiException.badRequest("Error occurred while parsing request parameters");
                }
                if (parsed != null && parsed.isObject()) {
                    parsed.properties().forEach(e -> root.set(e.getKey(), e.getValue()));
                } else if (parsed != null && !parsed.isNull()) {
                    throw ApiException.badRequest("Error occurred while parsing request parameters");
                }
            }
        } else if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data")) {
            ctx.formParamMap().forEach((k, vs) -> vs.forEach(v -> put(root, k, v)));
            if (type.startsWith("multipart/form-data")) files = ctx.uploadedFileMap();
        }
        Params p = new Params(root, files);
        ctx.attribute("atoll.params", p);
        return p;
    }

    /** Folds one {@code key=value} pair, with Rails bracket syntax, into the tree. */
    static void put(ObjectNode root, String key, String value) {
        int bracket = key.indexOf('[');
        if (bracket <= 0) {
            setOrAppend(root, key, value);
            return;
        }
        List<String> path = new ArrayList<>();
        path.add(key.substring(0, bracket));
        Matcher m = KEY_PART.matcher(key.substring(bracket));
        while (m.find()) path.add(m.group(1));
        JsonNode node = root;
        for (int i = 0; i < path.size() - 1; i++) {
            String part = path.get(i);
            String next = path.get(i + 1);
            boolean nextIsArray = next.isEmpty();
            if (node instanceof ObjectNode obj) {
                JsonNode child = obj.get(part);
                if (child == null || !(child.isContainerNode())) {
                    child = nextIsArray ? F.arrayNode() : F.objectNode();
                    obj.set(part, child);
                }
                node = child;
            } else if (node instanceof ArrayNode arr) {
                // "a[][k]=v": the n-th value of a key goes to the n-th object. Servlet form maps group values by key
                // (all names, then all values), so "the first object still lacking this key" pairs them up again.
                JsonNode target = null;
                for (JsonNode candidate : arr) {
                    if (candidate.isObject() && !candidate.has(next)) {
                        target = candidate;
                        break;
                    }
                }
                if (target == null) {
                    target = F.objectNode();
                    arr.add(target);
                }
                node = target;
            }
        }
        String leaf = path.get(path.size() - 1);
        if (node instanceof ArrayNode arr) {
            arr.add(value);
        } else if (node instanceof ObjectNode obj) {
            if (leaf.isEmpty()) obj.put("", value);
            else setOrAppend(obj, leaf, value);
        }
    }

    private static void setOrAppend(ObjectNode obj, String key, String value) {
        JsonNode existing = obj.get(key);
        if (existing instanceof ArrayNode arr) arr.add(value);
        else obj.put(key, value);
    }

    public ObjectNode tree() { return root; }

    public boolean has(String name) {
        JsonNode n = root.get(name);
        return n != null && !n.isNull() && !(n.isTextual() && n.asText().isEmpty());
    }

    public JsonNode node(String name) { return root.get(name); }

    /** A nested group such as {@code poll} or {@code source}, empty when absent. */
    public Params group(String name) {
        JsonNode n = root.get(name);
        return new Params(n instanceof ObjectNode o ? o : F.objectNode(), Map.of());
    }

    public Optional<String> string(String name) {
        JsonNode n = root.get(name);
        if (n == null || n.isNull() || n.isContainerNode()) return Optional.empty();
        String s = n.asText();
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    /**
     * A value that must be one word when present ({@code visibility}): an array, an object or a number is refused
     * as {@code invalidMessage} (422) instead of being taken as absent, which would fall back to a default.
     */
    public Optional<String> word(String name, String invalidMessage) {
        JsonNode n = root.get(name);
        if (n != null && !n.isNull() && !n.isTextual()) throw ApiException.invalid(invalidMessage);
        return string(name);
    }

    /** A string that may legitimately be empty (clearing a display name): absent only when the key is absent. */
    public Optional<String> rawString(String name) {
        JsonNode n = root.get(name);
        if (n == null || n.isNull() || n.isContainerNode()) return Optional.empty();
        return Optional.of(n.asText());
    }

    public String require(String name) { return string(name).orElseThrow(() -> ApiException.missingParam(name)); }

    public Optional<Boolean> bool(String name) {
        JsonNode n = root.get(name);
        if (n == null || n.isNull()) return Optional.empty();
        if (n.isBoolean()) return Optional.of(n.booleanValue());
        if (n.isNumber()) return Optional.of(n.asInt() != 0);
        String s = n.asText().trim().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "" -> Optional.empty();
            case "true", "1", "on", "t", "yes" -> Optional.of(true);
            case "false", "0", "off", "f", "no" -> Optional.of(false);
            default -> throw ApiException.unprocessable("Validation failed: " + name + " is not a boolean");
        };
    }

    public boolean bool(String name, boolean dflt) { return bool(name).orElse(dflt); }

    public Optional<Long> longValue(String name) {
        JsonNode n = root.get(name);
        if (n == null || n.isNull()) return Optional.empty();
        if (n.isIntegralNumber()) return Optional.of(n.longValue());
        String s = n.asText().trim();
        if (s.isEmpty()) return Optional.empty();
        try {
            return Optional.of(Long.parseLong(s));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " is not a number");
        }
    }

    public Optional<Integer> integer(String name) { return longValue(name).map(Long::intValue); }

    /** Values of an array parameter ({@code x[]=a&x[]=b}, JSON array, indexed {@code x[0]=a}, or one plain value). */
    public List<String> list(String name) {
        JsonNode n = root.get(name);
        if (n == null || n.isNull()) return List.of();
        List<String> out = new ArrayList<>();
        if (n.isArray()) {
            n.forEach(v -> { if (!v.isNull() && !v.isContainerNode() && !v.asText().isEmpty()) out.add(v.asText()); });
        } else if (n.isObject()) {
            // indexed form: x[0]=a, x[1]=b
            Iterator<Map.Entry<String, JsonNode>> it = n.fields();
            while (it.hasNext()) {
                JsonNode v = it.next().getValue();
                if (!v.isContainerNode() && !v.asText().isEmpty()) out.add(v.asText());
            }
        } else if (!n.asText().isEmpty()) {
            out.add(n.asText());
        }
        return out;
    }

    /** Objects of an array-of-hashes parameter ({@code fields_attributes[0][name]}, {@code x[][k]}, or JSON). */
    public List<Params> groups(String name) {
        JsonNode n = root.get(name);
        if (n == null || n.isNull()) return List.of();
        List<Params> out = new ArrayList<>();
        if (n.isArray()) {
            n.forEach(v -> { if (v instanceof ObjectNode o) out.add(new Params(o, Map.of())); });
        } else if (n.isObject()) {
            n.properties().forEach(e -> { if (e.getValue() instanceof ObjectNode o) out.add(new Params(o, Map.of())); });
        }
        return out;
    }

    public Optional<UploadedFile> file(String name) {
        List<UploadedFile> fs = files.getOrDefault(name, Collections.emptyList());
        return fs.isEmpty() ? Optional.empty() : Optional.of(fs.get(0));
    }
}
