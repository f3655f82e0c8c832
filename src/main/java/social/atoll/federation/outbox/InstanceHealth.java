package social.atoll.federation.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import social.atoll.core.instance.InstanceHealthStore;

/**
 * Delivery health per remote host, in table {@code instances}. A host that has failed every delivery for
 * {@link #UNAVAILABLE_AFTER} (Mastodon: failures on 7 distinct days with no success) is marked unavailable and
 * deliveries to it are skipped; any successful delivery, valid inbound activity or probe answer makes it available
 * again.
 */
public final class InstanceHealth {

    public static final Duration UNAVAILABLE_AFTER = Duration.ofDays(7);

    private final InstanceHealthStore store;
    private final Clock clock;

    public InstanceHealth(InstanceHealthStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public boolean unavailable(String host) { return store.unavailable(host); }

    /**
     * Records a failed delivery; returns true when this failure made the host unavailable (the caller then schedules
     * a probe).
     */
    public boolean failed(String host) {
        Instant now = clock.instant();
        return store.recordFailure(host, now, now.minus(UNAVAILABLE_AFTER));
    }

    /** The host answered: clears failures and unavailability. */
    public void succeeded(String host) {
        Instant now = clock.instant();
        // a healthy host is not rewritten on every delivery: once an hour is enough for last_success_at
        if (store.healthySince(host, now.minus(Duration.ofHours(1)))) return;
        store.recordSuccess(host, now);
    }
}
