package social.atoll.api.ratelimit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fixed-window request counters, in memory. Windows are aligned to the epoch (as Rack::Attack, which Mastodon uses,
 * does), so a counter is one number per key and the reset time is the window's end. In memory means per node: a
 * cluster of N nodes behind a load balancer lets a client make up to N times the limit, which is acceptable for a
 * guard against runaway clients; a shared limit would cost a database round trip per request.
 */
final class RateCounter {

    /** The outcome of one hit: whether it was within the limit, what is left, and when the window resets. */
    record Hit(int limit, int remaining, long resetMillis, boolean exceeded) {}

    private static final class Window {
        long index;
        int count;
        long endMillis;
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final AtomicLong hits = new AtomicLong();

    /** Counts one request under {@code key} against {@code limit} per {@code periodMillis}. */
    Hit hit(String key, int limit, long periodMillis, long nowMillis) {
        long index = nowMillis / periodMillis;
        Window w = windows.computeIfAbsent(key, k -> new Window());
        int count;
        synchronized (w) {
            if (w.index != index) {
                w.index = index;
                w.count = 0;
                w.endMillis = (index + 1) * periodMillis;
            }
            count = ++w.count;
        }
        if ((hits.incrementAndGet() & 0x3FFF) == 0) sweep(nowMillis);
        return new Hit(limit, Math.max(0, limit - count), (index + 1) * periodMillis, count > limit);
    }

    /** Drops the counters of windows that have ended, so idle clients do not pile up. */
    private void sweep(long nowMillis) {
        windows.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                return e.getValue().endMillis <= nowMillis;
            }
        });
    }
}
