package social.atoll.web.site;

/** Plain text from the sanitized HTML of posts and profiles, for descriptions (link previews, feeds, oEmbed). */
final class Text {

    private Text() {}

    /** The text of {@code html} without tags, entities decoded, whitespace collapsed, cut at {@code max} characters. */
    static String plain(String html, int max) {
        if (html == null || html.isBlank()) return null;
        String s = html.replaceAll("(?i)<br\\s*/?>|</p>\\s*<p>", " ").replaceAll("<[^>]*>", "")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&#64;", "@")
                .replace("&amp;", "&").replaceAll("\\s+", " ").strip();
        if (s.isEmpty()) return null;
        return s.length() <= max ? s : s.substring(0, max - 1).strip() + "…";
    }
}
