package social.atoll.core.announcement;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.common.ValidationException;
import social.atoll.infra.db.Database;
import social.atoll.infra.events.EventBus;
import social.atoll.infra.ids.IdGenerator;

/**
 * Instance announcements: published by an admin (for now through {@code atoll admin announcements create}), read
 * by users, who can mark them read ("dismiss") and react with emoji.
 */
public final class AnnouncementService {

    /** An announcement as a viewer sees it. */
    public record Announcement(long id, String text, String content, Instant startsAt, Instant endsAt, boolean allDay,
                               Instant publishedAt, Instant updatedAt, boolean read, List<Reaction> reactions) {}

    /** Reactions of one name: how many, and whether the viewer is among them. */
    public record Reaction(String name, int count, boolean me) {}

    /** Announced on publication (streaming sends {@code announcement}). */
    public record Published(long announcementId) {}

    /** Mastodon's limit of distinct reactions on one announcement. */
    public static final int MAX_REACTIONS = 8;

    private final Database db;
    private final AnnouncementStore store;
    private final IdGenerator ids;
    private final Clock clock;
    private final EventBus events;

    public AnnouncementService(Database db, AnnouncementStore store, IdGenerator ids, Clock clock, EventBus events) {
        this.db = db;
        this.store = store;
        this.ids = ids;
        this.clock = clock;
        this.events = events;
    }

    /** Publishes an announcement at once. {@code text} is plain text; paragraphs and line breaks are kept. */
    public long create(String text, Instant startsAt, Instant endsAt, boolean allDay) {
        if (text == null || text.isBlank()) throw new ValidationException("Text can't be blank");
        if (startsAt != null && endsAt != null && endsAt.isBefore(startsAt)) throw new ValidationException("Ends at must be after starts at");
        long id = ids.next();
        Instant now = clock.instant();
        db.write(h -> {
            store.insert(h, id, text.strip(), html(text.strip()), startsAt, endsAt, allDay, now);
            events.publish(new Published(id));
            return null;
        });
        return id;
    }

    public void delete(long id) {
        int removed = store.delete(id);
        if (removed == 0) throw new NotFoundException("announcement");
    }

    /** Published announcements that have not ended, oldest first, with the viewer's read mark and reactions. */
    public List<Announcement> active(Long viewerId) {
        return db.read(h -> {
            List<AnnouncementStore.Row> rows = store.active(h, clock.instant());
            if (rows.isEmpty()) return List.of();
            List<Long> idList = rows.stream().map(AnnouncementStore.Row::id).toList();
            Set<Long> read = viewerId == null ? Set.of() : store.readAmong(h, viewerId, idList);
            Map<Long, Map<String, int[]>> reactions = new HashMap<>();
            store.reactions(h, viewerId == null ? -1L : viewerId, idList)
                    .forEach(r -> reactions.computeIfAbsent(r.announcementId(), k -> new LinkedHashMap<>())
                            .put(r.name(), new int[] {r.count(), r.mine()}));
            List<Announcement> out = new ArrayList<>();
            for (AnnouncementStore.Row r : rows) {
                List<Reaction> list = new ArrayList<>();
                reactions.getOrDefault(r.id(), Map.of()).forEach((name, c) -> list.add(new Reaction(name, c[0], c[1] > 0)));
                out.add(new Announcement(r.id(), r.text(), r.content(), r.startsAt(), r.endsAt(), r.allDay(), r.publishedAt(),
                        r.updatedAt(), read.contains(r.id()), list));
            }
            return out;
        });
    }

    /** Marks an announcement read for the viewer. */
    public void dismiss(long accountId, long id) {
        db.write(h -> {
            requireActive(h, id);
            store.markRead(h, id, accountId);
            return null;
        });
    }

    /** Adds the viewer's reaction {@code name} (a Unicode emoji). */
    public void react(long accountId, long id, String name) {
        String n = emoji(name);
        db.write(h -> {
            requireActive(h, id);
            if (store.countOtherReactionNames(h, id, n) >= MAX_REACTIONS) throw new ValidationException("Maximum number of reactions reached");
            store.insertReaction(h, id, accountId, n, clock.instant());
            return null;
        });
    }

    public void unreact(long accountId, long id, String name) {
        db.write(h -> {
            requireActive(h, id);
            store.deleteReaction(h, id, accountId, name);
            return null;
        });
    }

    private void requireActive(org.jdbi.v3.core.Handle h, long id) {
        if (!store.published(h, id)) throw new NotFoundException("announcement");
    }

    /**
     * A reaction must be an emoji: Unicode symbols (no letters, digits or punctuation). Custom emoji shortcodes would
     * need the instance's custom emoji, which Atoll does not have yet.
     */
    static String emoji(String raw) {
        String n = raw == null ? "" : raw.strip();
        boolean ok = !n.isEmpty() && n.length() <= 32 && n.codePoints().allMatch(cp -> {
            int type = Character.getType(cp);
            return type == Character.OTHER_SYMBOL || type == Character.MODIFIER_SYMBOL || type == Character.NON_SPACING_MARK
                    || type == Character.ENCLOSING_MARK || type == Character.FORMAT || type == Character.SURROGATE
                    || cp == 0xFE0F || cp == 0x200D || (cp >= 0x1F1E6 && cp <= 0x1F1FF) || cp == '#' || cp == '*'
                    || (cp >= '0' && cp <= '9' && n.codePointCount(0, n.length()) > 1);
        }) && n.codePoints().anyMatch(cp -> Character.getType(cp) == Character.OTHER_SYMBOL || (cp >= 0x1F1E6 && cp <= 0x1F1FF) || cp == 0x20E3);
        if (!ok) throw new ValidationException("Name is not a recognized emoji");
        return n;
    }

    /** Plain text → HTML: escaped, blank lines make paragraphs, single newlines make line breaks. */
    static String html(String text) {
        StringBuilder b = new StringBuilder();
        for (String para : text.split("\\n\\s*\\n")) {
            String escaped = para.strip().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                    .replace("\n", "<br>");
            b.append("<p>").append(escaped).append("</p>");
        }
        return b.toString();
    }
}
