package social.atoll.federation.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import social.atoll.infra.db.Database;

/**
 * Delivery health per remote host, in table {@code instances}. A host that has failed every delivery for
 * {@link #UNAVAILABLE_AFTER} (Mastodon: failures on 7 distinct days with no success) is marked unavailable and
 * deliveries to it are skipped; any successful delivery, valid inbound activity or probe answer makes it available
 * again.
 */
public final class InstanceHealth {

    public static final Duration UNAVAILABLE_AFTER = Duration.ofDays(7);

    private final Database db;
    private final Clock clock;
    private final Duration unavailableAfter;

    public InstanceHealth(Database db, Clock clock) { this(db, clock, UNAVAILABLE_AFTER); }

    public InstanceHealth(Database db, Clock clock, Duration unavailableAfter) {
        this.db = db;
        this.clock = clock;
        this.unavailableAfter = unavailableAfter;
    }

    public boolean unavailable(String host) {
        return db.read(h -> h.createQuery("SELECT unavailable FROM instances WHERE domain = :d").bind("d", host)
                .mapTo(Boolean.class).findOne().orElse(false));
    }

    /**
     * Records a failed delivery; returns true when this failure made the host unavailable (the caller then schedules
     * a probe).
     */
    public boolean failed(String host) {
        Instant now = clock.instant();
        return db.write(h -> {
            h.createUpdate("""
                    INSERT INTO instances (domain, failing_since, unavailable, created_at) VALUES (:d, :now, FALSE, :now)
                    ON CONFLICT (domain) DO UPDATE SET failing_since = COALESCE(instances.failing_since, excluded.failing_since)""")
                    .bind("d", host).bind("now", now).execute();
            return h.createUpdate("""
                    UPDATE instances SET unavailable = TRUE
                    WHERE domain = :d AND unavailable = FALSE AND failing_since IS NOT NULL AND failing_since <= :cutoff""")
                    .bind("d", host).bind("cutoff", now.minus(unavailableAfter)).execute() > 0;
        });
    }

    /** The host answered: clears failures and unavailability. */
    public void succeeded(String host) {
        Instant now = clock.instant();
        // a healthy host is not rewritten on every delivery: once an hour is enough for last_success_at
        boolean healthy = db.read(h -> h.createQuery("""
                SELECT COUNT(*) FROM instances WHERE domain = :d AND failing_since IS NULL AND unavailable = FALSE
                  AND last_success_at > :recent""").bind("d", host).bind("recent", now.minus(Duration.ofHours(1)))
                .mapTo(Integer.class).one()) > 0;
        if (healthy) return;
        db.write(h -> h.createUpdate("""
                INSERT INTO instances (domain, unavailable, last_success_at, created_at) VALUES (:d, FALSE, :now, :now)
                ON CONFLICT (domain) DO UPDATE SET failing_since = NULL, unavailable = FALSE, last_success_at = excluded.last_success_at""")
                .bind("d", host).bind("now", now).execute());
    }
}
