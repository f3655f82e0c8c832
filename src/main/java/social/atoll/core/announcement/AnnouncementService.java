package social.atoll.core.announcement;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.HashSet;
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
    private final IdGenerator ids;
    private final Clock clock;
    private final EventBus events;

    public AnnouncementService(Database db, IdGenerator ids, Clock clock, EventBus events) {
        this.db = db;
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
            h.createUpdate("""
                            INSERT INTO announcements (id, text, content, starts_at, ends_at, all_day, published_at, created_at, updated_at)
                            VALUES (:id, :text, :content, :starts, :ends, :allDay, :now, :now, :now)""")
                    .bind("id", id).bind("text", text.strip()).bind("content", html(text.strip())).bind("starts", startsAt)
                    .bind("ends", endsAt).bind("allDay", allDay).bind("now", now).execute();
            events.publish(new Published(id));
            return null;
        });
        return id;
    }

    public void delete(long id) {
        int removed = db.write(h -> h.createUpdate("DELETE FROM announcements WHERE id = :id").bind("id", id).execute());
        if (removed == 0) throw new NotFoundException("announcement");
    }

    /** Published announcements that have not ended, oldest first, with the viewer's read mark and reactions. */
    public List<Announcement> active(Long viewerId) {
        return db.read(h -> {
            record Row(long id, String text, String content, Instant startsAt, Instant endsAt, boolean allDay, Instant publishedAt, Instant updatedAt) {}
            List<Row> rows = h.createQuery("""
                            SELECT id, text, content, starts_at, ends_at, all_day, published_at, updated_at FROM announcements
                             WHERE published_at IS NOT NULL AND (ends_at IS NULL OR ends_at > :now) ORDER BY published_at, id""")
                    .bind("now", clock.instant())
                    .map((rs, c) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), instant(rs, 4), instant(rs, 5),
                            rs.getBoolean(6), instant(rs, 7), instant(rs, 8))).list();
            if (rows.isEmpty()) return List.of();
            List<Long> idList = rows.stream().map(Row::id).toList();
            Set<Long> read = viewerId == null ? Set.of() : new HashSet<>(h.createQuery(
                            "SELECT announcement_id FROM announcement_mutes WHERE account_id = :a AND announcement_id IN (<ids>)")
                    .bind("a", viewerId.longValue()).bindList("ids", idList).mapTo(Long.class).list());
            Map<Long, Map<String, int[]>> reactions = new HashMap<>();
            h.createQuery("""
                            SELECT announcement_id, name, COUNT(*), SUM(CASE WHEN account_id = :a THEN 1 ELSE 0 END), MIN(created_at)
                              FROM announcement_reactions WHERE announcement_id IN (<ids>)
                             GROUP BY announcement_id, name ORDER BY MIN(created_at)""")
                    .bind("a", viewerId == null ? -1L : viewerId).bindList("ids", idList)
                    .map((rs, c) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getInt(4)})
                    .forEach(r -> reactions.computeIfAbsent((Long) r[0], k -> new LinkedHashMap<>())
                            .put((String) r[1], new int[] {(Integer) r[2], (Integer) r[3]}));
            List<Announcement> out = new ArrayList<>();
            for (Row r : rows) {
                List<Reaction> list = new ArrayList<>();
                reactions.getOrDefault(r.id, Map.of()).forEach((name, c) -> list.add(new Reaction(name, c[0], c[1] > 0)));
                out.add(new Announcement(r.id, r.text, r.content, r.startsAt, r.endsAt, r.allDay, r.publishedAt, r.updatedAt,
                        read.contains(r.id), list));
            }
            return out;
        });
    }

    /** Marks an announcement read for the viewer. */
    public void dismiss(long accountId, long id) {
        db.write(h -> {
            requireActive(h, id);
            return h.createUpdate("""
                            INSERT INTO announcement_mutes (announcement_id, account_id) VALUES (:id, :a)
                            ON CONFLICT (announcement_id, account_id) DO NOTHING""")
                    .bind("id", id).bind("a", accountId).execute();
        });
    }

    /** Adds the viewer's reaction {@code name} (a Unicode emoji). */
    public void react(long accountId, long id, String name) {
        String n = emoji(name);
        db.write(h -> {
            requireActive(h, id);
            int distinct = h.createQuery("SELECT COUNT(DISTINCT name) FROM announcement_reactions WHERE announcement_id = :id AND name <> :n")
                    .bind("id", id).bind("n", n).mapTo(Integer.class).one();
            if (distinct >= MAX_REACTIONS) throw new ValidationException("Maximum number of reactions reached");
            return h.createUpdate("""
                            INSERT INTO announcement_reactions (announcement_id, account_id, name, created_at) VALUES (:id, :a, :n, :now)
                            ON CONFLICT (announcement_id, account_id, name) DO NOTHING""")
                    .bind("id", id).bind("a", accountId).bind("n", n).bind("now", clock.instant()).execute();
        });
    }

    public void unreact(long accountId, long id, String name) {
        db.write(h -> {
            requireActive(h, id);
            return h.createUpdate("DELETE FROM announcement_reactions WHERE announcement_id = :id AND account_id = :a AND name = :n")
                    .bind("id", id).bind("a", accountId).bind("n", name).execute();
        });
    }

    private void requireActive(org.jdbi.v3.core.Handle h, long id) {
        boolean exists = h.createQuery("SELECT COUNT(*) FROM announcements WHERE id = :id AND published_at IS NOT NULL")
                .bind("id", id).mapTo(Integer.class).one() > 0;
        if (!exists) throw new NotFoundException("announcement");
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

    private static Instant instant(java.sql.ResultSet rs, int column) throws java.sql.SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }
}
