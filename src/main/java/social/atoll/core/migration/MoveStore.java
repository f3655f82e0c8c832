package social.atoll.core.migration;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import social.atoll.infra.db.Database;
import social.atoll.infra.db.RecordMapper;

/**
 * SQL for {@code account_moves} and {@code account_move_list_carryovers}, and the reads a move needs of what local
 * people keep about the account that moved (follows, list memberships, blocks, mutes, notes). Those reads live here
 * because only a move asks them this way; every change they lead to goes through the owning feature's service.
 */
public final class MoveStore {

    static final RowMapper<AccountMove> MOVE = RecordMapper.of(AccountMove.class);

    /** A local follower's follow of the account that moved, with the options it chose. */
    public record LocalFollow(long followerId, boolean showReblogs, boolean notifyPosts, String languages) {}

    /** A local mute of the account that moved. */
    public record LocalMute(long accountId, boolean hideNotifications, Instant expiresAt) {}

    /** A local person's private note about the account that moved. */
    public record LocalNote(long accountId, String comment) {}

    private final Database db;

    public MoveStore(Database db) { this.db = db; }

    /** The newest move of {@code accountId}, if any. */
    public Optional<AccountMove> latest(long accountId) {
        return db.read(h -> h.createQuery("SELECT * FROM account_moves WHERE account_id = :a ORDER BY created_at DESC, id DESC LIMIT 1")
                .bind("a", accountId).map(MOVE).findFirst());
    }

    public Optional<AccountMove> byId(long id) {
        return db.read(h -> h.createQuery("SELECT * FROM account_moves WHERE id = :id").bind("id", id).map(MOVE).findOne());
    }

    public void insert(Handle h, long id, long accountId, long targetId, int followersCount, Instant now) {
        h.createUpdate("""
                        INSERT INTO account_moves (id, account_id, target_account_id, followers_count, created_at)
                        VALUES (:id, :a, :t, :n, :now)""")
                .bind("id", id).bind("a", accountId).bind("t", targetId).bind("n", followersCount).bind("now", now).execute();
    }

    public void complete(long moveId, Instant now) {
        db.write(h -> h.createUpdate("UPDATE account_moves SET completed_at = :now WHERE id = :id AND completed_at IS NULL")
                .bind("now", now).bind("id", moveId).execute());
    }

    /** Up to {@code limit} local followers of {@code accountId} (accepted follows), oldest follow first. */
    public List<LocalFollow> localFollowers(long accountId, int limit) {
        return db.read(h -> h.createQuery("""
                        SELECT f.account_id, f.show_reblogs, f.notify, f.languages FROM follows f JOIN accounts a ON a.id = f.account_id
                        WHERE f.target_account_id = :t AND a.domain IS NULL ORDER BY f.id LIMIT :limit""")
                .bind("t", accountId).bind("limit", limit)
                .map((rs, c) -> new LocalFollow(rs.getLong(1), rs.getBoolean(2), rs.getBoolean(3), rs.getString(4))).list());
    }

    /** The lists of local {@code ownerId} that hold {@code memberId}. */
    public List<Long> listsHolding(Handle h, long ownerId, long memberId) {
        return h.createQuery("""
                        SELECT la.list_id FROM list_accounts la JOIN lists l ON l.id = la.list_id
                        WHERE l.account_id = :o AND la.account_id = :m""")
                .bind("o", ownerId).bind("m", memberId).mapTo(Long.class).list();
    }

    /** Local accounts blocking {@code accountId}. */
    public List<Long> localBlockers(long accountId) {
        return db.read(h -> h.createQuery("""
                        SELECT b.account_id FROM blocks b JOIN accounts a ON a.id = b.account_id
                        WHERE b.target_account_id = :t AND a.domain IS NULL ORDER BY b.id""")
                .bind("t", accountId).mapTo(Long.class).list());
    }

    /** Local accounts muting {@code accountId}, mutes still in force. */
    public List<LocalMute> localMuters(long accountId, Instant now) {
        return db.read(h -> h.createQuery("""
                        SELECT m.account_id, m.hide_notifications, m.expires_at FROM mutes m JOIN accounts a ON a.id = m.account_id
                        WHERE m.target_account_id = :t AND a.domain IS NULL AND (m.expires_at IS NULL OR m.expires_at > :now)
                        ORDER BY m.id""")
                .bind("t", accountId).bind("now", now)
                .map((rs, c) -> {
                    long expires = rs.getLong(3);
                    return new LocalMute(rs.getLong(1), rs.getBoolean(2), rs.wasNull() ? null : Instant.ofEpochMilli(expires));
                }).list());
    }

    /** Local people's notes about {@code accountId}. */
    public List<LocalNote> localNotes(long accountId) {
        return db.read(h -> h.createQuery("""
                        SELECT n.account_id, n.comment FROM account_notes n JOIN accounts a ON a.id = n.account_id
                        WHERE n.target_account_id = :t AND a.domain IS NULL ORDER BY n.id""")
                .bind("t", accountId).map((rs, c) -> new LocalNote(rs.getLong(1), rs.getString(2))).list());
    }

    /** Whether {@code accountId} already follows, blocks, mutes or keeps a note about {@code targetId}. */
    public boolean hasNote(long accountId, long targetId) {
        return db.read(h -> h.createQuery("SELECT COUNT(*) FROM account_notes WHERE account_id = :a AND target_account_id = :t")
                .bind("a", accountId).bind("t", targetId).mapTo(Integer.class).one()) > 0;
    }

    /** Whether {@code accountId} follows, asked to follow, blocks or mutes {@code targetId}. */
    public boolean relatedTo(long accountId, long targetId) {
        return db.read(h -> h.createQuery("""
                        SELECT (SELECT COUNT(*) FROM follows WHERE account_id = :a AND target_account_id = :t)
                             + (SELECT COUNT(*) FROM follow_requests WHERE account_id = :a AND target_account_id = :t)
                             + (SELECT COUNT(*) FROM blocks WHERE account_id = :a AND target_account_id = :t)
                             + (SELECT COUNT(*) FROM mutes WHERE account_id = :a AND target_account_id = :t)""")
                .bind("a", accountId).bind("t", targetId).mapTo(Integer.class).one()) > 0;
    }

    /** Remembers that list {@code listId} should hold {@code targetId} once {@code followerId} follows it. */
    public void addCarryover(Handle h, long followerId, long targetId, long listId, Instant now) {
        h.createUpdate("""
                        INSERT INTO account_move_list_carryovers (follower_id, target_account_id, list_id, created_at)
                        VALUES (:f, :t, :l, :now) ON CONFLICT (follower_id, target_account_id, list_id) DO NOTHING""")
                .bind("f", followerId).bind("t", targetId).bind("l", listId).bind("now", now).execute();
    }

    /** The lists waiting for {@code followerId} to follow {@code targetId}, removed as they are returned. */
    public List<Long> takeCarryovers(Handle h, long followerId, long targetId) {
        List<Long> lists = h.createQuery("SELECT list_id FROM account_move_list_carryovers WHERE follower_id = :f AND target_account_id = :t")
                .bind("f", followerId).bind("t", targetId).mapTo(Long.class).list();
        if (!lists.isEmpty())
            h.createUpdate("DELETE FROM account_move_list_carryovers WHERE follower_id = :f AND target_account_id = :t")
                    .bind("f", followerId).bind("t", targetId).execute();
        return lists;
    }
}
