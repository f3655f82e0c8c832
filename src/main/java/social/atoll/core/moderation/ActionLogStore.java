package social.atoll.core.moderation;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import social.atoll.infra.db.Database;
import social.atoll.infra.db.JsonColumns;
import social.atoll.infra.db.RecordMapper;
import social.atoll.infra.ids.IdGenerator;

/** SQL for {@code admin_action_logs}: written in the transaction of the action it records, so neither exists alone. */
public final class ActionLogStore {

    private static final RowMapper<ActionLog> LOG = RecordMapper.of(ActionLog.class);

    private final Database db;
    private final IdGenerator ids;
    private final JsonColumns json;
    private final Clock clock;

    public ActionLogStore(Database db, IdGenerator ids, JsonColumns json, Clock clock) {
        this.db = db;
        this.ids = ids;
        this.json = json;
        this.clock = clock;
    }

    public void record(Handle h, StaffAccess.Actor actor, String action, String targetType, long targetId, String human,
                       Map<String, ?> details) {
        h.createUpdate("""
                        INSERT INTO admin_action_logs (id, account_id, action, target_type, target_id, human_identifier, details, created_at)
                        VALUES (:id, :a, :action, :type, :target, :human, :details, :now)""")
                .bind("id", ids.next()).bind("a", actor.accountId()).bind("action", action).bind("type", targetType)
                .bind("target", targetId).bind("human", human).bind("details", json.write(details == null ? Map.of() : details))
                .bind("now", clock.instant()).execute();
    }

    /** Newest first; {@code since} and {@code accountId} narrow it when given. */
    public List<ActionLog> list(Instant since, Long accountId, int limit) { return list(since, accountId, null, limit); }

    /** Newest first, older than {@code maxId} when given (the dashboard's pages). */
    public List<ActionLog> list(Instant since, Long accountId, Long maxId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT id, account_id, action, target_type, target_id, human_identifier, details, created_at"
                + " FROM admin_action_logs WHERE 1 = 1");
        if (since != null) sql.append(" AND created_at >= :since");
        if (maxId != null) sql.append(" AND id < :maxId");
        if (accountId != null) sql.append(" AND account_id = :a");
        sql.append(" ORDER BY id DESC LIMIT :limit");
        return db.read(h -> {
            var q = h.createQuery(sql.toString()).bind("limit", limit);
            if (since != null) q.bind("since", since);
            if (accountId != null) q.bind("a", accountId.longValue());
            if (maxId != null) q.bind("maxId", maxId.longValue());
            return q.map(LOG).list();
        });
    }
}
