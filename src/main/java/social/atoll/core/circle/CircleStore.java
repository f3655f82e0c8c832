package social.atoll.core.circle;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import social.atoll.core.common.IdRange;
import social.atoll.infra.db.Database;
import social.atoll.infra.db.RecordMapper;

/**
 * SQL for {@code circles}, {@code circle_members} and {@code circle_statuses}. Writes that take a {@link Handle} join
 * the caller's transaction.
 */
public final class CircleStore {

    static final RowMapper<Circle> CIRCLE = RecordMapper.of(Circle.class);

    private final Database db;

    public CircleStore(Database db) { this.db = db; }

    // ---- circles ----

    public List<Circle> all(long ownerId) {
        return db.read(h -> h.createQuery("SELECT * FROM circles WHERE account_id = :a ORDER BY id").bind("a", ownerId).map(CIRCLE).list());
    }

    /** The owner's circle with this id; someone else's circle is absent. */
    public Optional<Circle> byId(long ownerId, long circleId) {
        return db.read(h -> h.createQuery("SELECT * FROM circles WHERE id = :id AND account_id = :a")
                .bind("id", circleId).bind("a", ownerId).map(CIRCLE).findOne());
    }

    public int count(Handle h, long ownerId) {
        return h.createQuery("SELECT COUNT(*) FROM circles WHERE account_id = :a").bind("a", ownerId).mapTo(Integer.class).one();
    }

    public void insert(Handle h, long id, long ownerId, String title, Instant now) {
        h.createUpdate("INSERT INTO circles (id, account_id, title, created_at) VALUES (:id, :a, :t, :now)")
                .bind("id", id).bind("a", ownerId).bind("t", title).bind("now", now).execute();
    }

    public void rename(Handle h, long circleId, String title) {
        h.createUpdate("UPDATE circles SET title = :t WHERE id = :id").bind("t", title).bind("id", circleId).execute();
    }

    /** Deletes a circle and its members; posts made to it keep their audience (status_audiences). */
    public void delete(Handle h, long circleId) {
        h.createUpdate("DELETE FROM circle_statuses WHERE circle_id = :id").bind("id", circleId).execute();
        h.createUpdate("DELETE FROM circle_members WHERE circle_id = :id").bind("id", circleId).execute();
        h.createUpdate("DELETE FROM circles WHERE id = :id").bind("id", circleId).execute();
    }

    /** The owner's circles that contain {@code accountId}. */
    public List<Circle> containing(long ownerId, long accountId) {
        return db.read(h -> h.createQuery("""
                        SELECT c.* FROM circles c JOIN circle_members cm ON cm.circle_id = c.id
                         WHERE c.account_id = :o AND cm.account_id = :a ORDER BY c.id""")
                .bind("o", ownerId).bind("a", accountId).map(CIRCLE).list());
    }

    // ---- circle_members ----

    /** Member account ids, highest first, paged on the account id; a {@code null} range means all of them. */
    public List<Long> members(long circleId, IdRange range) {
        if (range == null) {
            return db.read(h -> h.createQuery("SELECT account_id FROM circle_members WHERE circle_id = :c ORDER BY account_id DESC")
                    .bind("c", circleId).mapTo(Long.class).list());
        }
        return range.newestFirst(db.read(h -> range.bind(h.createQuery("SELECT account_id FROM circle_members WHERE circle_id = :c"
                        + range.conditions("account_id") + range.orderAndLimit("account_id")).bind("c", circleId))
                .mapTo(Long.class).list()));
    }

    /**
     * Followers of {@code ownerId} who are not in the circle, newest follow first, whose name or handle contains
     * {@code q} (lower case; blank: any).
     */
    public List<Long> candidates(long ownerId, long circleId, String q, int limit) {
        String like = "%" + q.replace("\\", "").replace("%", "").replace("_", "") + "%";
        return db.read(h -> h.createQuery("""
                        SELECT a.id FROM follows f JOIN accounts a ON a.id = f.account_id
                         WHERE f.target_account_id = :o AND a.suspended_at IS NULL
                           AND NOT EXISTS (SELECT 1 FROM circle_members cm WHERE cm.circle_id = :c AND cm.account_id = a.id)
                           AND (LOWER(a.username) LIKE :q OR LOWER(a.display_name) LIKE :q OR LOWER(COALESCE(a.domain, '')) LIKE :q)
                         ORDER BY f.id DESC LIMIT :n""")
                .bind("o", ownerId).bind("c", circleId).bind("q", like).bind("n", limit).mapTo(Long.class).list());
    }

    /** All member account ids, in the caller's transaction (the audience of a post made now). */
    public List<Long> memberIds(Handle h, long circleId) {
        return h.createQuery("SELECT account_id FROM circle_members WHERE circle_id = :c").bind("c", circleId).mapTo(Long.class).list();
    }

    /** Adds a member; returns 0 when it was a member already. */
    public int insertMember(Handle h, long circleId, long accountId) {
        return h.createUpdate("INSERT INTO circle_members (circle_id, account_id) VALUES (:c, :a) ON CONFLICT (circle_id, account_id) DO NOTHING")
                .bind("c", circleId).bind("a", accountId).execute();
    }

    public void deleteMember(Handle h, long circleId, long accountId) {
        h.createUpdate("DELETE FROM circle_members WHERE circle_id = :c AND account_id = :a").bind("c", circleId).bind("a", accountId).execute();
    }

    /** Takes {@code memberId} out of every circle of {@code ownerId} (they stopped following). */
    public void deleteFromOwnersCircles(Handle h, long ownerId, long memberId) {
        h.createUpdate("DELETE FROM circle_members WHERE account_id = :m AND circle_id IN (SELECT id FROM circles WHERE account_id = :o)")
                .bind("m", memberId).bind("o", ownerId).execute();
    }

    // ---- circle_statuses ----

    /** Remembers the circle a status was shared with. */
    public void insertStatus(Handle h, long statusId, long circleId) {
        h.createUpdate("INSERT INTO circle_statuses (status_id, circle_id) VALUES (:s, :c) ON CONFLICT DO NOTHING")
                .bind("s", statusId).bind("c", circleId).execute();
    }

    /**
     * One page of the statuses {@code ownerId} shared with the circle (kmyblue's {@code /api/v1/circles/:id/statuses}),
     * newest first, paged on the status id; deleted ones are left out.
     */
    public List<social.atoll.core.status.Status> statuses(long ownerId, long circleId, IdRange range) {
        return range.newestFirst(db.read(h -> range.bind(h.createQuery("""
                        SELECT s.* FROM circle_statuses cs JOIN statuses s ON s.id = cs.status_id
                         WHERE cs.circle_id = :c AND s.account_id = :o AND s.deleted_at IS NULL""" + range.conditions("cs.status_id")
                        + range.orderAndLimit("cs.status_id"))
                .bind("c", circleId).bind("o", ownerId)).map(social.atoll.core.status.StatusStore.STATUS).list()));
    }

    /** The circle each of {@code statusIds} was shared with (those shared with a circle that still exists). */
    public Map<Long, Circle> ofStatuses(Collection<Long> statusIds) {
        Map<Long, Circle> out = new HashMap<>();
        if (statusIds.isEmpty()) return out;
        db.read(h -> h.createQuery("""
                        SELECT cs.status_id, c.* FROM circle_statuses cs JOIN circles c ON c.id = cs.circle_id
                         WHERE cs.status_id IN (<ids>)""")
                .bindList("ids", List.copyOf(statusIds))
                .map((rs, ctx) -> Map.entry(rs.getLong("status_id"), CIRCLE.map(rs, ctx))).list())
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
