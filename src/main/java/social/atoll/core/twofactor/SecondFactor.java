package social.atoll.core.twofactor;

import java.time.Duration;
import java.util.Optional;
import social.atoll.core.account.AccountStore;
import social.atoll.core.auth.SignInThrottle;
import social.atoll.core.auth.WebSessions;

/**
 * The second step of a sign-in, after the password (or instead of it, with a passkey): a TOTP code, a recovery
 * code or a passkey. Failures are throttled as passwords are — per account and per address — so the six digits
 * cannot be guessed at speed; a passkey sign-in without a password is throttled per address.
 */
public final class SecondFactor {

    /** What a second step came to: the person to sign in, a wrong answer, or too many recent failures. */
    public sealed interface Outcome {
        record Passed(WebSessions.Person person) implements Outcome {}
        record Wrong() implements Outcome {}
        record Throttled(Duration retryAfter) implements Outcome {}
    }

    private final TwoFactorService twoFactor;
    private final Passkeys passkeys;
    private final AccountStore accounts;
    private final SignInThrottle throttle;
    private final social.atoll.infra.db.Database db;

    public SecondFactor(social.atoll.infra.db.Database db, TwoFactorService twoFactor, Passkeys passkeys, AccountStore accounts,
                        SignInThrottle throttle) {
        this.db = db;
        this.twoFactor = twoFactor;
        this.passkeys = passkeys;
        this.accounts = accounts;
        this.throttle = throttle;
    }

    /** True when {@code userId} has this second step to pass; {@link #hasPasskeys} says whether a passkey can be used. */
    public boolean required(long userId) { return twoFactor.required(userId); }

    public boolean hasPasskeys(long userId) { return twoFactor.status(userId).passkeys().size() > 0; }

    /** A code (TOTP or recovery) typed by the user who passed the password step. */
    public Outcome code(long userId, String code, String ip) {
        return attempt(userId, ip, () -> twoFactor.verify(userId, code));
    }

    /** Options for answering the second step with a passkey of this user. */
    public Optional<Passkeys.Options> passkeyOptions(long userId) { return passkeys.secondFactorOptions(userId); }

    /** A passkey's answer from the user who passed the password step. */
    public Outcome passkey(long userId, String responseJson, String ip) {
        return attempt(userId, ip, () -> passkeys.verifySecondFactor(userId, responseJson));
    }

    public Passkeys.Options passwordlessOptions() { return passkeys.passwordlessOptions(); }

    /** A passkey's answer to a sign-in without password: whoever it proves, if anyone. */
    public Outcome passwordless(String responseJson, String ip) {
        // keyed by address alone: a shared key would let anyone lock everyone out of passkey sign-in
        String key = "passkey:" + ip;
        Duration wait = throttle.wait(key, ip);
        if (wait.isPositive()) return new Outcome.Throttled(wait);
        Optional<WebSessions.Person> person = passkeys.verifyPasswordless(responseJson).flatMap(this::person);
        if (person.isEmpty()) {
            throttle.failed(key, ip);
            return new Outcome.Wrong();
        }
        return new Outcome.Passed(person.get());
    }

    /**
     * A digest of the user's current password hash, which a pending second step is bound to: a password change
     * (hence a new hash, salted afresh) ends any second step begun with the old password. Empty when the user is gone.
     */
    public Optional<String> passwordStamp(long userId) {
        return person(userId).map(p -> social.atoll.core.auth.Tokens.sha256("atoll password stamp:" + p.user().passwordHash()));
    }

    /** The user and account of {@code userId}, as a sign-in needs them. */
    public Optional<WebSessions.Person> person(long userId) {
        java.util.List<social.atoll.core.account.User> users = db.read(h -> {
            try {
                return java.util.List.of(accounts.storedUser(h, userId));
            } catch (IllegalStateException gone) {
                return java.util.List.<social.atoll.core.account.User>of();
            }
        });
        return users.stream().findFirst().flatMap(u -> accounts.byId(u.accountId()).map(a -> new WebSessions.Person(u, a)));
    }

    private Outcome attempt(long userId, String ip, java.util.function.BooleanSupplier check) {
        String login = "2fa:" + userId;
        Duration wait = throttle.wait(login, ip);
        if (wait.isPositive()) return new Outcome.Throttled(wait);
        Optional<WebSessions.Person> person = check.getAsBoolean() ? person(userId) : Optional.empty();
        if (person.isEmpty()) {
            throttle.failed(login, ip);
            return new Outcome.Wrong();
        }
        throttle.succeeded(login);
        return new Outcome.Passed(person.get());
    }
}
