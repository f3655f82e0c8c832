package social.atoll.federation.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import social.atoll.core.emoji.CustomEmoji;
import social.atoll.core.emoji.CustomEmojiService;
import social.atoll.core.status.Status;
import social.atoll.federation.vocab.AsValues;
import social.atoll.federation.vocab.EmojiTags;

/**
 * What Akkoma's {@code EmojiReact} and Misskey's {@code Like} with a reaction have in common: the emoji in
 * {@code content} (Misskey: {@code _misskey_reaction}), a custom one as {@code :name:} with its Emoji tag. A custom
 * emoji is remembered under the server its tag's id names (a reaction may use a third server's emoji), else the
 * actor's.
 */
final class InboundReactions {

    private InboundReactions() {}

    /** The reaction an activity carries, or null: a plain Like. */
    static String content(JsonNode activity) {
        String r = AsValues.text(activity, "_misskey_reaction");
        if (r == null || r.isBlank()) r = AsValues.text(activity, "content");
        return r == null || r.isBlank() ? null : r.strip();
    }

    static boolean react(InboxServices s, InboundActivity a, String content) {
        Optional<Status> st = s.remoteStatuses().byUri(a.objectId());
        if (st.isEmpty()) return false;
        return s.reactions().reactRemote(a.actor().id(), st.get(), content, customEmoji(s, a.json(), a, content), a.id());
    }

    /** Undo of a reaction embedded in full (when its id is not one we stored). */
    static boolean undo(InboxServices s, InboundActivity a, JsonNode inner) {
        if (s.reactions().undoRemote(a.actor().id(), AsValues.text(inner, "id"))) return true;
        String content = content(inner);
        if (content == null) return false;
        Optional<Status> st = s.remoteStatuses().byUri(AsValues.id(inner, "object"));
        return st.isPresent() && s.reactions().undoRemote(a.actor().id(), st.get(), content, customEmoji(s, inner, a, content));
    }

    private static CustomEmoji customEmoji(InboxServices s, JsonNode activity, InboundActivity a, String content) {
        if (!content.startsWith(":") || !content.endsWith(":") || content.length() < 3) return null;
        String name = content.substring(1, content.length() - 1);
        for (CustomEmojiService.RemoteEmoji tag : EmojiTags.read(activity)) {
            if (!tag.shortcode().equals(name)) continue;
            String domain = tag.uri() != null && AsValues.authority(tag.uri()) != null ? AsValues.authority(tag.uri()) : a.actor().domain();
            if (domain.equalsIgnoreCase(s.settings().domain())) return null; // our own emoji: found by its shortcode
            List<CustomEmoji> stored = s.emojis().remember(domain, List.of(tag));
            return stored.isEmpty() ? null : stored.get(0);
        }
        return null;
    }
}
