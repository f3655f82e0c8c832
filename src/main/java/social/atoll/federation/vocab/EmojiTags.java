package social.atoll.federation.vocab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import social.atoll.core.emoji.CustomEmoji;
import social.atoll.core.emoji.CustomEmojiService;

/**
 * Custom emoji in ActivityStreams: Mastodon's {@code Emoji} tag, written as Mastodon writes it and read as Mastodon,
 * Misskey, Pleroma and Akkoma send it (Akkoma's reactions name it without colons and may give no id; {@code icon} and
 * its {@code url} may be an object, a Link or an array).
 */
public final class EmojiTags {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private EmojiTags() {}

    /** {@code {id, type: Emoji, name: ":x:", updated, icon: {type: Image, mediaType, url}}} for a local emoji. */
    public static ObjectNode tag(CustomEmoji e, String url) {
        ObjectNode t = F.objectNode();
        t.put("id", e.uri());
        t.put("type", "Emoji");
        t.put("name", e.colons());
        t.put("updated", ActorWriter.time(e.updatedAt()));
        ObjectNode icon = t.putObject("icon");
        icon.put("type", "Image");
        if (e.contentType() != null) icon.put("mediaType", e.contentType());
        icon.put("url", url);
        return t;
    }

    /** The Emoji tags of a note, actor or activity: name without colons, icon URL, id (may be null). */
    public static List<CustomEmojiService.RemoteEmoji> read(JsonNode obj) {
        List<CustomEmojiService.RemoteEmoji> out = new ArrayList<>();
        if (obj == null) return out;
        for (JsonNode t : AsValues.list(obj.get("tag"))) {
            if (!t.isObject() || !"Emoji".equals(AsValues.type(t))) continue;
            String name = AsValues.text(t, "name");
            if (name == null) continue;
            name = name.strip();
            if (name.startsWith(":")) name = name.substring(1);
            if (name.endsWith(":")) name = name.substring(0, name.length() - 1);
            JsonNode icon = AsValues.first(t.get("icon"));
            String url = icon == null ? null : icon.isTextual() ? icon.asText() : AsValues.id(icon.get("url"));
            if (url == null && icon != null && icon.path("href").isTextual()) url = icon.get("href").asText();
            if (url == null || AsValues.httpUri(url) == null) continue;
            out.add(new CustomEmojiService.RemoteEmoji(name, url, AsValues.text(t, "id")));
        }
        return out;
    }
}
