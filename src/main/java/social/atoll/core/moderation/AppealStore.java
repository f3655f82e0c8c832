package social.atoll.core.moderation;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import social.atoll.infra.db.Database;
import social.atoll.infra.db.RecordMapper;

/** SQL for {@code appeals}. */
public final class AppealStore {

    private static final RowMapper<Appeal> APPEAL = RecordMapper.of(Appeal.class);
    private static final String COLUMNS = "SELECT id, account_id, account_warning_id, text, approved_at, approved_by_account_id, rejected_at,"
            + " rejected_by_account_id, created_at, updated_at FROM appeals";

    private final Database db;

    public AppealStore(Database db) { this.db = db; }

    /** Inserts unless the strike already has an appeal; false when it had (the unique key decides under concurrency too). */
    public boolean insert(Handle h, Appeal a) {
        return h.createUpdate("""
                        INSERT INTO appeals (id, account_id, account_warning_id, text, created_at, updated_at)
                        SELECT :id, :a, :w, :text, :now, :now WHERE NOT EXISTS (SELECT 1 FROM appeals WHERE account_warning_id = :w)""")
                .bind("id", a.id()).bind("a", a.accountId()).bind("w", a.accountWarningId()).bind("text", a.text())
                .bind("now", a.createdAt()).execute() > 0;
    }

    public Optional<Appeal> byId(Handle h, long id) { return h.createQuery(COLUMNS + " WHERE id = :id").bind("id", id).map(APPEAL).findOne(); }

    public Optional<Appeal> byId(long id) { return db.read(h -> byId(h, id)); }

    /** The appeals of these strikes, by strike id. */
    public Map<Long, Appeal> byWarnings(Collection<Long> warningIds) {
        if (warningIds.isEmpty()) return Map.of();
        Map<Long, Appeal> out = new HashMap<>();
        db.read(h -> h.createQuery(COLUMNS + " WHERE account_warning_id IN (<ids>)").bindList("ids", List.copyOf(warningIds)).map(APPEAL).list())
                .forEach(a -> out.put(a.accountWarningId(), a));
        return out;
    }

    /** Undecided appeals, newest first, older than {@code maxId} when given (uses the partial index). */
    public List<Appeal> pending(Long maxId, int limit) {
        String sql = COLUMNS + " WHERE approved_at IS NULL AND rejected_at IS NULL" + (maxId == null ? "" : " AND id < :max") + " ORDER BY id DESC LIMIT :limit";
        return db.read(h -> {
            var q = h.createQuery(sql).bind("limit", limit);
            if (maxId != null) q.bind("max", maxId.longValue());
            return q.map(APPEAL).list();
        });
    }

    /** Decides a pending appeal; false when it was no longer pending. */
    public boolean decide(Handle h, long id, boolean approved, Long by, Instant now) {
        String set = approved ? "approved_at = :now, approved_by_account_id = :by" : "rejected_at = :now, rejected_by_account_id = :by";
        return h.createUpdate("UPDATE appeals SET " + set + ", updated_at = :now WHERE id = :id AND approved_at IS NULL AND rejected_at IS NULL")
                .bind("now", now).bind("by", by).bind("id", id).execute() > 0;
    }
}
