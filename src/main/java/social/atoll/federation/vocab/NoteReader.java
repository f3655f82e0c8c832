package social.atoll.federation.vocab;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.time.Instant;
import java.util.Set;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountStore;
import social.atoll.core.poll.RemotePolls;
import social.atoll.core.media.Focus;
import social.atoll.core.status.RemoteNote;
import social.atoll.core.status.Visibility;
import social.atoll.core.text.HtmlSanitizer;

/**
 * AS2 {@code Note} (and the types Mastodon converts: {@code Question}, {@code Article}, {@code Page}, {@code Video},
 * {@code Event}, {@code Image}, {@code Audio}) → {@link RemoteNote}. HTML is sanitized here; visibility follows
 * Mastodon's reading of {@code to}/{@code cc} (spec §3.2); only accounts this server knows become mentions.
 */
public final class NoteReader {

    /** The object types stored as statuses. */
    public static final Set<String> NOTE_TYPES = Set.of("Note", "Question", "Article", "Page", "Video", "Event", "Image", "Audio");
    /** Types shown as a title, a link and a summary, as Mastodon converts them. */
    private static final Set<String> CONVERTED = Set.of("Article", "Page", "Video", "Event", "Image", "Audio");
    static final int MAX_MEDIA = 20;
    static final int MAX_POLL_OPTIONS = 20;

    private final AccountStore accounts;

    public NoteReader(AccountStore accounts) { this.accounts = accounts; }

    public static boolean isNote(JsonNode obj) {
        for (String t : AsValues.types(obj)) if (NOTE_TYPES.contains(t)) return true;
        return false;
    }

    /**
     * Reads {@code obj}, written by {@code author}; {@code inboxOwner} (may be null) received it in a personal inbox
     * and is added as a silent addressee of a direct or limited post.
     */
    public RemoteNote parse(JsonNode obj, Account author, Account inboxOwner) {
        String type = AsValues.type(obj);
        List<String> to = AsValues.ids(obj.get("to"));
        List<String> cc = AsValues.ids(obj.get("cc"));

        Set<Long> mentioned = new LinkedHashSet<>();
        Set<String> mentionHrefs = new LinkedHashSet<>();
        List<String> tags = new ArrayList<>();
        for (JsonNode t : AsValues.list(obj.get("tag"))) {
            String tt = AsValues.type(t);
            if ("Mention".equals(tt)) {
                String href = AsValues.text(t, "href");
                if (href == null) continue;
                mentionHrefs.add(href);
                accounts.byUri(href).ifPresent(a -> mentioned.add(a.id()));
            } else if ("Hashtag".equals(tt)) {
                String name = AsValues.text(t, "name");
                if (name != null) {
                    name = name.startsWith("#") ? name.substring(1) : name;
                    if (!name.isBlank() && name.length() <= 100) tags.add(name);
                }
            }
        }

        Visibility vis = visibility(obj, to, cc, author, mentionHrefs);
        Set<Long> silent = new LinkedHashSet<>();
        for (String addressee : concat(to, cc)) {
            if (AsValues.isPublic(addressee) || addressee.equals(author.followersUrl()) || mentionHrefs.contains(addressee)) continue;
            accounts.byUri(addressee).filter(Account::local).ifPresent(a -> silent.add(a.id()));
        }
        if (inboxOwner != null && (vis == Visibility.DIRECT || vis == Visibility.LIMITED) && !mentioned.contains(inboxOwner.id()))
            silent.add(inboxOwner.id());

        String content = AsValues.natural(obj, "content");
        String name = AsValues.natural(obj, "name");
        String summary = AsValues.natural(obj, "summary");
        String url = url(obj);
        String html;
        if (CONVERTED.contains(type)) {
            StringBuilder b = new StringBuilder();
            if (name != null && !name.isBlank()) b.append("<p><strong>").append(HtmlSanitizer.escape(name.strip())).append("</strong></p>");
            if (content != null) b.append(HtmlSanitizer.sanitize(content));
            if (url != null) b.append("<p><a href=\"").append(HtmlSanitizer.escape(url)).append("\">")
                    .append(HtmlSanitizer.escape(url)).append("</a></p>");
            html = b.toString();
        } else {
            html = content == null ? "" : HtmlSanitizer.sanitize(content);
        }
        String spoiler = summary == null ? "" : plain(summary);
        boolean sensitive = AsValues.bool(obj, "sensitive") || summary != null;
        return new RemoteNote(AsValues.text(obj, "id"), url, author.id(), AsValues.id(obj, "inReplyTo"), html, spoiler, sensitive,
                vis, language(obj), AsValues.instant(obj, "published"), List.copyOf(mentioned), List.copyOf(silent), tags,
                media(obj));
    }

    /**
     * Mastodon's classification: public if Public is in {@code to}; unlisted if in {@code cc}; private if the
     * author's followers collection is in {@code to}; limited when someone is addressed without a Mention (or
     * {@code directMessage} is false); else direct.
     */
    static Visibility visibility(JsonNode obj, List<String> to, List<String> cc, Account author, Set<String> mentionHrefs) {
        if (to.stream().anyMatch(AsValues::isPublic)) return Visibility.PUBLIC;
        if (cc.stream().anyMatch(AsValues::isPublic)) return Visibility.UNLISTED;
        if (author.followersUrl() != null && to.contains(author.followersUrl())) return Visibility.PRIVATE;
        JsonNode dm = obj.get("directMessage");
        if (dm != null && dm.isBoolean() && !dm.asBoolean()) return Visibility.LIMITED;
        for (String a : concat(to, cc)) {
            if (a.equals(author.followersUrl())) continue;
            if (!mentionHrefs.contains(a)) return Visibility.LIMITED;
        }
        return Visibility.DIRECT;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** The HTML permalink: a string, a Link, or an array of Links (text/html preferred). */
    static String url(JsonNode obj) {
        List<JsonNode> urls = AsValues.list(obj.get("url"));
        String fallback = null;
        for (JsonNode u : urls) {
            if (u.isTextual()) {
                if (fallback == null) fallback = u.asText();
            } else if (u.isObject()) {
                String href = AsValues.text(u, "href");
                if (href == null) continue;
                if ("text/html".equals(AsValues.text(u, "mediaType"))) return href;
                if (fallback == null) fallback = href;
            }
        }
        return fallback != null && (fallback.startsWith("https://") || fallback.startsWith("http://")) ? fallback : null;
    }

    private static String language(JsonNode obj) {
        JsonNode map = obj.get("contentMap");
        if (map != null && map.isObject() && map.fieldNames().hasNext()) {
            String lang = map.fieldNames().next();
            if (lang.matches("[a-zA-Z]{2,3}([-_][a-zA-Z0-9]{2,8})?")) return lang.toLowerCase(Locale.ROOT);
        }
        return null;
    }

    /** Content warnings are plain text: tags dropped, the common entities decoded, MK's zero-width CW emptied. */
    static String plain(String html) {
        String s = html.replaceAll("<[^>]*>", "").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&");
        s = s.replace("\u200b", "").strip();
        return s.length() > 1000 ? s.substring(0, 1000) : s;
    }

    /** The poll of a {@code Question} ({@code oneOf}, or {@code anyOf} for multiple choice), if it is one. */
    public static Optional<RemotePolls.Tally> poll(JsonNode obj) {
        if (!AsValues.hasType(obj, "Question")) return Optional.empty();
        boolean multiple = obj.hasNonNull("anyOf");
        List<String> options = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        for (JsonNode o : AsValues.list(obj.get(multiple ? "anyOf" : "oneOf"))) {
            String name = AsValues.natural(o, "name");
            if (name == null || options.size() >= MAX_POLL_OPTIONS) continue;
            options.add(plain(name));
            JsonNode total = o.path("replies").path("totalItems");
            counts.add(total.canConvertToInt() ? Math.max(0, total.asInt()) : 0);
        }
        if (options.isEmpty()) return Optional.empty();
        JsonNode voters = obj.get("votersCount");
        Instant closed = AsValues.instant(obj, "closed");
        return Optional.of(new RemotePolls.Tally(options, multiple, AsValues.instant(obj, "endTime"), closed, counts,
                voters != null && voters.canConvertToInt() ? voters.asInt() : null));
    }

    private static List<RemoteNote.Media> media(JsonNode obj) {
        List<RemoteNote.Media> out = new ArrayList<>();
        for (JsonNode a : AsValues.list(obj.get("attachment"))) {
            if (out.size() >= MAX_MEDIA || !a.isObject()) continue;
            String t = AsValues.type(a);
            if ("Link".equals(t) || "PropertyValue".equals(t)) continue; // link previews and fields are not media
            String url = mediaUrl(a.get("url"));
            if (url == null || !(url.startsWith("https://") || url.startsWith("http://"))) continue;
            String mediaType = AsValues.text(a, "mediaType");
            String alt = AsValues.text(a, "summary") != null ? AsValues.text(a, "summary") : AsValues.natural(a, "name");
            String blurhash = AsValues.text(a, "blurhash");
            if (blurhash != null && !blurhash.matches("[0-9A-Za-z#$%*+,\\-.:;=?@\\[\\]^_{|}~]{6,}")) blurhash = null;
            out.add(new RemoteNote.Media(mediaKind(t, mediaType), url, mediaType, alt == null ? null : plain(alt), blurhash,
                    intOrNull(a, "width"), intOrNull(a, "height"), focalPoint(a.get("focalPoint"))));
        }
        return out;
    }

    /** Mastodon's {@code focalPoint}, {@code [x, y]} between -1 and 1 (clamped); null when absent or not two numbers. */
    private static Focus focalPoint(JsonNode p) {
        if (p == null || !p.isArray() || p.size() != 2 || !p.get(0).isNumber() || !p.get(1).isNumber()) return null;
        double x = p.get(0).asDouble();
        double y = p.get(1).asDouble();
        if (!Double.isFinite(x) || !Double.isFinite(y)) return null;
        return Focus.parse(x + "," + y);
    }

    private static String mediaUrl(JsonNode url) {
        JsonNode f = AsValues.first(url);
        if (f == null) return null;
        if (f.isTextual()) return f.asText();
        return AsValues.text(f, "href");
    }

    private static String mediaKind(String type, String mediaType) {
        String mt = mediaType == null ? "" : mediaType.toLowerCase(Locale.ROOT);
        if (mt.equals("image/gif") && "Video".equals(type)) return "gifv";
        if (mt.startsWith("image/") || "Image".equals(type)) return "image";
        if (mt.startsWith("video/") || "Video".equals(type)) return "video";
        if (mt.startsWith("audio/") || "Audio".equals(type)) return "audio";
        return "unknown";
    }

    private static Integer intOrNull(JsonNode a, String field) {
        JsonNode v = a.get(field);
        return v != null && v.canConvertToInt() ? v.asInt() : null;
    }
}
