package social.atoll.core.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows mass sign-ups, through the API and the web form alike: at most {@link #PER_IP} accounts from one address
 * in {@link #IP_WINDOW} (Mastodon's API limit, which its web form shares), and at most {@link #PER_DOMAIN} with
 * addresses of one e-mail domain in {@link #DOMAIN_WINDOW} (a wave of throwaway addresses from one provider).
 * Only sign-ups that went through count. Counted in memory per node, as the API's rate limits are, and off when
 * they are ({@code ATOLL_RATE_LIMIT=off}).
 */
public final class SignUpThrottle {

    public static final int PER_IP = 5;
    public static final Duration IP_WINDOW = Duration.ofMinutes(30);
    public static final int PER_DOMAIN = 20;
    public static final Duration DOMAIN_WINDOW = Duration.ofHours(1);

    private final boolean enabled;
    private final Clock clock;
    private final Map<String, Deque<Instant>> recent = new ConcurrentHashMap<>();

    public SignUpThrottle(boolean enabled, Clock clock) {
        this.enabled = enabled;
        this.clock = clock;
    }

    /** Whether one more sign-up from {@code ip} with {@code email} would go over a limit. */
    public boolean exceeded(String ip, String email) {
        if (!enabled) return false;
        Instant now = clock.instant();
        return full(ipKey(ip), PER_IP, IP_WINDOW, now) || (domainKey(email) != null && full(domainKey(email), PER_DOMAIN, DOMAIN_WINDOW, now));
    }

    /** Counts a sign-up that went through. */
    public void signedUp(String ip, String email) {
        if (!enabled) return;
        Instant now = clock.instant();
        add(ipKey(ip), now);
        String d = domainKey(email);
        if (d != null) add(d, now);
    }

    private boolean full(String key, int limit, Duration window, Instant now) {
        Deque<Instant> times = recent.get(key);
        if (times == null) return false;
        synchronized (times) {
            while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(window))) times.pollFirst();
            return times.size() >= limit;
        }
    }

    private void add(String key, Instant now) {
        Deque<Instant> times = recent.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            times.addLast(now);
            // the longest window bounds what is worth keeping
            while (times.size() > Math.max(PER_IP, PER_DOMAIN)) times.pollFirst();
        }
    }

    private static String ipKey(String ip) { return "ip:" + (ip == null ? "" : ip); }

    private static String domainKey(String email) {
        if (email == null) return null;
        int at = email.lastIndexOf('@');
        return at < 0 || at == email.length() - 1 ? null : "domain:" + email.substring(at + 1).trim().toLowerCase(Locale.ROOT);
    }
}
