package social.atoll.core.relationship;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import social.atoll.core.common.IdRange;
import social.atoll.infra.db.Database;

/**
 * SQL for what a user keeps about other accounts — blocks, mutes, domain blocks, endorsements and private notes: their
 * writes, and their lists, each paged on the hidden row id (the time the relationship began) with the table's
 * (account_id, id) index. ({@link RelationshipLookup} reads one viewer's relationships to many accounts at once.)
 */
public final class RelationshipStore {

    /** One entry of such a list: the paging id and the account on the other side. */
    public record Edge(long rowId, long accountId) {}

    /** A mute: the paging id, the muted account and when the mute ends (null: never). */
    public record MuteEdge(long rowId, long accountId, Instant expiresAt) {}

    /** A domain block: the paging id and the domain. */
    public record DomainEdge(long rowId, String domain) {}

    private final Database db;
    private final Clock clock;

    public RelationshipStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public List<Edge> blocks(long accountId, IdRange range) { return edges("blocks", accountId, range); }

    public List<Edge> endorsements(long accountId, IdRange range) { return edges("account_pins", accountId, range); }

    private List<Edge> edges(String table, long accountId, IdRange range) {
        String sql = "SELECT r.id AS row_id, r.target_account_id AS account_id FROM " + table + " r"
                + " JOIN accounts a ON a.id = r.target_account_id WHERE r.account_id = :a AND a.suspended_at IS NULL"
                + range.conditions("r.id") + range.orderAndLimit("r.id");
        return range.newestFirst(db.read(h -> range.bind(h.createQuery(sql).bind("a", accountId))
                .map((rs, c) -> new Edge(rs.getLong("row_id"), rs.getLong("account_id"))).list()));
    }

    /** Mutes still in force, newest first. */
    public List<MuteEdge> mutes(long accountId, IdRange range) {
        String sql = "SELECT r.id AS row_id, r.target_account_id AS account_id, r.expires_at FROM mutes r"
                + " JOIN accounts a ON a.id = r.target_account_id WHERE r.account_id = :a AND a.suspended_at IS NULL"
                + " AND (r.expires_at IS NULL OR r.expires_at > :now)"
                + range.conditions("r.id") + range.orderAndLimit("r.id");
        return range.newestFirst(db.read(h -> {
            Query q = h.createQuery(sql).bind("a", accountId).bind("now", clock.instant());
            return range.bind(q).map((rs, c) -> {
                long expires = rs.getLong("expires_at");
                Instant expiresAt = rs.wasNull() ? null : Instant.ofEpochMilli(expires);
                return new MuteEdge(rs.getLong("row_id"), rs.getLong("account_id"), expiresAt);
            }).list();
        }));
    }

    public List<DomainEdge> domainBlocks(long accountId, IdRange range) {
        String sql = "SELECT id, domain FROM account_domain_blocks WHERE account_id = :a"
                + range.conditions("id") + range.orderAndLimit("id");
        return range.newestFirst(db.read(h -> range.bind(h.createQuery(sql).bind("a", accountId))
                .map((rs, c) -> new DomainEdge(rs.getLong("id"), rs.getString("domain"))).list()));
    }

    // ---- Writes, inside the calling service's transaction ----

    /** Blocks an account; returns 0 when it was blocked already. */
    public int insertBlock(Handle h, long id, long accountId, long targetId, Instant now) {
        return h.createUpdate("""
                        INSERT INTO blocks (id, account_id, target_account_id, created_at) VALUES (:id, :a, :t, :now)
                        ON CONFLICT (account_id, target_account_id) DO NOTHING""")
                .bind("id", id).bind("a", accountId).bind("t", targetId).bind("now", now).execute();
    }

    /** Lifts a block; returns 0 when there was none. */
    public int deleteBlock(Handle h, long accountId, long targetId) {
        return h.createUpdate("DELETE FROM blocks WHERE account_id = :a AND target_account_id = :t")
                .bind("a", accountId).bind("t", targetId).execute();
    }

    /** Mutes an account, or changes the options of the existing mute ({@code expiresAt} null: never). */
    public void upsertMute(Handle h, long id, long accountId, long targetId, boolean hideNotifications, Instant expiresAt, Instant now) {
        h.createUpdate("""
                        INSERT INTO mutes (id, account_id, target_account_id, hide_notifications, expires_at, created_at)
                        VALUES (:id, :a, :t, :hide, :expires, :now)
                        ON CONFLICT (account_id, target_account_id)
                        DO UPDATE SET hide_notifications = :hide, expires_at = :expires""")
                .bind("id", id).bind("a", accountId).bind("t", targetId).bind("hide", hideNotifications)
                .bind("expires", expiresAt).bind("now", now).execute();
    }

    /** Lifts a mute; returns 0 when there was none. */
    public int deleteMute(Handle h, long accountId, long targetId) {
        return h.createUpdate("DELETE FROM mutes WHERE account_id = :a AND target_account_id = :t")
                .bind("a", accountId).bind("t", targetId).execute();
    }

    /** Blocks a domain; returns 0 when it was blocked already. */
    public int insertDomainBlock(Handle h, long id, long accountId, String domain, Instant now) {
        return h.createUpdate("""
                        INSERT INTO account_domain_blocks (id, account_id, domain, created_at) VALUES (:id, :a, :d, :now)
                        ON CONFLICT (account_id, domain) DO NOTHING""")
                .bind("id", id).bind("a", accountId).bind("d", domain).bind("now", now).execute();
    }

    /** Lifts a domain block; returns 0 when there was none. */
    public int deleteDomainBlock(Handle h, long accountId, String domain) {
        return h.createUpdate("DELETE FROM account_domain_blocks WHERE account_id = :a AND domain = :d")
                .bind("a", accountId).bind("d", domain).execute();
    }

    /** Endorses (features) an account; endorsing twice is a no-op. */
    public void insertEndorsement(Handle h, long id, long accountId, long targetId, Instant now) {
        h.createUpdate("""
                        INSERT INTO account_pins (id, account_id, target_account_id, created_at) VALUES (:id, :a, :t, :now)
                        ON CONFLICT (account_id, target_account_id) DO NOTHING""")
                .bind("id", id).bind("a", accountId).bind("t", targetId).bind("now", now).execute();
    }

    public void deleteEndorsement(Handle h, long accountId, long targetId) {
        h.createUpdate("DELETE FROM account_pins WHERE account_id = :a AND target_account_id = :t")
                .bind("a", accountId).bind("t", targetId).execute();
    }

    /** Sets the private note about an account, replacing an earlier one. */
    public void upsertNote(Handle h, long id, long accountId, long targetId, String comment, Instant now) {
        h.createUpdate("""
                        INSERT INTO account_notes (id, account_id, target_account_id, comment, created_at, updated_at)
                        VALUES (:id, :a, :t, :c, :now, :now)
                        ON CONFLICT (account_id, target_account_id) DO UPDATE SET comment = :c, updated_at = :now""")
                .bind("id", id).bind("a", accountId).bind("t", targetId).bind("c", comment).bind("now", now).execute();
    }

    public void deleteNote(Handle h, long accountId, long targetId) {
        h.createUpdate("DELETE FROM account_notes WHERE account_id = :a AND target_account_id = :t")
                .bind("a", accountId).bind("t", targetId).execute();
    }
}
