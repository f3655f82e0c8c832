package social.atoll.core.status;

import com.twitter.twittertext.Extractor;
import com.twitter.twittertext.Regex;
import com.twitter.twittertext.TldLists;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import social.atoll.config.Settings;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountStore;
import social.atoll.core.text.MeteredText;

/**
 * Local plain text → the HTML Mastodon clients expect. Nothing typed by a user reaches the output unescaped:
 * the text is cut into entities (links and hashtags found by twitter-text, mentions by {@link #MENTION}), the
 * pieces between them are HTML-escaped, and each entity is rendered from what was recognised. Paragraphs split on
 * blank lines, single newlines become {@code <br />}, as Rails' {@code simple_format} does for Mastodon.
 *
 * <p>Only accounts already known to this server become mention links; an unknown {@code @user@domain} stays text.
 */
public final class TextFormatter {

    /** The formatted HTML, the accounts it links as mentions (each once), and its hashtags (each once, first spelling). */
    public record Formatted(String html, List<Account> mentions, List<String> tags) {}

    /**
     * {@code @user} or {@code @user@domain}, not after a word character, {@code =} or {@code /} (so e-mail addresses
     * and URL paths are not mentions). The domain may carry a port, for local clusters.
     */
    static final Pattern MENTION = Pattern.compile(
            "(?<![=/\\w])@([a-z0-9_]+(?:[a-z0-9_.-]+[a-z0-9_]+)?)(?:@([\\w.-]+\\w(?::\\d{1,5})?))?",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern URL_PREFIX = Pattern.compile("^(https?://(www\\.)?|xmpp:)");
    private static final int DISPLAY_URL_CHARS = 30;

    private final Settings settings;
    private final AccountStore accounts;

    public TextFormatter(Settings settings, AccountStore accounts) {
        this.settings = settings;
        this.accounts = accounts;
    }

    public Formatted format(String text) { return format(text, true); }

    /**
     * {@code linkMentions = false} keeps every {@code @name} as text and links no account (imported posts: a name on
     * another service is not the account of that name here, and nobody is notified).
     */
    public Formatted format(String text, boolean linkMentions) {
        if (text == null || text.isBlank()) return new Formatted("", List.of(), List.of());
        String normalized = text.replace("\r\n", "\n").replace('\r', '\n');
        List<Entity> entities = entities(normalized);
        Map<String, Optional<Account>> resolved = new LinkedHashMap<>();
        Map<Long, Account> mentioned = new LinkedHashMap<>();
        Map<String, String> tags = new LinkedHashMap<>();

        StringBuilder html = new StringBuilder();
        int at = 0;
        for (Entity e : entities) {
            html.append(escape(normalized.substring(at, e.start)));
            switch (e.kind) {
                case URL -> html.append(link(e.value));
                case HASHTAG -> {
                    tags.putIfAbsent(e.value.toLowerCase(Locale.ROOT), e.value);
                    html.append(hashtag(e.value));
                }
                case MENTION -> {
                    if (!linkMentions) {
                        html.append(escape(normalized.substring(e.start, e.end)));
                        at = e.end;
                        continue;
                    }
                    Optional<Account> account = resolved.computeIfAbsent(e.key(), k -> lookup(e.username, e.domain));
                    if (account.isPresent()) {
                        mentioned.putIfAbsent(account.get().id(), account.get());
                        html.append(mention(account.get()));
                    } else {
                        html.append(escape(normalized.substring(e.start, e.end)));
                    }
                }
            }
            at = e.end;
        }
        html.append(escape(normalized.substring(at)));
        return new Formatted(paragraphs(html.toString()), List.copyOf(mentioned.values()), List.copyOf(tags.values()));
    }

    enum Kind { URL, HASHTAG, MENTION }

    record Entity(Kind kind, int start, int end, String value, String username, String domain) {
        String key() { return Account.key(username, domain); }
    }

    /** All entities, ordered by position; where two overlap the earlier one wins (a '#' inside a URL is no hashtag). */
    static List<Entity> entities(String text) { return entities((CharSequence) text); }

    /**
     * The same, reading the text only through {@link CharSequence#charAt} and sub-sequences, so that a
     * {@link MeteredText} counts all the work; every step is linear in the length of the text (twitter-text's URL
     * pattern, which is not, runs on one bounded token at a time and within a budget per token).
     */
    static List<Entity> entities(CharSequence text) {
        List<Entity> all = new ArrayList<>();
        for (int[] token : urlCandidates(text)) urls(text, token[0], token[1], all);
        hashtags(text, all);
        mentions(text, all);
        all.sort(Comparator.comparingInt(Entity::start));
        List<Entity> out = new ArrayList<>();
        int end = 0;
        for (Entity e : all) {
            if (e.start < end) continue;
            out.add(e);
            end = e.end;
        }
        return out;
    }

    /** Reads per character of a token that twitter-text's URL pattern may spend; an ordinary link needs under 20. */
    static final int URL_WORK_PER_CHAR = 200;
    static final int URL_WORK_BASE = 20_000;

    /**
     * The links of one candidate token, as twitter-text's {@code extractURLsWithIndices} finds those with a scheme
     * (its pattern, its t.co rule and its host and length checks), but metered: the pattern backtracks
     * polynomially on some shapes (dotted labels that end in no known domain, runs of {@code (a)} in a path), and a
     * token that costs more than its budget, or is longer than a link may be, holds no link.
     */
    private static void urls(CharSequence text, int from, int to, List<Entity> out) {
        if (to - from > Extractor.MAX_URL_LENGTH) return; // twitter-text refuses longer links, and we a longer token
        MeteredText token = new MeteredText(text.subSequence(from, to),
                new MeteredText.Meter((long) URL_WORK_PER_CHAR * (to - from) + URL_WORK_BASE));
        List<Entity> found = new ArrayList<>();
        try {
            Matcher m = Regex.VALID_URL.matcher(token);
            while (m.find()) {
                String protocol = m.group(Regex.VALID_URL_GROUP_PROTOCOL);
                if (protocol == null || protocol.isEmpty()) continue; // Mastodon links only URLs with a scheme
                String url = m.group(Regex.VALID_URL_GROUP_URL);
                int start = m.start(Regex.VALID_URL_GROUP_URL);
                int end = m.end(Regex.VALID_URL_GROUP_URL);
                Matcher tco = Regex.VALID_TCO_URL.matcher(url);
                if (tco.find()) {
                    String slug = tco.group(1);
                    if (slug != null && slug.length() > Extractor.MAX_TCO_SLUG_LENGTH) continue;
                    url = tco.group(0);
                    end = start + url.length();
                }
                if (Extractor.isValidHostAndLength(url.length(), protocol, m.group(Regex.VALID_URL_GROUP_DOMAIN)))
                    found.add(new Entity(Kind.URL, from + start, from + end, url, null, null));
            }
        } catch (MeteredText.Exhausted | StackOverflowError e) {
            // a token built to make the pattern backtrack, or to nest its groups deeper than java.util.regex recurses
            // (it recurses once per repetition of a group, so "(a)(a)(a)…" in a path overflows): no link in it
            return;
        }
        out.addAll(found);
    }

    /**
     * Hashtags by twitter-text's pattern and its end rule (no {@code #} or {@code ://} right after). Unlike its
     * {@code extractHashtagsWithIndices}, this does not run the URL pattern over the whole text to drop hashtags
     * inside links (the overlap rule of {@link #entities} does), nor copy the rest of the text after every match.
     */
    private static void hashtags(CharSequence text, List<Entity> out) {
        if (!contains(text, '#') && !contains(text, '\uFF03')) return;
        Matcher m = Regex.VALID_HASHTAG.matcher(text);
        while (m.find()) {
            int end = m.end();
            if (end < text.length() && (text.charAt(end) == '#' || text.charAt(end) == '\uFF03' || startsWith(text, end, "://")))
                continue;
            int tag = Regex.VALID_HASHTAG_GROUP_TAG;
            out.add(new Entity(Kind.HASHTAG, m.start(tag) - 1, m.end(tag), m.group(tag), null, null));
        }
    }

    /**
     * Mentions by {@link #MENTION}; a remote one counts only when its domain could be one (a host name of at most
     * 253 characters in labels of at most 63), so {@code @a@b.b.b.…} is text of its full length, not a short
     * mention.
     */
    private static void mentions(CharSequence text, List<Entity> out) {
        if (!contains(text, '@')) return;
        Matcher m = MENTION.matcher(text);
        while (m.find()) {
            if (followedByMore(text, m.end())) continue;
            String domain = m.group(2);
            if (domain != null && !validDomain(domain)) continue;
            out.add(new Entity(Kind.MENTION, m.start(), m.end(), m.group(), m.group(1), domain));
        }
    }

    /** A host name, perhaps with a port: at most 253 characters, labels of 1 to 63. */
    static boolean validDomain(String domain) {
        String host = domain.replaceFirst(":\\d{1,5}$", "");
        if (host.isEmpty() || host.length() > 253) return false;
        for (String label : host.split("\\.", -1)) if (label.isEmpty() || label.length() > 63) return false;
        return true;
    }

    private static boolean contains(CharSequence text, char c) {
        for (int i = 0; i < text.length(); i++) if (text.charAt(i) == c) return true;
        return false;
    }

    private static boolean startsWith(CharSequence text, int at, String prefix) {
        if (at + prefix.length() > text.length()) return false;
        for (int i = 0; i < prefix.length(); i++) if (text.charAt(at + i) != prefix.charAt(i)) return false;
        return true;
    }

    /**
     * The whitespace-separated tokens that may hold a link: a scheme's {@code ://} followed by a host that could be
     * one (at most 253 characters, labels of 1–63 letters, digits or hyphens, ending in a top-level domain that
     * twitter-text knows). Only these go to twitter-text's URL pattern, one token at a time: on a long run of dotted
     * labels that end in no known domain ({@code http://a.a.a.…}) that pattern backtracks for seconds, so a
     * few-KB post could hold a core for minutes. A link never spans whitespace, so nothing it would link is lost.
     */
    static List<int[]> urlCandidates(CharSequence text) {
        List<int[]> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(text.charAt(i))) i++;
            int start = i;
            while (i < n && !Character.isWhitespace(text.charAt(i))) i++;
            if (i > start && plausibleLink(text, start, i)) out.add(new int[] {start, i});
        }
        return out;
    }

    private static boolean plausibleLink(CharSequence text, int start, int end) {
        int scheme = -1;
        for (int k = start; k + 3 <= end && scheme < 0; k++) if (startsWith(text, k, "://")) scheme = k;
        if (scheme < 0) return false;
        int hostStart = scheme + 3;
        int hostEnd = hostStart;
        while (hostEnd < end && hostEnd - hostStart <= 320 && "/?#".indexOf(text.charAt(hostEnd)) < 0) hostEnd++;
        // room for user info, a port and closing punctuation; anything longer holds no host (and no regex sees it)
        if (hostEnd - hostStart > 320) return false;
        String host = text.subSequence(hostStart, hostEnd).toString();
        int userinfo = host.lastIndexOf('@');
        if (userinfo >= 0) host = host.substring(userinfo + 1);
        host = host.replaceFirst(":\\d{0,5}$", "");
        int last = host.length(); // closing punctuation, trimmed by hand: a pattern would rescan a run of it per start
        while (last > 0 && !Character.isLetterOrDigit(host.charAt(last - 1))) last--;
        host = host.substring(0, last);
        if (host.isEmpty() || host.length() > 253) return false;
        String[] labels = host.split("\\.", -1);
        for (String label : labels) {
            if (label.isEmpty() || label.length() > 63) return false;
            for (int c = 0; c < label.length(); c++) {
                char ch = label.charAt(c);
                if (!Character.isLetterOrDigit(ch) && ch != '-') return false;
            }
        }
        String tld = labels[labels.length - 1].toLowerCase(Locale.ROOT);
        return TLDS.contains(tld) || (labels.length == 4 && host.matches("\\d{1,3}(\\.\\d{1,3}){3}"));
    }

    private static final java.util.Set<String> TLDS = tlds();

    private static java.util.Set<String> tlds() {
        java.util.Set<String> all = new java.util.HashSet<>();
        for (String t : TldLists.GTLDS) all.add(t.toLowerCase(Locale.ROOT));
        for (String t : TldLists.CTLDS) all.add(t.toLowerCase(Locale.ROOT));
        return java.util.Set.copyOf(all);
    }

    /** A mention directly followed by another '@' or "://" is something else (twitter-text's end-of-mention rule). */
    private static boolean followedByMore(CharSequence text, int end) {
        return startsWith(text, end, "@") || startsWith(text, end, "://");
    }

    private Optional<Account> lookup(String username, String domain) {
        String d = domain == null || isLocal(domain) ? null : domain;
        return accounts.byAcct(username, d).filter(a -> !a.suspended());
    }

    private boolean isLocal(String domain) {
        return domain.equalsIgnoreCase(settings.domain()) || domain.equalsIgnoreCase(settings.host())
                || domain.equalsIgnoreCase(URI.create(settings.baseUrl()).getHost());
    }

    private static String link(String url) {
        Matcher p = URL_PREFIX.matcher(url);
        String prefix = p.find() ? p.group() : "";
        String rest = url.substring(prefix.length());
        int restChars = rest.codePointCount(0, rest.length());
        String display = restChars > DISPLAY_URL_CHARS ? rest.substring(0, rest.offsetByCodePoints(0, DISPLAY_URL_CHARS)) : rest;
        String suffix = rest.substring(display.length());
        return "<a href=\"" + escape(url) + "\" target=\"_blank\" rel=\"nofollow noopener\" translate=\"no\">"
                + "<span class=\"invisible\">" + escape(prefix) + "</span>"
                + "<span class=\"" + (restChars > DISPLAY_URL_CHARS ? "ellipsis" : "") + "\">" + escape(display) + "</span>"
                + "<span class=\"invisible\">" + escape(suffix) + "</span></a>";
    }

    private String hashtag(String name) {
        String url = settings.url("/tags/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"));
        return "<a href=\"" + escape(url) + "\" class=\"mention hashtag\" rel=\"tag\">#<span>" + escape(name) + "</span></a>";
    }

    private static String mention(Account a) {
        String url = a.url() != null ? a.url() : a.uri();
        return "<span class=\"h-card\" translate=\"no\"><a href=\"" + escape(url) + "\" class=\"u-url mention\">@<span>"
                + escape(a.username()) + "</span></a></span>";
    }

    /** Rails' simple_format without its sanitizer: {@code <p>} per blank-line-separated block, {@code <br />} inside. */
    private static String paragraphs(String html) {
        StringBuilder out = new StringBuilder();
        for (String block : html.split("\n{2,}")) {
            String inner = block.replaceAll("(?<=[^\\n])\\n(?=[^\\n])", "<br />").replace("\n", "");
            if (inner.isBlank()) continue;
            out.append("<p>").append(inner).append("</p>");
        }
        return out.toString();
    }

    /** HTML-escapes text and attribute values (the five characters Rails' {@code h} escapes). */
    public static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
