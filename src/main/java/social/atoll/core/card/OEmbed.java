package social.atoll.core.card;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import social.atoll.infra.db.JsonColumns;

/**
 * An oEmbed response (JSON) reduced to what a card shows. The {@code html} of video and rich embeds keeps only an
 * {@code <iframe>} with an http(s) {@code src}, a size and a sandbox (Mastodon's oEmbed allow-list keeps the same
 * attributes); embeds whose html has no such iframe become link cards. A photo's {@code url} is its picture.
 *
 * @param type photo, video, rich or link
 * @param image the picture to show: the photo itself, else the embed's thumbnail
 */
record OEmbed(String type, String title, String authorName, String authorUrl, String providerName, String providerUrl,
              String html, String embedUrl, int width, int height, String image) {

    private static final Pattern SIZE = Pattern.compile("\\d{1,4}%?");
    private static final String SANDBOX = "allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox allow-forms";

    private static final PolicyFactory IFRAME = new HtmlPolicyBuilder()
            .allowUrlProtocols("http", "https")
            .allowAttributes("src").onElements("iframe")
            .allowAttributes("width", "height").matching(SIZE).onElements("iframe")
            .allowAttributes("allowfullscreen", "frameborder", "scrolling").onElements("iframe")
            .allowElements((name, attrs) -> {
                if (!attrs.contains("src")) return null; // an iframe without an allowed source is dropped
                attrs.add("sandbox");
                attrs.add(SANDBOX);
                return name;
            }, "iframe")
            .toFactory();

    /** The embed of an oEmbed JSON document; empty when it is not one. */
    static Optional<OEmbed> parse(String json, JsonColumns codec) {
        Map<String, Object> n;
        try {
            n = codec.readMap(json);
        } catch (JsonColumns.JsonColumnException e) {
            return Optional.empty();
        }
        String type = text(n, "type").toLowerCase(Locale.ROOT);
        int width = number(n, "width");
        int height = number(n, "height");
        String html = "";
        String embedUrl = "";
        String image = text(n, "thumbnail_url");
        switch (type) {
            case "photo" -> {
                embedUrl = text(n, "url");
                if (embedUrl.isEmpty()) return Optional.empty();
                image = embedUrl;
            }
            case "video", "rich" -> {
                html = iframe(text(n, "html"));
                if (html.isEmpty()) type = "link"; // nothing safe to embed: a plain link card
            }
            case "link" -> { }
            default -> { return Optional.empty(); }
        }
        if (!"photo".equals(type) && !"video".equals(type) && !"rich".equals(type)) {
            width = 0;
            height = 0;
        }
        return Optional.of(new OEmbed(type, text(n, "title"), text(n, "author_name"), httpUrl(text(n, "author_url")),
                text(n, "provider_name"), httpUrl(text(n, "provider_url")), html, embedUrl, Math.max(0, width),
                Math.max(0, height), image.isEmpty() ? null : image));
    }

    /** This embed with its picture URLs made absolute against the oEmbed document's address (they may be relative). */
    OEmbed resolve(java.net.URI base) {
        return new OEmbed(type, title, authorName, authorUrl, providerName, providerUrl, html, absolute(base, embedUrl),
                width, height, image == null ? null : absolute(base, image));
    }

    private static String absolute(java.net.URI base, String ref) {
        if (ref.isEmpty()) return ref;
        try {
            return base.resolve(ref.replace(" ", "%20")).toString();
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** Only the embed's iframe (sandboxed); empty when there is none. */
    static String iframe(String html) {
        if (html == null || html.isBlank()) return "";
        String safe = IFRAME.sanitize(html).strip();
        return safe.contains("<iframe") ? safe : "";
    }

    private static String text(Map<String, Object> n, String field) {
        Object v = n.get(field);
        return v == null || v instanceof Map || v instanceof java.util.List ? "" : v.toString().strip();
    }

    /** A size as providers send it: a number, or a number in a string ({@code "640"}); 0 when it is neither. */
    private static int number(Map<String, Object> n, String field) {
        Object v = n.get(field);
        if (v instanceof Number num) return num.intValue();
        if (v instanceof String str) {
            try {
                return (int) Double.parseDouble(str.strip());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    private static String httpUrl(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://") ? s : "";
    }
}
