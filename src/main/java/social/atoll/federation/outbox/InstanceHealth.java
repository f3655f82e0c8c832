package social.atoll.federation.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import social.atoll.core.instance.InstanceHealthStore;

/**
 * Delivery health per remote host, in table {@code instances}. A host that has failed every delivery for
 * {@link #UNAVAILABLE_AFTER} (Mastodon: failures on 7 distinct days with no success) is marked unavailable and
 * deliveries to it are skipped; any successful delivery, valid inbound activity or probe answer makes it available
 * again.
 *
 * <p>Every delivery asks whether its host is unavailable and reports its outcome, and so does every inbound
 * activity: two queries each, which the federation bench's profile showed costing as much as the delivery's RSA
 * signature. What this process last read or wrote about a host is therefore remembered for {@link #REMEMBERED}. The
 * states change over days (a week of failures), so another node's change seen that much later changes nothing;
 * this process's own failures forget what it remembers about the host at once.
 */
public final class InstanceHealth {

    public static final Duration UNAVAILABLE_AFTER = Duration.ofDays(7);
    static final Duration REMEMBERED = Duration.ofSeconds(10);
    private static final int REMEMBERED_HOSTS = 10_000;

    /** What this process knows about a host as of {@code at} (epoch ms): whether it is unavailable, and whether healthy. */
    private record Known(boolean unavailable, boolean healthy, long at) {}

    private final InstanceHealthStore store;
    private final Clock clock;
    private final Map<String, Known> known = new ConcurrentHashMap<>();

    public InstanceHealth(InstanceHealthStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public boolean unavailable(String host) {
        Known k = fresh(host);
        if (k != null) return k.unavailable();
        boolean unavailable = store.unavailable(host);
        remember(host, new Known(unavailable, false, clock.millis()));
        return unavailable;
    }

    private Known fresh(String host) {
        Known k = known.get(host);
        long now = clock.millis();
        return k != null && now - k.at() < REMEMBERED.toMillis() && now >= k.at() ? k : null;
    }

    private void remember(String host, Known k) {
        if (known.size() >= REMEMBERED_HOSTS) known.clear();
        known.put(host, k);
    }

    /**
     * Records a failed delivery; returns true when this failure made the host unavailable (the caller then schedules
     * a probe).
     */
    public boolean failed(String host) {
        known.remove(host);
        Instant now = clock.instant();
        boolean marked = store.recordFailure(host, now, now.minus(UNAVAILABLE_AFTER));
        known.remove(host); // a success racing with this failure may have remembered the host healthy meanwhile
        return marked;
    }

    /** The host answered: clears failures and unavailability. */
    public void succeeded(String host) {
        Known k = fresh(host);
        if (k != null && k.healthy()) return;
        Instant now = clock.instant();
        // a healthy host is not rewritten on every delivery: once an hour is enough for last_success_at
        if (!store.healthySince(host, now.minus(Duration.ofHours(1)))) store.recordSuccess(host, now);
        remember(host, new Known(false, true, now.toEpochMilli()));
    }
}
