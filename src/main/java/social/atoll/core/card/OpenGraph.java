package social.atoll.core.card;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenGraph and Twitter-card metadata of an HTML page's head, with {@code <title>} and the description meta
 * tag as fallbacks, and the page's oEmbed endpoint ({@code <link rel="alternate" type="application/json+oembed">}).
 * Only {@code <meta>} and {@code <link>} tags are read (never scripts); values are unescaped and trimmed.
 */
record OpenGraph(String title, String description, String image, String siteName, String oembed) {

    private static final Pattern META = Pattern.compile("<meta\\s[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern LINK = Pattern.compile("<link\\s[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTR = Pattern.compile("([a-zA-Z][\\w:-]*)\\s*=\\s*(\"([^\"]*)\"|'([^']*)'|([^\\s>]+))");
    private static final Pattern TITLE = Pattern.compile("<title[^>]*>(.*?)</title>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern ENTITY = Pattern.compile("&(#x?[0-9a-fA-F]+|amp|lt|gt|quot|apos|nbsp);");

    static OpenGraph parse(String html) {
        String head = html.length() > 512 * 1024 ? html.substring(0, 512 * 1024) : html;
        int end = head.toLowerCase(Locale.ROOT).indexOf("</head>");
        if (end > 0) head = head.substring(0, end);
        Map<String, String> meta = new HashMap<>();
        String oembed = null;
        Matcher l = LINK.matcher(head);
        while (l.find() && oembed == null) {
            Map<String, String> attrs = attributes(l.group());
            String type = attrs.getOrDefault("type", "").toLowerCase(Locale.ROOT);
            boolean alternate = attrs.getOrDefault("rel", "").toLowerCase(Locale.ROOT).contains("alternate");
            if (alternate && (type.equals("application/json+oembed") || type.equals("text/json+oembed")) && attrs.get("href") != null)
                oembed = unescape(attrs.get("href")).strip();
        }
        Matcher m = META.matcher(head);
        while (m.find()) {
            Map<String, String> attrs = attributes(m.group());
            String key = attrs.getOrDefault("property", attrs.get("name"));
            String content = attrs.get("content");
            if (key != null && content != null) meta.putIfAbsent(key.toLowerCase(Locale.ROOT), unescape(content).strip());
        }
        Matcher t = TITLE.matcher(head);
        String pageTitle = t.find() ? unescape(t.group(1)).strip() : null;
        return new OpenGraph(first(meta.get("og:title"), meta.get("twitter:title"), pageTitle),
                first(meta.get("og:description"), meta.get("twitter:description"), meta.get("description")),
                first(meta.get("og:image"), meta.get("og:image:url"), meta.get("twitter:image")),
                first(meta.get("og:site_name")), oembed);
    }

    private static Map<String, String> attributes(String tag) {
        Map<String, String> attrs = new HashMap<>();
        Matcher a = ATTR.matcher(tag);
        while (a.find()) {
            String v = a.group(3) != null ? a.group(3) : a.group(4) != null ? a.group(4) : a.group(5);
            attrs.put(a.group(1).toLowerCase(Locale.ROOT), v);
        }
        return attrs;
    }

    private static String first(String... values) {
        for (String v : values) if (v != null && !v.isBlank()) return v;
        return null;
    }

    static String unescape(String s) {
        Matcher m = ENTITY.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String e = m.group(1);
            String r = switch (e) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                case "apos" -> "'";
                case "nbsp" -> " ";
                default -> {
                    try {
                        int cp = e.startsWith("#x") || e.startsWith("#X") ? Integer.parseInt(e.substring(2), 16) : Integer.parseInt(e.substring(1));
                        yield Character.isValidCodePoint(cp) ? new String(Character.toChars(cp)) : "";
                    } catch (NumberFormatException ex) {
                        yield m.group();
                    }
                }
            };
            m.appendReplacement(out, Matcher.quoteReplacement(r));
        }
        m.appendTail(out);
        return out.toString();
    }
}
