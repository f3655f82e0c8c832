package social.atoll.core.deletion;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import social.atoll.infra.db.Database;

/**
 * The {@code account_deletions} table, and the batch reads and removals of the purge that follows a deletion. Every
 * read takes one batch by an indexed column, so a purge costs a fixed number of statements per batch, however many
 * posts, follows or media the account had.
 */
public final class AccountDeletionStore {

    /**
     * Rows that belong to the person alone and carry no counter kept elsewhere: removed outright. Each names its
     * table and the column(s) holding the account (both sides of a relation between accounts).
     */
    static final List<String> PERSONAL = List.of(
            "DELETE FROM bookmarks WHERE account_id = :a",
            "DELETE FROM status_pins WHERE account_id = :a",
            "DELETE FROM conversation_mutes WHERE account_id = :a",
            "DELETE FROM blocks WHERE account_id = :a OR target_account_id = :a",
            "DELETE FROM mutes WHERE account_id = :a OR target_account_id = :a",
            "DELETE FROM account_domain_blocks WHERE account_id = :a",
            "DELETE FROM home_feed WHERE account_id = :a",
            "DELETE FROM notifications WHERE account_id = :a OR from_account_id = :a",
            "DELETE FROM markers WHERE account_id = :a",
            "DELETE FROM list_accounts WHERE account_id = :a",
            "DELETE FROM lists WHERE account_id = :a",
            "DELETE FROM circle_members WHERE account_id = :a",
            "DELETE FROM circles WHERE account_id = :a",
            "DELETE FROM filters WHERE account_id = :a",
            "DELETE FROM tag_follows WHERE account_id = :a",
            "DELETE FROM scheduled_statuses WHERE account_id = :a",
            "DELETE FROM account_conversations WHERE account_id = :a",
            "DELETE FROM account_notes WHERE account_id = :a OR target_account_id = :a",
            "DELETE FROM account_pins WHERE account_id = :a OR target_account_id = :a",
            "DELETE FROM featured_tags WHERE account_id = :a",
            "DELETE FROM push_subscriptions WHERE account_id = :a",
            "DELETE FROM suggestion_dismissals WHERE account_id = :a OR target_account_id = :a",
            "DELETE FROM idempotency_keys WHERE account_id = :a",
            // rows already marked deleted are invisible to the status service; nothing else refers to them
            "DELETE FROM statuses WHERE account_id = :a AND deleted_at IS NOT NULL");

    public enum Origin { SELF, STAFF, GRACE }

    private final Database db;

    public AccountDeletionStore(Database db) { this.db = db; }

    /** Records that the deletion began; false when it already had (the call is then a no-op). */
    boolean begin(Handle h, long accountId, Origin origin, Instant now) {
        return h.createUpdate("""
                        INSERT INTO account_deletions (account_id, origin, requested_at) VALUES (:a, :o, :now)
                        ON CONFLICT (account_id) DO NOTHING""")
                .bind("a", accountId).bind("o", origin.name().toLowerCase(java.util.Locale.ROOT)).bind("now", now).execute() == 1;
    }

    /** True once the account's deletion has begun (it cannot be unsuspended then). */
    public boolean started(long accountId) { return db.read(h -> started(h, accountId)); }

    public boolean started(Handle h, long accountId) {
        return h.createQuery("SELECT COUNT(*) FROM account_deletions WHERE account_id = :a").bind("a", accountId).mapTo(Integer.class).one() > 0;
    }

    public boolean finished(long accountId) {
        return db.read(h -> h.createQuery("SELECT COUNT(*) FROM account_deletions WHERE account_id = :a AND finished_at IS NOT NULL")
                .bind("a", accountId).mapTo(Integer.class).one() > 0);
    }

    void finish(Handle h, long accountId, Instant now) {
        h.createUpdate("UPDATE account_deletions SET finished_at = :now WHERE account_id = :a AND finished_at IS NULL")
                .bind("now", now).bind("a", accountId).execute();
    }

    /** Local accounts suspended before {@code cutoff} whose deletion has not begun (by {@code accounts_suspended_idx}). */
    List<Long> suspendedBefore(Instant cutoff, int limit) {
        return db.read(h -> h.createQuery("""
                        SELECT a.id FROM accounts a
                        WHERE a.suspended_at IS NOT NULL AND a.suspended_at < :cutoff AND a.domain IS NULL
                          AND NOT EXISTS (SELECT 1 FROM account_deletions d WHERE d.account_id = a.id)
                        ORDER BY a.suspended_at LIMIT :n""")
                .bind("cutoff", cutoff).bind("n", limit).mapTo(Long.class).list());
    }

    /**
     * The inboxes (shared where known, else personal) of the remote accounts that know {@code accountId}: its
     * followers and those it follows or asked to, the accounts its posts mention or reply to, those who boosted,
     * favourited or replied to its posts, and those whose posts it boosted or favourited. Read in the transaction
     * that begins the deletion, before the purge removes those rows.
     */
    public List<String> remoteInboxesKnowing(long accountId) {
        return db.read(h -> h.createQuery("""
                        SELECT DISTINCT COALESCE(r.shared_inbox_url, r.inbox_url) FROM accounts r
                        WHERE r.domain IS NOT NULL AND r.suspended_at IS NULL AND COALESCE(r.shared_inbox_url, r.inbox_url) IS NOT NULL
                          AND r.id IN (
                            SELECT account_id FROM follows WHERE target_account_id = :a
                            UNION SELECT target_account_id FROM follows WHERE account_id = :a
                            UNION SELECT account_id FROM follow_requests WHERE target_account_id = :a
                            UNION SELECT target_account_id FROM follow_requests WHERE account_id = :a
                            UNION SELECT m.account_id FROM statuses s JOIN mentions m ON m.status_id = s.id WHERE s.account_id = :a
                            UNION SELECT s.in_reply_to_account_id FROM statuses s WHERE s.account_id = :a AND s.in_reply_to_account_id IS NOT NULL
                            UNION SELECT o.account_id FROM statuses s JOIN statuses o ON o.id = s.reblog_of_id WHERE s.account_id = :a
                            UNION SELECT b.account_id FROM statuses s JOIN statuses b ON b.reblog_of_id = s.id WHERE s.account_id = :a
                            UNION SELECT r2.account_id FROM statuses s JOIN statuses r2 ON r2.in_reply_to_id = s.id WHERE s.account_id = :a
                            UNION SELECT f.account_id FROM statuses s JOIN favourites f ON f.status_id = s.id WHERE s.account_id = :a
                            UNION SELECT o.account_id FROM favourites f JOIN statuses o ON o.id = f.status_id WHERE f.account_id = :a)""")
                .bind("a", accountId).mapTo(String.class).list());
    }

    /** The next batch of the account's statuses (boosts included), oldest first. */
    List<Long> statusBatch(long accountId, int limit) {
        return db.read(h -> h.createQuery("SELECT id FROM statuses WHERE account_id = :a AND deleted_at IS NULL ORDER BY id LIMIT :n")
                .bind("a", accountId).bind("n", limit).mapTo(Long.class).list());
    }

    /** Removes a batch of the account's favourites, taking each off its status's count; answers how many went. */
    int removeFavouriteBatch(Handle h, long accountId, int limit) {
        List<Long> statusIds = h.createQuery("SELECT status_id FROM favourites WHERE account_id = :a ORDER BY id LIMIT :n")
                .bind("a", accountId).bind("n", limit).mapTo(Long.class).list();
        if (statusIds.isEmpty()) return 0;
        h.createUpdate("""
                        UPDATE statuses SET favourites_count = CASE WHEN favourites_count > 0 THEN favourites_count - 1 ELSE 0 END
                        WHERE id IN (<ids>)""").bindList("ids", statusIds).execute();
        h.createUpdate("DELETE FROM favourites WHERE account_id = :a AND status_id IN (<ids>)")
                .bind("a", accountId).bindList("ids", statusIds).execute();
        return statusIds.size();
    }

    /** Accounts {@code accountId} follows or asked to follow, and those following it or asking to: one batch. */
    List<long[]> followBatch(long accountId, int limit) {
        return db.read(h -> h.createQuery("""
                        SELECT account_id, target_account_id FROM (
                            SELECT account_id, target_account_id FROM follows WHERE account_id = :a
                            UNION SELECT account_id, target_account_id FROM follows WHERE target_account_id = :a
                            UNION SELECT account_id, target_account_id FROM follow_requests WHERE account_id = :a
                            UNION SELECT account_id, target_account_id FROM follow_requests WHERE target_account_id = :a) p
                        LIMIT :n""")
                .bind("a", accountId).bind("n", limit).map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)}).list());
    }

    /** Removes the rows only the person had (see {@link #PERSONAL}). */
    void removePersonal(Handle h, long accountId) {
        for (String sql : PERSONAL) h.createUpdate(sql).bind("a", accountId).execute();
    }
}
