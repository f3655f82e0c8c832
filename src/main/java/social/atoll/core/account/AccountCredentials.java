package social.atoll.core.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import social.atoll.config.Settings;
import social.atoll.core.auth.OAuthStore;
import social.atoll.core.auth.Tokens;
import social.atoll.core.auth.WebSessionStore;
import social.atoll.core.common.ValidationException;
import social.atoll.core.mail.Letter;
import social.atoll.core.mail.MailService;
import social.atoll.infra.db.Database;
import social.atoll.infra.ids.IdGenerator;
import social.atoll.infra.jobs.JobQueue;
import social.atoll.infra.jobs.JobType;

/**
 * What proves a person holds their account, and how they get it back: the e-mail confirmation sent at sign-up
 * (24 hours), the password reset link (1 hour), and the password change. Links carry a random 256-bit token used
 * once; only its SHA-256 is stored. A new password ends every browser session and app token, except the browser
 * that changed it in settings, and is announced by mail.
 */
public final class AccountCredentials {

    static final Duration CONFIRMATION_LIFETIME = Duration.ofHours(24);
    static final Duration RESET_LIFETIME = Duration.ofHours(1);
    static final Duration EMAIL_CHANGE_LIFETIME = Duration.ofHours(24);
    /** One reset mail per account per minute: the form must not become a way to flood someone's inbox. */
    static final Duration RESET_SPACING = Duration.ofMinutes(1);

    /** A reset asked for an address: whether the address is known is found out in the job, not in the request. */
    public record ResetRequest(String email) {}

    static final JobType<ResetRequest> RESET_REQUEST = JobType.local("account.password_reset_request", ResetRequest.class);

    /** Someone tried to sign up on the web with an address that has an account; its owner is told in the job. */
    public record SignUpAttempt(String email) {}

    static final JobType<SignUpAttempt> SIGN_UP_ATTEMPT = JobType.local("account.sign_up_attempt", SignUpAttempt.class);

    private final Settings settings;
    private final Database db;
    private final AccountStore accounts;
    private final UserTokenStore tokens;
    private final OAuthStore oauth;
    private final WebSessionStore sessions;
    private final MailService mail;
    private final JobQueue jobs;
    private final IdGenerator ids;
    private final Clock clock;

    public AccountCredentials(Settings settings, Database db, AccountStore accounts, UserTokenStore tokens, OAuthStore oauth,
                              WebSessionStore sessions, MailService mail, JobQueue jobs, IdGenerator ids, Clock clock) {
        this.settings = settings;
        this.db = db;
        this.accounts = accounts;
        this.tokens = tokens;
        this.oauth = oauth;
        this.sessions = sessions;
        this.mail = mail;
        this.jobs = jobs;
        this.ids = ids;
        this.clock = clock;
    }

    public void register() {
        jobs.register(RESET_REQUEST, r -> sendReset(r.email()));
        jobs.register(SIGN_UP_ATTEMPT, a -> sendSignUpAttempt(a.email()));
    }

    /**
     * The web sign-up form was filled in with {@code email}, which already has an account: its owner gets a mail
     * saying so, with a link to reset the password (likely why they signed up again). Like a reset request it only
     * stores a job, so the sign-up answers as fast as for a new address.
     */
    void tellOwnerOfSignUpAttempt(String email) {
        db.write(h -> jobs.enqueue(SIGN_UP_ATTEMPT, Long.toString(ids.next()), new SignUpAttempt(email)));
    }

    private void sendSignUpAttempt(String email) {
        Optional<User> found = accounts.userByEmail(email);
        if (found.isEmpty() || found.get().disabled()) return;
        User user = found.get();
        Optional<Account> account = accounts.byId(user.accountId());
        if (account.isEmpty() || account.get().suspended()) return;
        String token = Tokens.random();
        Instant now = clock.instant();
        db.write(h -> {
            // the reset mails' spacing: filling in the form again and again must not flood the owner's inbox
            if (tokens.issuedSince(h, user.id(), UserTokenStore.Purpose.PASSWORD_RESET, now.minus(RESET_SPACING), now)) return null;
            tokens.insert(h, ids.next(), user.id(), UserTokenStore.Purpose.PASSWORD_RESET, Tokens.sha256(token), now, now.plus(RESET_LIFETIME));
            mail.send(new Letter(Letter.Kind.SIGN_UP_ATTEMPT, user.email(), account.get().username(),
                    settings.url("/auth/password/edit?token=" + token), user.locale()));
            return null;
        });
    }

    /** Mails a fresh confirmation link to a user whose address is not confirmed; earlier links stop working. */
    void sendConfirmation(User user) {
        String token = Tokens.random();
        Instant now = clock.instant();
        String username = username(user);
        db.write(h -> {
            tokens.voidAll(h, user.id(), UserTokenStore.Purpose.CONFIRM_EMAIL, now);
            tokens.insert(h, ids.next(), user.id(), UserTokenStore.Purpose.CONFIRM_EMAIL, Tokens.sha256(token), now, now.plus(CONFIRMATION_LIFETIME));
            mail.send(new Letter(Letter.Kind.CONFIRM_EMAIL, user.email(), username,
                    settings.url("/auth/confirmation?token=" + token), user.locale()));
            return null;
        });
    }

    public enum ResendOutcome { SENT, ALREADY_CONFIRMED, NO_USER }

    /** {@code POST /api/v1/emails/confirmations}: a new link for the account of this token, while it is unconfirmed. */
    public ResendOutcome resendConfirmation(long accountId) {
        Optional<User> user = accounts.userByAccountId(accountId);
        if (user.isEmpty()) return ResendOutcome.NO_USER;
        if (user.get().confirmedAt() != null) return ResendOutcome.ALREADY_CONFIRMED;
        sendConfirmation(user.get());
        return ResendOutcome.SENT;
    }

    /** Confirms the address the link was sent to; false for an unknown, used or expired link. */
    public boolean confirm(String token) {
        if (!wellFormed(token)) return false;
        Instant now = clock.instant();
        return db.write(h -> tokens.spend(h, UserTokenStore.Purpose.CONFIRM_EMAIL, Tokens.sha256(token), now)
                .map(userId -> {
                    tokens.confirm(h, userId, now);
                    return true;
                }).orElse(false));
    }

    /**
     * Asks for a reset link to be mailed to {@code email}. It only stores a job, whatever the address: the answer
     * and its timing are the same whether or not an account has it.
     */
    public void requestPasswordReset(String email) {
        if (email == null || email.isBlank() || email.length() > 320) return;
        db.write(h -> jobs.enqueue(RESET_REQUEST, Long.toString(ids.next()), new ResetRequest(email.trim())));
    }

    private void sendReset(String email) {
        Optional<User> found = accounts.userByEmail(email);
        if (found.isEmpty() || found.get().disabled()) return;
        User user = found.get();
        Optional<Account> account = accounts.byId(user.accountId());
        if (account.isEmpty() || account.get().suspended()) return;
        String token = Tokens.random();
        Instant now = clock.instant();
        db.write(h -> {
            if (tokens.issuedSince(h, user.id(), UserTokenStore.Purpose.PASSWORD_RESET, now.minus(RESET_SPACING), now)) return null;
            tokens.insert(h, ids.next(), user.id(), UserTokenStore.Purpose.PASSWORD_RESET, Tokens.sha256(token), now, now.plus(RESET_LIFETIME));
            mail.send(new Letter(Letter.Kind.PASSWORD_RESET, user.email(), account.get().username(),
                    settings.url("/auth/password/edit?token=" + token), user.locale()));
            return null;
        });
    }

    /** True while a reset link can still be used (the form is shown only then). */
    public boolean resetLinkLive(String token) {
        if (!wellFormed(token)) return false;
        Instant now = clock.instant();
        return db.read(h -> tokens.live(h, UserTokenStore.Purpose.PASSWORD_RESET, Tokens.sha256(token), now));
    }

    /**
     * Sets a new password through a reset link, then ends every browser session and app token of the account and
     * voids its other reset links. False when the link is unknown, used or expired.
     *
     * @throws ValidationException when the new password breaks a rule (the link is then still usable)
     */
    public boolean resetPassword(String token, String password) {
        if (!wellFormed(token)) return false;
        Instant now = clock.instant();
        String hash = Tokens.sha256(token);
        Optional<User> owner = db.read(h -> tokens.owner(h, UserTokenStore.Purpose.PASSWORD_RESET, hash, now).map(id -> accounts.storedUser(h, id)));
        if (owner.isEmpty()) return false;
        checkPassword(password, username(owner.get()));
        String passwordHash = Passwords.hash(password);
        Optional<User> changed = db.write(h -> tokens.spend(h, UserTokenStore.Purpose.PASSWORD_RESET, hash, now).map(userId -> {
            User user = owner.get();
            tokens.setPassword(h, userId, passwordHash);
            tokens.voidAll(h, userId, UserTokenStore.Purpose.PASSWORD_RESET, now);
            oauth.revokeAllOf(h, user.accountId(), now);
            sessions.deleteAllOf(h, user.accountId());
            mail.send(new Letter(Letter.Kind.PASSWORD_CHANGED, user.email(), username(user), settings.url("/auth/password/new"), user.locale()));
            return user;
        }));
        return changed.isPresent();
    }

    /**
     * Changes the password from settings: the current one must match. Every other browser session and every app
     * token of the account end; {@code keepSessionId} (the browser that changed it) stays signed in.
     *
     * @throws ValidationException when the current password is wrong or the new one breaks a rule
     */
    public void changePassword(long accountId, String current, String password, long keepSessionId) {
        User user = accounts.userByAccountId(accountId).orElseThrow(() -> new ValidationException("No such user"));
        if (!Passwords.matches(current == null ? "" : current, user.passwordHash()))
            throw new ValidationException("Current password is invalid",
                    Map.of("current_password", List.of(new ValidationException.FieldError("ERR_INVALID", "is invalid"))));
        String username = username(user);
        checkPassword(password, username);
        String passwordHash = Passwords.hash(password);
        Instant now = clock.instant();
        db.write(h -> {
            tokens.setPassword(h, user.id(), passwordHash);
            tokens.voidAll(h, user.id(), UserTokenStore.Purpose.PASSWORD_RESET, now);
            oauth.revokeAllOf(h, accountId, now);
            sessions.deleteOthers(user.id(), keepSessionId);
            mail.send(new Letter(Letter.Kind.PASSWORD_CHANGED, user.email(), username, settings.url("/auth/password/new"), user.locale()));
            return null;
        });
    }

    /**
     * Asks to change the account's address from settings (the current password must match): a single-use link,
     * valid 24 hours, goes to the new address, and a notice to the old one; the address changes only when the link
     * is used. Earlier change links stop working. Whether another account has the new address is not said here
     * (that would tell anyone who is registered); the link then fails.
     *
     * @throws ValidationException when the password is wrong or the address is invalid or the current one
     */
    public void requestEmailChange(long accountId, String currentPassword, String newEmail) {
        User user = accounts.userByAccountId(accountId).orElseThrow(() -> new ValidationException("No such user"));
        if (!Passwords.matches(currentPassword == null ? "" : currentPassword, user.passwordHash()))
            throw new ValidationException("Current password is invalid",
                    Map.of("current_password", List.of(new ValidationException.FieldError("ERR_INVALID", "is invalid"))));
        String email = newEmail == null ? "" : newEmail.trim().toLowerCase(java.util.Locale.ROOT);
        if (email.isEmpty() || email.length() > 320 || !AccountService.validEmail(email))
            throw new ValidationException("Email is invalid", Map.of("email", List.of(new ValidationException.FieldError("ERR_INVALID", "is invalid"))));
        if (email.equals(user.email()))
            throw new ValidationException("Email is your current address",
                    Map.of("email", List.of(new ValidationException.FieldError("ERR_UNCHANGED", "is your current address"))));
        String token = Tokens.random();
        Instant now = clock.instant();
        String username = username(user);
        db.write(h -> {
            // one change mail a minute: the form must not become a way to flood someone's inbox
            if (tokens.issuedSince(h, user.id(), UserTokenStore.Purpose.CHANGE_EMAIL, now.minus(RESET_SPACING), now))
                throw new ValidationException("Email change was asked for a moment ago; try again in a minute",
                        Map.of("email", List.of(new ValidationException.FieldError("ERR_TOO_SOON", "change was asked for a moment ago; try again in a minute"))));
            tokens.voidAll(h, user.id(), UserTokenStore.Purpose.CHANGE_EMAIL, now);
            tokens.insert(h, ids.next(), user.id(), UserTokenStore.Purpose.CHANGE_EMAIL, Tokens.sha256(token), now, now.plus(EMAIL_CHANGE_LIFETIME));
            tokens.setUnconfirmedEmail(h, user.id(), email);
            mail.send(new Letter(Letter.Kind.EMAIL_CHANGE_CONFIRM, email, username, settings.url("/auth/email/confirm?token=" + token),
                    user.locale(), List.of(email)));
            mail.send(new Letter(Letter.Kind.EMAIL_CHANGE_NOTICE, user.email(), username, settings.url("/auth/password/new"),
                    user.locale(), List.of(email)));
            return null;
        });
    }

    /** The address a change waits to be confirmed for, if any. */
    public Optional<String> pendingEmail(long accountId) {
        return accounts.userByAccountId(accountId).flatMap(u -> db.read(h -> tokens.unconfirmedEmail(h, u.id())));
    }

    public enum EmailChangeOutcome { CHANGED, INVALID_LINK, ADDRESS_TAKEN }

    /** Uses an e-mail change link: the waiting address becomes the account's. The link works once, and not after 24 hours. */
    public EmailChangeOutcome confirmEmailChange(String token) {
        if (!wellFormed(token)) return EmailChangeOutcome.INVALID_LINK;
        Instant now = clock.instant();
        return db.write(h -> tokens.spend(h, UserTokenStore.Purpose.CHANGE_EMAIL, Tokens.sha256(token), now).map(userId -> {
            Optional<String> waiting = tokens.unconfirmedEmail(h, userId);
            if (waiting.isEmpty()) return EmailChangeOutcome.INVALID_LINK;
            if (tokens.emailTaken(h, waiting.get(), userId)) return EmailChangeOutcome.ADDRESS_TAKEN;
            tokens.applyUnconfirmedEmail(h, userId, now);
            return EmailChangeOutcome.CHANGED;
        }).orElse(EmailChangeOutcome.INVALID_LINK));
    }

    /** The rules of {@link PasswordRules}, as a validation error on {@code password}. */
    static void checkPassword(String password, String username) {
        PasswordRules.check(password, username).ifPresent(b -> {
            throw new ValidationException("Password " + b.description(),
                    Map.of("password", List.of(new ValidationException.FieldError(b.code(), b.description()))));
        });
    }

    private String username(User user) { return accounts.byId(user.accountId()).map(Account::username).orElse(""); }

    /** Tokens are 43 URL-safe characters; anything else is not looked up. */
    private static boolean wellFormed(String token) { return token != null && token.matches("[A-Za-z0-9_-]{43}"); }
}
