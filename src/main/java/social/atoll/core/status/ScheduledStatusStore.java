package social.atoll.core.status;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import social.atoll.core.common.IdRange;
import social.atoll.infra.db.Database;
import social.atoll.infra.db.JsonColumns;

/** SQL of {@code scheduled_statuses}; the parameters of the post are kept as JSON. */
public final class ScheduledStatusStore {

    private final Database db;
    private final JsonColumns json;

    public ScheduledStatusStore(Database db, JsonColumns json) {
        this.db = db;
        this.json = json;
    }

    public void insert(long id, long accountId, Instant at, ScheduledStatus.Params params, Instant now) {
        db.write(h -> h.createUpdate("INSERT INTO scheduled_statuses (id, account_id, scheduled_at, params, created_at) VALUES (:id, :a, :at, :p, :now)")
                .bind("id", id).bind("a", accountId).bind("at", at).bind("p", write(params)).bind("now", now).execute());
    }

    public Optional<ScheduledStatus> byId(long id) {
        return db.read(h -> h.createQuery("SELECT * FROM scheduled_statuses WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> row(rs)).findOne());
    }

    /** One page of an account's scheduled statuses, newest id first. */
    public List<ScheduledStatus> page(long accountId, IdRange range) {
        return range.newestFirst(db.read(h -> range.bind(h.createQuery(
                        "SELECT * FROM scheduled_statuses WHERE account_id = :a" + range.conditions("id") + range.orderAndLimit("id"))
                .bind("a", accountId)).map((rs, ctx) -> row(rs)).list()));
    }

    /** How many scheduled statuses the account has waiting. */
    public int count(long accountId) {
        return db.read(h -> h.createQuery("SELECT COUNT(*) FROM scheduled_statuses WHERE account_id = :a").bind("a", accountId)
                .mapTo(Integer.class).one());
    }

    /** How many of the account's scheduled statuses are due on the (UTC) day of {@code at}, leaving out {@code except} (may be null). */
    public int countOnDay(long accountId, Instant at, Long except) {
        Instant day = at.truncatedTo(ChronoUnit.DAYS);
        return db.read(h -> {
            var q = h.createQuery("SELECT COUNT(*) FROM scheduled_statuses WHERE account_id = :a AND scheduled_at >= :from AND scheduled_at < :to"
                            + (except == null ? "" : " AND id <> :except"))
                    .bind("a", accountId).bind("from", day).bind("to", day.plus(1, ChronoUnit.DAYS));
            if (except != null) q.bind("except", except.longValue());
            return q.mapTo(Integer.class).one();
        });
    }

    public void move(long id, Instant at) {
        db.write(h -> h.createUpdate("UPDATE scheduled_statuses SET scheduled_at = :at WHERE id = :id").bind("at", at).bind("id", id).execute());
    }

    public void delete(long id) {
        db.write(h -> h.createUpdate("DELETE FROM scheduled_statuses WHERE id = :id").bind("id", id).execute());
    }

    /** Deletes the scheduled status if it is still due at {@code at}; false when it was published or moved meanwhile. */
    public boolean deleteDue(long id, Instant at) {
        return db.write(h -> h.createUpdate("DELETE FROM scheduled_statuses WHERE id = :id AND scheduled_at = :at")
                .bind("id", id).bind("at", at).execute()) == 1;
    }

    private ScheduledStatus row(ResultSet rs) throws SQLException {
        return new ScheduledStatus(rs.getLong("id"), rs.getLong("account_id"), Instant.ofEpochMilli(rs.getLong("scheduled_at")),
                json.read(rs.getString("params"), ScheduledStatus.Params.class), Instant.ofEpochMilli(rs.getLong("created_at")));
    }

    private String write(Object o) { return json.write(o); }
}
