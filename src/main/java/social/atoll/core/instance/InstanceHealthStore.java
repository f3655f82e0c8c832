package social.atoll.core.instance;

import java.time.Instant;
import social.atoll.infra.db.Database;

/**
 * SQL for {@code instances}: how deliveries to each remote host fare. A failure streak starts at the first failed
 * delivery ({@code failing_since}) and ends with any answer; a host whose streak is old enough is marked
 * {@code unavailable}.
 */
public final class InstanceHealthStore {

    private final Database db;

    public InstanceHealthStore(Database db) { this.db = db; }

    public boolean unavailable(String domain) {
        return db.read(h -> h.createQuery("SELECT unavailable FROM instances WHERE domain = :d").bind("d", domain)
                .mapTo(Boolean.class).findOne().orElse(false));
    }

    /**
     * Records a failure at {@code now} (starting the streak unless one runs) and marks the host unavailable when its
     * streak began at or before {@code unavailableBefore}; true when this call marked it.
     */
    public boolean recordFailure(String domain, Instant now, Instant unavailableBefore) {
        return db.write(h -> {
            h.createUpdate("""
                    INSERT INTO instances (domain, failing_since, unavailable, created_at) VALUES (:d, :now, FALSE, :now)
                    ON CONFLICT (domain) DO UPDATE SET failing_since = COALESCE(instances.failing_since, excluded.failing_since)""")
                    .bind("d", domain).bind("now", now).execute();
            return h.createUpdate("""
                    UPDATE instances SET unavailable = TRUE
                    WHERE domain = :d AND unavailable = FALSE AND failing_since IS NOT NULL AND failing_since <= :cutoff""")
                    .bind("d", domain).bind("cutoff", unavailableBefore).execute() > 0;
        });
    }

    /** What a delivery needs to know of a host, read at once: unavailable, and {@link #healthySince} {@code since}. */
    public record State(boolean unavailable, boolean healthy) {}

    /** {@link #unavailable} and {@link #healthySince} in one query (an unknown host: available, not healthy). */
    public State state(String domain, Instant since) {
        return db.read(h -> h.createQuery("""
                SELECT unavailable, CASE WHEN failing_since IS NULL AND unavailable = FALSE AND last_success_at > :since
                  THEN 1 ELSE 0 END AS healthy FROM instances WHERE domain = :d""").bind("d", domain).bind("since", since)
                .map((rs, ctx) -> new State(rs.getBoolean("unavailable"), rs.getInt("healthy") == 1))
                .findOne().orElse(new State(false, false)));
    }

    /** Is the host available, without a failure streak, and did it last answer after {@code since}? */
    public boolean healthySince(String domain, Instant since) {
        return db.read(h -> h.createQuery("""
                SELECT COUNT(*) FROM instances WHERE domain = :d AND failing_since IS NULL AND unavailable = FALSE
                  AND last_success_at > :since""").bind("d", domain).bind("since", since)
                .mapTo(Integer.class).one()) > 0;
    }

    /** The host answered at {@code now}: its streak ends and it is available again. */
    public void recordSuccess(String domain, Instant now) {
        db.write(h -> h.createUpdate("""
                INSERT INTO instances (domain, unavailable, last_success_at, created_at) VALUES (:d, FALSE, :now, :now)
                ON CONFLICT (domain) DO UPDATE SET failing_since = NULL, unavailable = FALSE, last_success_at = excluded.last_success_at""")
                .bind("d", domain).bind("now", now).execute());
    }
}
