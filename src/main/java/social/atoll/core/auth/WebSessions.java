package social.atoll.core.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountService;
import social.atoll.core.account.AccountStore;
import social.atoll.core.account.User;

/**
 * Browser sign-in as the web pages need it: checking a password, starting, resuming and ending a server-side
 * session, each answered with the user and the account together.
 */
public final class WebSessions {

    /** How long a sign-in lasts; the browser is asked to forget the cookie at the same moment. */
    public static final Duration LIFETIME = WebSessionStore.LIFETIME;

    /** A user and their local account. */
    public record Person(User user, Account account) {}

    /** A live session, with the secret its cookie carries. */
    public record Session(WebSession session, String secret, Person person) {}

    private final WebSessionStore store;
    private final AccountStore accounts;
    private final AccountService accountService;
    private final SignInThrottle throttle;
    private final Clock clock;
    private final social.atoll.core.account.SignInNotices notices;

    /** How stale a session's recorded activity may get before a request refreshes it. */
    static final Duration ACTIVITY_STEP = Duration.ofMinutes(5);

    public WebSessions(WebSessionStore store, AccountStore accounts, AccountService accountService, SignInThrottle throttle,
                       Clock clock, social.atoll.core.account.SignInNotices notices) {
        this.clock = clock;
        this.notices = notices;
        this.store = store;
        this.accounts = accounts;
        this.accountService = accountService;
        this.throttle = throttle;
    }

    /** The outcome of a sign-in attempt: the person, a wrong login or password, or too many recent failures. */
    public sealed interface Attempt {
        record SignedIn(Person person) implements Attempt {}
        record Wrong() implements Attempt {}
        record Throttled(Duration retryAfter) implements Attempt {}
    }

    /**
     * Checks an e-mail (or local username) and password typed from {@code ip}. Attempts after too many failures
     * are refused without looking at the password, so guessing gets no faster by trying the right one among them.
     */
    public Attempt authenticate(String login, String password, String ip) {
        Duration wait = throttle.wait(login, ip);
        if (!wait.isZero() && !wait.isNegative()) return new Attempt.Throttled(wait);
        Optional<Person> person = accountService.authenticate(login, password)
                .flatMap(u -> accounts.byId(u.accountId()).map(a -> new Person(u, a)));
        if (person.isEmpty()) {
            throttle.failed(login, ip);
            return new Attempt.Wrong();
        }
        throttle.succeeded(login);
        return new Attempt.SignedIn(person.get());
    }

    /** The unexpired session whose cookie carries {@code secret}, with its person. */
    public Optional<Session> resume(String secret) { return resume(secret, null); }

    /**
     * {@link #resume(String)} for a request from {@code ip}, which also records the session's activity for the
     * sessions page: at most every {@link #ACTIVITY_STEP} (or when the address changed), so reading pages does not
     * turn into a write per request.
     */
    public Optional<Session> resume(String secret, String ip) {
        return store.find(secret).map(s -> {
            Instant now = clock.instant();
            boolean moved = ip != null && !ip.equals(s.ip());
            if (ip == null || (!moved && s.lastSeen().plus(ACTIVITY_STEP).isAfter(now))) return s;
            store.touch(s.id(), ip, now);
            return new WebSession(s.id(), s.userId(), s.accountId(), ip, s.userAgent(), s.createdAt(), now, s.expiresAt());
        }).flatMap(s -> accounts.byId(s.accountId())
                .flatMap(a -> accounts.userByAccountId(a.id()).map(u -> new Session(s, secret, new Person(u, a)))));
    }

    /** The signed-in browsers of a user, most recently active first. */
    public List<WebSession> of(long userId) { return store.ofUser(userId); }

    /** Signs out one browser of this user (by session id); false when it is not theirs or already gone. */
    public boolean end(long userId, long sessionId) { return store.delete(userId, sessionId); }

    /** Signs out every browser of this user but the one with session {@code keepId}; answers how many. */
    public int endOthers(long userId, long keepId) { return store.deleteOthers(userId, keepId); }

    /** Signs {@code person} in from this browser, ending the session it had ({@code previousSecret}, may be null). */
    public Session start(Person person, String previousSecret, String ip, String userAgent) {
        store.delete(previousSecret);
        WebSessionStore.Created created = store.create(person.user().id(), person.account().id(), ip, userAgent);
        notices.signedIn(person.user(), person.account(), ip, userAgent);
        return new Session(created.session(), created.secret(), person);
    }

    /** Ends the session with this secret (sign-out); unknown secrets are ignored. */
    public void end(String secret) { store.delete(secret); }
}
