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
    /** How long after its last recorded success a host counts as healthy without recording another one. */
    private static final Duration HEALTHY_FOR = Duration.ofHours(1);

    private final InstanceHealthStore store;
    private final Clock clock;

    public InstanceHealth(InstanceHealthStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public boolean unavailable(String host) { return store.unavailable(host); }

    /**
     * Whether {@code host} is unavailable and whether it is healthy (no need to record a success), in one read: a
     * delivery asks both, before and after its POST, and the two queries cost about as much as its RSA signature
     * (federation bench profile). Pass the answer to {@link #succeeded(String, InstanceHealthStore.State)}.
     */
    public InstanceHealthStore.State state(String host) { return store.state(host, clock.instant().minus(HEALTHY_FOR)); }

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
        if (store.healthySince(host, now.minus(HEALTHY_FOR))) return;
        store.recordSuccess(host, now);
    }

    /** {@link #succeeded(String)} with the {@link #state} read just before the request, instead of reading it again. */
    public void succeeded(String host, InstanceHealthStore.State before) {
        if (before.healthy()) return;
        store.recordSuccess(host, clock.instant());
    }
}
