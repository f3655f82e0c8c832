package social.atoll.core.moderation;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import social.atoll.infra.db.Database;
import social.atoll.infra.db.RecordMapper;

/** SQL of {@code held_statuses}, and the questions {@link HeldPosts} asks about an author before holding a post. */
public final class HeldPostStore {

    private static final RowMapper<HeldPost> HELD = RecordMapper.of(HeldPost.class);

    private final Database db;

    public HeldPostStore(Database db) { this.db = db; }

    /** Which of {@code accountIds} are local accounts. */
    public List<Long> localAmong(Handle h, Collection<Long> accountIds) {
        if (accountIds.isEmpty()) return List.of();
        return h.createQuery("SELECT id FROM accounts WHERE id IN (<ids>) AND domain IS NULL").bindList("ids", List.copyOf(accountIds))
                .mapTo(Long.class).list();
    }

    /** Whether a remote account follows, or is followed by (or asked), anyone local. */
    public boolean anyLocalRelation(Handle h, long accountId) {
        return h.createQuery("""
                        SELECT COUNT(*) FROM (
                          SELECT 1 FROM follows f JOIN accounts t ON t.id = f.target_account_id
                           WHERE f.account_id = :a AND t.domain IS NULL
                          UNION ALL
                          SELECT 1 FROM follows f JOIN accounts o ON o.id = f.account_id
                           WHERE f.target_account_id = :a AND o.domain IS NULL
                          UNION ALL
                          SELECT 1 FROM follow_requests r JOIN accounts o ON o.id = r.account_id
                           WHERE r.target_account_id = :a AND o.domain IS NULL) x""")
                .bind("a", accountId).mapTo(Integer.class).one() > 0;
    }

    /** When this server first knew the account (its actor's {@code published} when it gave one). */
    public Optional<Instant> accountCreatedAt(Handle h, long accountId) {
        return h.createQuery("SELECT created_at FROM accounts WHERE id = :a").bind("a", accountId).mapTo(Instant.class).findOne();
    }

    public void insert(Handle h, HeldPost p) {
        h.createUpdate("""
                        INSERT INTO held_statuses (status_id, account_id, mentions, created_at) VALUES (:statusId, :accountId, :mentions, :createdAt)
                        ON CONFLICT (status_id) DO NOTHING""")
                .bindMethods(p).execute();
    }

    public Optional<HeldPost> byStatus(Handle h, long statusId) {
        return h.createQuery("SELECT status_id, account_id, mentions, created_at FROM held_statuses WHERE status_id = :s")
                .bind("s", statusId).map(HELD).findOne();
    }

    public boolean isHeld(long statusId) { return db.read(h -> byStatus(h, statusId).isPresent()); }

    public int delete(Handle h, long statusId) {
        return h.createUpdate("DELETE FROM held_statuses WHERE status_id = :s").bind("s", statusId).execute();
    }

    /**
     * The queue, newest first, older than {@code maxId} when given. Posts of an account staff suspended since are
     * left out: acting on the account settled them.
     */
    public List<HeldPost> list(Long maxId, int limit) {
        return db.read(h -> {
            var q = h.createQuery("SELECT hs.status_id, hs.account_id, hs.mentions, hs.created_at FROM held_statuses hs"
                    + " JOIN accounts a ON a.id = hs.account_id WHERE a.suspended_at IS NULL"
                    + (maxId == null ? "" : " AND hs.status_id < :max") + " ORDER BY hs.status_id DESC LIMIT :limit").bind("limit", limit);
            if (maxId != null) q.bind("max", maxId.longValue());
            return q.map(HELD).list();
        });
    }

    public long count() {
        return db.read(h -> h.createQuery("SELECT COUNT(*) FROM held_statuses hs JOIN accounts a ON a.id = hs.account_id"
                + " WHERE a.suspended_at IS NULL").mapTo(Long.class).one());
    }

    /** The local accounts a status mentions. */
    public List<Long> localMentions(Handle h, long statusId) {
        return h.createQuery("SELECT m.account_id FROM mentions m JOIN accounts a ON a.id = m.account_id"
                        + " WHERE m.status_id = :s AND a.domain IS NULL ORDER BY m.account_id")
                .bind("s", statusId).mapTo(Long.class).list();
    }
}
