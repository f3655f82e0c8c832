package social.atoll.api.entity;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import social.atoll.core.emoji.CustomEmoji;
import social.atoll.core.emoji.CustomEmojiService;

/**
 * Custom emoji → Mastodon's CustomEmoji entity, and the {@code emojis} arrays of statuses and accounts: the
 * {@code :shortcode:}s their texts name, looked up among the emoji of the server the text was written on (this one,
 * or the author's), as Mastodon does. A page of texts costs one query per server whose texts name any.
 */
public final class EmojiViews {

    /** Mastodon's CustomEmoji; {@code category} only where Mastodon sends it (the custom_emojis list, when set). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record CustomEmojiEntity(String shortcode, String url, String staticUrl, boolean visibleInPicker,
                                    @JsonInclude(JsonInclude.Include.NON_NULL) String category) {}

    /** The texts of one status or account, and the server they were written on ("" for this one). */
    public record Texts(String domain, String... texts) {}

    private final CustomEmojiService emojis;

    public EmojiViews(CustomEmojiService emojis) { this.emojis = emojis; }

    public CustomEmojiEntity entity(CustomEmoji e, boolean withCategory) {
        var urls = emojis.urls(e);
        return new CustomEmojiEntity(e.shortcode(), urls.url(), urls.staticUrl(), e.visibleInPicker(), withCategory ? e.category() : null);
    }

    /** {@code GET /api/v1/custom_emojis}: this server's emoji offered in pickers. */
    public List<CustomEmojiEntity> picker() {
        List<CustomEmojiEntity> out = new ArrayList<>();
        for (CustomEmoji e : emojis.picker()) out.add(entity(e, true));
        return out;
    }

    /** The emoji a custom reaction names, for its {@code url}. */
    public String url(CustomEmoji e) { return e == null ? null : emojis.urls(e).url(); }

    /** The {@code emojis} array of each key's texts, in order of first appearance; keys without any map to []. */
    public <K> Map<K, List<Object>> render(Map<K, Texts> sources) {
        Map<K, Set<String>> named = new LinkedHashMap<>();
        Map<String, Set<String>> byDomain = new HashMap<>();
        sources.forEach((k, t) -> {
            Set<String> codes = CustomEmojiService.shortcodesIn(t.texts());
            if (codes.isEmpty()) return;
            named.put(k, codes);
            byDomain.computeIfAbsent(domainKey(t.domain()), d -> new java.util.HashSet<>()).addAll(codes);
        });
        if (named.isEmpty()) return Map.of();
        Map<String, Map<String, CustomEmoji>> found = emojis.find(byDomain);
        Map<K, List<Object>> out = new HashMap<>();
        named.forEach((k, codes) -> {
            Map<String, CustomEmoji> ofDomain = found.getOrDefault(domainKey(sources.get(k).domain()), Map.of());
            List<Object> list = new ArrayList<>();
            for (String c : codes) {
                CustomEmoji e = ofDomain.get(c);
                if (e != null) list.add(entity(e, false));
            }
            if (!list.isEmpty()) out.put(k, list);
        });
        return out;
    }

    private static String domainKey(String domain) { return domain == null ? "" : domain.toLowerCase(java.util.Locale.ROOT); }
}
