package social.atoll.core.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing. Failed sign-ins are remembered per login (the e-mail or username typed, whether or not
 * it exists, so the answer reveals nothing) and per IP address; past {@link #PER_LOGIN} failures for one login in
 * {@link #WINDOW}, or {@link #PER_IP} from one address, further attempts are refused — even with the right
 * password — until the oldest failure leaves the window. A successful sign-in clears its login's failures. Other
 * people's sign-ins are untouched: nothing here is global.
 *
 * <p>Counted in memory, per node, as the API's rate limits are: N nodes let an attacker try N times as often,
 * still far from the hundreds per minute an unthrottled form allows.
 */
public final class SignInThrottle {

    static final int PER_LOGIN = 10;
    static final int PER_IP = 30;
    static final Duration WINDOW = Duration.ofMinutes(15);

    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    public SignInThrottle(Clock clock) { this.clock = clock; }

    /** How long until {@code login} from {@code ip} may try again; zero when it may now. */
    public Duration wait(String login, String ip) {
        Instant now = clock.instant();
        Duration byLogin = waitFor(loginKey(login), PER_LOGIN, now);
        Duration byIp = waitFor(ipKey(ip), PER_IP, now);
        return byLogin.compareTo(byIp) >= 0 ? byLogin : byIp;
    }

    public void failed(String login, String ip) {
        Instant now = clock.instant();
        record(loginKey(login), now);
        record(ipKey(ip), now);
    }

    public void succeeded(String login) { failures.remove(loginKey(login)); }

    private Duration waitFor(String key, int limit, Instant now) {
        Deque<Instant> times = failures.get(key);
        if (times == null) return Duration.ZERO;
        synchronized (times) {
            prune(times, now);
            if (times.size() < limit) return Duration.ZERO;
            // refused until enough failures have left the window to be under the limit again
            Instant oldestThatCounts = times.stream().skip(times.size() - limit).findFirst().orElseThrow();
            return Duration.between(now, oldestThatCounts.plus(WINDOW));
        }
    }

    private void record(String key, Instant now) {
        Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            prune(times, now);
            times.addLast(now);
        }
        if (failures.size() > 100_000) failures.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                prune(e.getValue(), now);
                return e.getValue().isEmpty();
            }
        });
    }

    private static void prune(Deque<Instant> times, Instant now) {
        Instant cutoff = now.minus(WINDOW);
        while (!times.isEmpty() && !times.peekFirst().isAfter(cutoff)) times.removeFirst();
    }

    private static String loginKey(String login) { return "login:" + (login == null ? "" : login.trim().toLowerCase(Locale.ROOT)); }

    private static String ipKey(String ip) { return "ip:" + ip; }
}
