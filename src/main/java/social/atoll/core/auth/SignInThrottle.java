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
 * Slows password guessing with an exponentially growing wait. Failed sign-ins are remembered per login (the e-mail
 * or username typed, whether or not it exists, so the answer reveals nothing) and per IP address. A login may fail
 * {@link #PER_LOGIN} times in {@link #WINDOW} (an address {@link #PER_IP} times) before it must wait
 * {@link #FIRST_WAIT}; every failure after that wait doubles it (1, 2, 4, 8 … minutes), up to {@link #LONGEST_WAIT}.
 * While it waits every attempt is refused, even with the right password, without looking at the password.
 * A successful sign-in clears its login's failures; a login or address that fails nothing for {@link #FORGET} starts
 * afresh. Other people's sign-ins are untouched: nothing here is global, and an address may fail more often than a
 * login because many people share one behind a NAT.
 *
 * <p>Web sign-in and OAuth sign-in (which sends the browser through the same sign-in form) are both counted here,
 * as are second-step codes. Counted in memory, per node, as the API's rate limits are: N nodes let an attacker try
 * N times as often, still a handful of guesses an hour once the wait has grown.
 */
public final class SignInThrottle {

    static final int PER_LOGIN = 5;
    static final int PER_IP = 20;
    static final Duration WINDOW = Duration.ofMinutes(5);
    static final Duration FIRST_WAIT = Duration.ofMinutes(1);
    static final Duration LONGEST_WAIT = Duration.ofHours(1);
    static final Duration FORGET = Duration.ofDays(1);

    /** One login's or address's recent failures and how far its waiting has grown. */
    private static final class Record {
        final Deque<Instant> recent = new ArrayDeque<>();
        Instant lastFailure = Instant.MIN;
        Instant waitUntil = Instant.MIN;
        /** How many waits this record has been given since it last started afresh. */
        int waits;

        boolean stale(Instant now) {
            return lastFailure.plus(FORGET).isBefore(now) && !waitUntil.isAfter(now);
        }
    }

    private final Clock clock;
    private final Map<String, Record> records = new ConcurrentHashMap<>();

    public SignInThrottle(Clock clock) { this.clock = clock; }

    /** How long until {@code login} from {@code ip} may try again; zero when it may now. */
    public Duration wait(String login, String ip) {
        Instant now = clock.instant();
        Duration byLogin = waitFor(loginKey(login), now);
        Duration byIp = waitFor(ipKey(ip), now);
        return byLogin.compareTo(byIp) >= 0 ? byLogin : byIp;
    }

    public void failed(String login, String ip) {
        Instant now = clock.instant();
        record(loginKey(login), PER_LOGIN, now);
        record(ipKey(ip), PER_IP, now);
    }

    public void succeeded(String login) { records.remove(loginKey(login)); }

    private Duration waitFor(String key, Instant now) {
        Record r = records.get(key);
        if (r == null) return Duration.ZERO;
        synchronized (r) {
            return r.waitUntil.isAfter(now) ? Duration.between(now, r.waitUntil) : Duration.ZERO;
        }
    }

    private void record(String key, int allowed, Instant now) {
        Record r = records.computeIfAbsent(key, k -> new Record());
        synchronized (r) {
            if (r.stale(now)) {
                r.recent.clear();
                r.waits = 0;
            }
            r.lastFailure = now;
            Instant cutoff = now.minus(WINDOW);
            while (!r.recent.isEmpty() && !r.recent.peekFirst().isAfter(cutoff)) r.recent.removeFirst();
            r.recent.addLast(now);
            // once it has had to wait, each further failure waits twice as long; before, only a full window does
            if (r.waits > 0 || r.recent.size() >= allowed) {
                r.waitUntil = now.plus(waitAfter(r.waits));
                r.waits++;
                r.recent.clear();
            }
        }
        if (records.size() > 100_000) records.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                return e.getValue().stale(now);
            }
        });
    }

    /** The wait after {@code earlier} earlier waits: 1 minute, doubled each time, at most {@link #LONGEST_WAIT}. */
    static Duration waitAfter(int earlier) {
        if (earlier >= 20) return LONGEST_WAIT;
        Duration d = FIRST_WAIT.multipliedBy(1L << earlier);
        return d.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : d;
    }

    private static String loginKey(String login) { return "login:" + (login == null ? "" : login.trim().toLowerCase(Locale.ROOT)); }

    private static String ipKey(String ip) { return "ip:" + ip; }
}
