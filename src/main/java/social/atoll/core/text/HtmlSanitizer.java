package social.atoll.core.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.owasp.html.AttributePolicy;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * Remote HTML (profile notes, field values, post content) reduced to what Mastodon keeps: paragraphs, line breaks,
 * links, spans, lists, quotes, code and simple emphasis. Headings become {@code <strong>} as in Mastodon; other
 * elements are dropped but their text stays. Only microformat and mention classes survive ({@code h-*},
 * {@code p-*}, {@code u-*}, {@code dt-*}, {@code e-*}, {@code mention}, {@code hashtag}, {@code ellipsis},
 * {@code invisible}); links keep Mastodon's protocols and always open in a new tab with
 * {@code rel="nofollow noopener noreferrer"}. The sanitizer writes {@code @} as {@code &#64;}.
 */
public final class HtmlSanitizer {

    private HtmlSanitizer() {}

    private static final Pattern ALLOWED_CLASS = Pattern.compile("(h|p|u|dt|e)-[a-z0-9-]+|mention|hashtag|ellipsis|invisible|quote-inline");

    /** Keeps the allowed class names of a class attribute; drops the attribute when none is left. */
    private static final AttributePolicy CLASSES = (element, attribute, value) -> {
        List<String> kept = new ArrayList<>();
        for (String c : value.trim().split("\\s+")) if (ALLOWED_CLASS.matcher(c).matches()) kept.add(c);
        return kept.isEmpty() ? null : String.join(" ", kept);
    };

    private static final PolicyFactory POLICY = new HtmlPolicyBuilder()
            .allowElements("p", "br", "span", "a", "del", "s", "pre", "blockquote", "code", "b", "strong", "u", "i", "em",
                    "ul", "ol", "li", "ruby", "rt", "rp")
            .allowElements((name, attrs) -> "strong", "h1", "h2", "h3", "h4", "h5", "h6")
            .allowWithoutAttributes("span", "a")
            .allowUrlProtocols("http", "https", "dat", "dweb", "ipfs", "ipns", "ssb", "gopher", "xmpp", "magnet", "gemini")
            .allowAttributes("href").onElements("a")
            .allowAttributes("class").matching(CLASSES).onElements("a", "span", "p")
            .allowAttributes("start", "reversed").onElements("ol")
            .allowAttributes("value").onElements("li")
            .requireRelsOnLinks("nofollow", "noopener", "noreferrer")
            .allowElements((name, attrs) -> {
                if (attrs.contains("href")) {
                    attrs.add("target");
                    attrs.add("_blank");
                }
                return name;
            }, "a")
            .toFactory();

    /** Remote HTML made safe to store and show. Null stays null. */
    public static String sanitize(String html) {
        if (html == null) return null;
        return POLICY.sanitize(html);
    }

    /** Plain text escaped for HTML (names, alt texts). */
    public static String escape(String text) {
        if (text == null) return "";
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static final Pattern BR = Pattern.compile("(?i)<br\\s*+/?>");
    private static final Pattern PARAGRAPH_BREAK = Pattern.compile("(?i)</p>\\s*+<p[^<>]*+>");
    // [^<>] rather than [^>]: on "<<<<…" each '<' would otherwise rescan the rest of the text, quadratic in all
    private static final Pattern TAG = Pattern.compile("<[^<>]*+>");

    /** The visible text of HTML, for one-line contexts (search matching, plain-text fallbacks). */
    public static String text(String html) { return text(html, MeteredText.Meter.unlimited()); }

    /** The same, with the patterns' reads counted on {@code meter}; linear in the length of {@code html}. */
    static String text(String html, MeteredText.Meter meter) {
        if (html == null) return "";
        String s = BR.matcher(new MeteredText(html, meter)).replaceAll("\n");
        s = PARAGRAPH_BREAK.matcher(new MeteredText(s, meter)).replaceAll("\n\n");
        String noTags = TAG.matcher(new MeteredText(s, meter)).replaceAll("");
        return noTags.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&#64;", "@").replace("&amp;", "&").strip();
    }
}
