package social.atoll.core.emoji;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.atoll.config.Settings;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.common.ValidationException;
import social.atoll.core.media.ImageFormat;
import social.atoll.core.media.ImageProcessor;
import social.atoll.core.media.MediaProxySigner;
import social.atoll.core.moderation.ActionLogStore;
import social.atoll.core.moderation.Permission;
import social.atoll.core.moderation.StaffAccess;
import social.atoll.infra.db.Database;
import social.atoll.infra.ids.IdGenerator;
import social.atoll.infra.storage.BlobKeys;
import social.atoll.infra.storage.BlobStore;

/**
 * Custom emoji: the administrators' own (added one by one or from an archive, listed, re-categorised, hidden from the
 * picker, removed), and those other servers use, remembered from the {@code Emoji} tags of their notes and actors.
 * Also where text is scanned for {@code :shortcode:} and an emoji's image URLs are decided.
 */
public final class CustomEmojiService {

    private static final Logger log = LoggerFactory.getLogger(CustomEmojiService.class);

    /** Mastodon's limit for an emoji image file. */
    public static final int MAX_BYTES = 256 * 1024;
    private static final Pattern SHORTCODE = Pattern.compile("[a-zA-Z0-9_]{2,128}");

    /** The URLs of an emoji a reader loads: this server's blob URLs, or another server's through the media proxy. */
    public record Urls(String url, String staticUrl) {}

    /** An emoji tag read from another server: {@code :name:}'s inner name, its icon URL, its id. */
    public record RemoteEmoji(String shortcode, String url, String uri) {}

    private final Database db;
    private final CustomEmojiStore store;
    private final BlobStore blobs;
    private final ImageProcessor images;
    private final MediaProxySigner proxy;
    private final Settings settings;
    private final IdGenerator ids;
    private final Clock clock;
    private final ActionLogStore auditLog;

    public CustomEmojiService(Database db, CustomEmojiStore store, BlobStore blobs, ImageProcessor images, MediaProxySigner proxy,
                              Settings settings, IdGenerator ids, Clock clock, ActionLogStore auditLog) {
        this.auditLog = auditLog;
        this.db = db;
        this.store = store;
        this.blobs = blobs;
        this.images = images;
        this.proxy = proxy;
        this.settings = settings;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * Adds a local emoji from an image file (PNG, GIF or WebP, at most 256 KB; SVG and the rest are refused by their
     * first bytes, whatever their name says). {@code manage_custom_emojis}; audited as Mastodon's {@code create}.
     */
    public CustomEmoji add(StaffAccess.Actor actor, String shortcode, byte[] data, String category) {
        StaffAccess.require(actor, Permission.MANAGE_CUSTOM_EMOJIS);
        String code = checkShortcode(shortcode);
        if (data.length > MAX_BYTES) throw new ValidationException("Image file size must be less than 256 KB");
        ImageFormat format = ImageFormat.sniff(data).orElse(null);
        if (format == null || format == ImageFormat.JPEG) throw new ValidationException("Image must be a PNG, GIF or WebP file");
        if (store.find("", code).isPresent()) throw new ValidationException("Shortcode has already been taken");
        ImageProcessor.EmojiImages processed = images.emoji(data);
        long id = ids.next();
        String base = "custom_emojis/" + BlobKeys.partition(id) + "/";
        String imageKey = base + "original." + processed.image().format().extension;
        String staticKey = base + "static.png";
        try {
            blobs.put(imageKey, processed.image().bytes(), processed.image().format().contentType);
            blobs.put(staticKey, processed.still().bytes(), ImageFormat.PNG.contentType);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Instant now = clock.instant();
        String cat = category(category);
        try {
            db.write(h -> {
                store.insertLocal(h, id, code, settings.url("/emojis/" + id), imageKey, staticKey, processed.image().format().contentType, cat, now);
                auditLog.record(h, actor, "create", "CustomEmoji", id, code, Map.of());
                return null;
            });
        } catch (RuntimeException e) {
            deleteBlobs(imageKey, staticKey);
            if (store.find("", code).isPresent()) throw new ValidationException("Shortcode has already been taken");
            throw e;
        }
        return store.byId(id).orElseThrow();
    }

    /** This server's emoji, by category then shortcode. */
    public List<CustomEmoji> local() { return store.local(); }

    /** What {@code /api/v1/custom_emojis} and the pickers offer: this server's emoji shown in the picker. */
    public List<CustomEmoji> picker() { return store.local().stream().filter(CustomEmoji::visibleInPicker).toList(); }

    public Optional<CustomEmoji> localEmoji(String shortcode) { return store.find("", shortcode); }

    public Optional<CustomEmoji> byId(long id) { return store.byId(id); }

    /**
     * Changes a local emoji's category (blank: none) and whether pickers offer it; audited as Mastodon's
     * {@code update}, or {@code disable}/{@code enable} when only its place in pickers changed.
     */
    public CustomEmoji update(StaffAccess.Actor actor, String shortcode, String category, boolean visibleInPicker) {
        StaffAccess.require(actor, Permission.MANAGE_CUSTOM_EMOJIS);
        CustomEmoji e = store.find("", shortcode).orElseThrow(() -> new NotFoundException("custom emoji"));
        String cat = category(category);
        boolean sameCategory = java.util.Objects.equals(cat, e.category());
        String action = sameCategory && e.visibleInPicker() != visibleInPicker ? (visibleInPicker ? "enable" : "disable") : "update";
        db.write(h -> {
            store.update(h, e.id(), cat, visibleInPicker, clock.instant());
            auditLog.record(h, actor, action, "CustomEmoji", e.id(), e.shortcode(),
                    Map.of("category", cat == null ? "" : cat, "visible_in_picker", visibleInPicker));
            return null;
        });
        return store.byId(e.id()).orElseThrow();
    }

    /** Removes a local emoji and its images; text that names it shows {@code :shortcode:} again. Audited as {@code destroy}. */
    public void remove(StaffAccess.Actor actor, String shortcode) {
        StaffAccess.require(actor, Permission.MANAGE_CUSTOM_EMOJIS);
        CustomEmoji e = store.find("", shortcode).orElseThrow(() -> new NotFoundException("custom emoji"));
        db.write(h -> {
            store.delete(h, e.id());
            auditLog.record(h, actor, "destroy", "CustomEmoji", e.id(), e.shortcode(), Map.of());
            return null;
        });
        deleteBlobs(e.imageKey(), e.staticKey());
    }

    /** The URLs readers load for an emoji. */
    public Urls urls(CustomEmoji e) {
        if (e.local()) return new Urls(blobs.url(e.imageKey()), blobs.url(e.staticKey()));
        String p = proxy.proxied(e.imageRemoteUrl());
        return new Urls(p, p);
    }

    /**
     * Remembers the emoji another server ({@code domain}) uses in a note or actor; a tag with a malformed name or a
     * non-http(s) icon is left out. Returns the rows, for reactions that name one.
     */
    public List<CustomEmoji> remember(String domain, List<RemoteEmoji> tags) {
        if (domain == null || tags.isEmpty()) return List.of();
        String d = domain.toLowerCase(Locale.ROOT);
        List<CustomEmoji> out = new ArrayList<>();
        for (RemoteEmoji t : tags) {
            if (t.shortcode() == null || !SHORTCODE.matcher(t.shortcode()).matches() || t.url() == null) continue;
            String lower = t.url().toLowerCase(Locale.ROOT);
            if (!lower.startsWith("https://") && !lower.startsWith("http://")) continue;
            try {
                out.add(db.write(h -> store.upsertRemote(h, ids.next(), d, t.shortcode(), t.uri(), t.url(), clock.instant())));
            } catch (RuntimeException e) {
                log.info("cannot remember emoji :{}: of {}: {}", t.shortcode(), d, e.getMessage());
            }
        }
        return out;
    }

    /** A remote emoji already remembered. */
    public Optional<CustomEmoji> remote(String domain, String shortcode) {
        return domain == null ? Optional.empty() : store.find(domain.toLowerCase(Locale.ROOT), shortcode);
    }

    /**
     * The emoji that texts written on one server name: for each server ({@code ""} for this one), the shortcodes found
     * in its texts, looked up with one query per server.
     */
    public Map<String, Map<String, CustomEmoji>> find(Map<String, Set<String>> shortcodesByDomain) {
        Map<String, Map<String, CustomEmoji>> out = new HashMap<>();
        shortcodesByDomain.forEach((domain, codes) -> {
            if (codes.isEmpty()) return;
            Map<String, CustomEmoji> found = new HashMap<>();
            for (CustomEmoji e : store.among(domain, codes)) found.put(e.shortcode(), e);
            out.put(domain, found);
        });
        return out;
    }

    public List<CustomEmoji> byIds(java.util.Collection<Long> idList) { return store.byIds(idList); }

    /** The distinct {@code :shortcode:} names in texts, in order of appearance. */
    public static Set<String> shortcodesIn(String... texts) {
        Set<String> out = new LinkedHashSet<>();
        for (String t : texts) if (t != null) scan(t, out);
        return out;
    }

    /**
     * Mastodon's scan ({@code (?<=[^\p{Alnum}:]|\n|^):([a-zA-Z0-9_]{2,128}):(?=[^\p{Alnum}:]|$)}) by hand: it runs
     * on every status of every page rendered, and the regex, starting with a look-behind, was tried at every
     * character of the text (a tenth of a home page's CPU time in the profile); this only looks at the colons.
     */
    private static void scan(String t, Set<String> out) {
        int n = t.length();
        int i = t.indexOf(':');
        while (i >= 0) {
            int next = i + 1;
            if (i == 0 || !glued(t.charAt(i - 1))) {
                int end = i + 1;
                while (end < n && shortcodeChar(t.charAt(end))) end++;
                int len = end - i - 1;
                if (len >= 2 && len <= 128 && end < n && t.charAt(end) == ':' && (end + 1 == n || !glued(t.charAt(end + 1)))) {
                    out.add(t.substring(i + 1, end));
                    next = end + 1;
                }
            }
            i = next < n ? t.indexOf(':', next) : -1;
        }
    }

    /** A letter, digit (ASCII, as {@code \p{Alnum}}) or colon: a shortcode may not touch one. */
    private static boolean glued(char c) { return c == ':' || (c < 128 && Character.isLetterOrDigit(c)); }

    private static boolean shortcodeChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    /** The local emoji a text names (for the Emoji tags of an outgoing note or actor). */
    public List<CustomEmoji> localIn(String... texts) {
        Set<String> codes = shortcodesIn(texts);
        if (codes.isEmpty()) return List.of();
        return store.among("", codes);
    }

    static String checkShortcode(String raw) {
        String s = raw == null ? "" : raw.strip();
        if (s.startsWith(":") && s.endsWith(":") && s.length() > 2) s = s.substring(1, s.length() - 1);
        if (!SHORTCODE.matcher(s).matches())
            throw new ValidationException("Shortcode must be at least 2 characters: only letters, digits and underscores");
        return s;
    }

    private static String category(String raw) {
        if (raw == null || raw.isBlank()) return null;
        String c = raw.strip();
        if (c.length() > 128) throw new ValidationException("Category is too long (maximum is 128 characters)");
        return c;
    }

    private void deleteBlobs(String... keys) {
        for (String k : keys) {
            if (k == null) continue;
            try {
                blobs.delete(k);
            } catch (IOException e) {
                log.warn("cannot delete emoji image {}: {}", k, e.getMessage());
            }
        }
    }
}
