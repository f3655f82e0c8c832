package social.atoll.core.media;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** Builds and edits the {@code meta} JSON Mastodon clients read: {@code original}, {@code small}, {@code focus}. */
final class MediaMeta {

    private final ObjectMapper json;

    MediaMeta(ObjectMapper json) { this.json = json; }

    ObjectNode parse(String meta) {
        try {
            return meta == null || meta.isBlank() ? json.createObjectNode() : (ObjectNode) json.readTree(meta);
        } catch (IOException | ClassCastException e) {
            return json.createObjectNode();
        }
    }

    String write(ObjectNode meta) {
        try {
            return json.writeValueAsString(meta);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode size(ObjectNode target, String name, int width, int height) {
        ObjectNode n = target.putObject(name);
        n.put("width", width);
        n.put("height", height);
        n.put("size", width + "x" + height);
        n.put("aspect", height == 0 ? 0 : (double) width / height);
        return n;
    }

    static void focus(ObjectNode meta, Focus f) {
        ObjectNode n = meta.putObject("focus");
        n.put("x", f.x());
        n.put("y", f.y());
    }
}
