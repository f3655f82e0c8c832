package social.atoll.core.announcement;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import social.atoll.infra.db.Database;

/**
 * SQL for {@code announcements}, {@code announcement_mutes} (read marks) and {@code announcement_reactions}. Methods
 * taking a {@link Handle} join the caller's transaction.
 */
public final class AnnouncementStore {

    /** An announcement row. */
    public record Row(long id, String text, String content, Instant startsAt, Instant endsAt, boolean allDay, Instant publishedAt,
                      Instant updatedAt) {}

    /** The reactions of one name on one announcement: how many, and how many of them are the viewer's. */
    public record ReactionCount(long announcementId, String name, int count, int mine) {}

    private final Database db;

    public AnnouncementStore(Database db) { this.db = db; }

    /** Inserts an announcement, published at {@code now}. */
    public void insert(Handle h, long id, String text, String content, Instant startsAt, Instant endsAt, boolean allDay, Instant now) {
        h.createUpdate("""
                        INSERT INTO announcements (id, text, content, starts_at, ends_at, all_day, published_at, created_at, updated_at)
                        VALUES (:id, :text, :content, :starts, :ends, :allDay, :now, :now, :now)""")
                .bind("id", id).bind("text", text).bind("content", content).bind("starts", startsAt)
                .bind("ends", endsAt).bind("allDay", allDay).bind("now", now).execute();
    }

    /** Deletes an announcement; returns 0 when there was none. */
    public int delete(long id) {
        return db.write(h -> h.createUpdate("DELETE FROM announcements WHERE id = :id").bind("id", id).execute());
    }

    /** Published announcements that have not ended by {@code now}, oldest first. */
    public List<Row> active(Handle h, Instant now) {
        return h.createQuery("""
                        SELECT id, text, content, starts_at, ends_at, all_day, published_at, updated_at FROM announcements
                         WHERE published_at IS NOT NULL AND (ends_at IS NULL OR ends_at > :now) ORDER BY published_at, id""")
                .bind("now", now)
                .map((rs, c) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), instant(rs, 4), instant(rs, 5),
                        rs.getBoolean(6), instant(rs, 7), instant(rs, 8))).list();
    }

    public boolean published(Handle h, long id) {
        return h.createQuery("SELECT COUNT(*) FROM announcements WHERE id = :id AND published_at IS NOT NULL")
                .bind("id", id).mapTo(Integer.class).one() > 0;
    }

    /** Of {@code ids}, the announcements the account marked read. */
    public Set<Long> readAmong(Handle h, long accountId, List<Long> ids) {
        return new HashSet<>(h.createQuery(
                        "SELECT announcement_id FROM announcement_mutes WHERE account_id = :a AND announcement_id IN (<ids>)")
                .bind("a", accountId).bindList("ids", ids).mapTo(Long.class).list());
    }

    public void markRead(Handle h, long id, long accountId) {
        h.createUpdate("""
                        INSERT INTO announcement_mutes (announcement_id, account_id) VALUES (:id, :a)
                        ON CONFLICT (announcement_id, account_id) DO NOTHING""")
                .bind("id", id).bind("a", accountId).execute();
    }

    /** Reactions per announcement and name, each name in the order it was first used; {@code viewerId} -1 for nobody. */
    public List<ReactionCount> reactions(Handle h, long viewerId, List<Long> ids) {
        return h.createQuery("""
                        SELECT announcement_id, name, COUNT(*), SUM(CASE WHEN account_id = :a THEN 1 ELSE 0 END), MIN(created_at)
                          FROM announcement_reactions WHERE announcement_id IN (<ids>)
                         GROUP BY announcement_id, name ORDER BY MIN(created_at)""")
                .bind("a", viewerId).bindList("ids", ids)
                .map((rs, c) -> new ReactionCount(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getInt(4))).list();
    }

    /** How many distinct reaction names other than {@code name} an announcement has. */
    public int countOtherReactionNames(Handle h, long id, String name) {
        return h.createQuery("SELECT COUNT(DISTINCT name) FROM announcement_reactions WHERE announcement_id = :id AND name <> :n")
                .bind("id", id).bind("n", name).mapTo(Integer.class).one();
    }

    public void insertReaction(Handle h, long id, long accountId, String name, Instant now) {
        h.createUpdate("""
                        INSERT INTO announcement_reactions (announcement_id, account_id, name, created_at) VALUES (:id, :a, :n, :now)
                        ON CONFLICT (announcement_id, account_id, name) DO NOTHING""")
                .bind("id", id).bind("a", accountId).bind("n", name).bind("now", now).execute();
    }

    public void deleteReaction(Handle h, long id, long accountId, String name) {
        h.createUpdate("DELETE FROM announcement_reactions WHERE announcement_id = :id AND account_id = :a AND name = :n")
                .bind("id", id).bind("a", accountId).bind("n", name).execute();
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }
}
