package social.atoll.web.view;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import social.atoll.api.entity.EmojiViews;

/**
 * Custom emoji shown as images in a post's sanitized HTML, as Mastodon's web app does: each {@code :shortcode:} the
 * status's {@code emojis} array names becomes an {@code img} whose alt text is the shortcode. Only text between tags is
 * touched, so an attribute that happens to hold {@code :x:} stays as it is. Display names, bios and profile fields
 * get the same from their account's {@code emojis}.
 */
public final class InlineEmoji {

    private static final Pattern CODE = Pattern.compile(":([a-zA-Z0-9_]{2,128}):");

    private InlineEmoji() {}

    public static String html(String html, List<Object> emojis) {
        if (html == null || emojis == null || emojis.isEmpty() || html.indexOf(':') < 0) return html;
        Map<String, String> urls = new HashMap<>();
        for (Object o : emojis) if (o instanceof EmojiViews.CustomEmojiEntity e) urls.put(e.shortcode(), e.url());
        if (urls.isEmpty()) return html;
        StringBuilder out = new StringBuilder(html.length() + 64);
        int i = 0;
        while (i < html.length()) {
            int lt = html.indexOf('<', i);
            int end = lt < 0 ? html.length() : lt;
            out.append(replace(html.substring(i, end), urls));
            if (lt < 0) break;
            int gt = html.indexOf('>', lt);
            if (gt < 0) {
                out.append(html, lt, html.length());
                break;
            }
            out.append(html, lt, gt + 1);
            i = gt + 1;
        }
        return out.toString();
    }

    /**
     * Plain text (a display name) as HTML: escaped, with the custom emoji {@code emojis} names as images, as the
     * account entity's {@code emojis} lists them. The result is safe to insert unescaped.
     */
    public static String text(String plain, List<Object> emojis) {
        String escaped = escape(plain == null ? "" : plain);
        if (emojis == null || emojis.isEmpty() || escaped.indexOf(':') < 0) return escaped;
        Map<String, String> urls = new HashMap<>();
        for (Object o : emojis) if (o instanceof EmojiViews.CustomEmojiEntity e) urls.put(e.shortcode(), e.url());
        return urls.isEmpty() ? escaped : replace(escaped, urls);
    }

    private static String replace(String text, Map<String, String> urls) {
        Matcher m = CODE.matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String url = urls.get(m.group(1));
            String rep = url == null ? m.group() : "<img class=\"emoji\" src=\"" + escape(url) + "\" alt=\":" + m.group(1) + ":\" title=\":"
                    + m.group(1) + ":\" width=\"20\" height=\"20\" draggable=\"false\">";
            m.appendReplacement(b, Matcher.quoteReplacement(rep));
        }
        m.appendTail(b);
        return b.toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
