package social.atoll.core.twofactor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import social.atoll.config.Settings;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountStore;
import social.atoll.core.account.Passwords;
import social.atoll.core.account.User;
import social.atoll.core.auth.Tokens;
import social.atoll.core.common.ValidationException;
import social.atoll.core.mail.Letter;
import social.atoll.core.mail.MailService;
import social.atoll.infra.db.Database;
import social.atoll.infra.ids.IdGenerator;

/**
 * Two-factor sign-in with an authenticator app (TOTP) and single-use recovery codes. Set-up shows a new secret,
 * which is in force only once a code from the app proves it was copied; ten recovery codes are then shown once
 * (only salted, keyed hashes are kept; the TOTP secret itself is sealed, see {@link TwoFactorSeal}). Turning it off, or making new recovery codes, takes the password and a code.
 * Turning it on or off is announced by mail. Passkeys ({@link Passkeys}) come on top of this: they need it on, so
 * every account with a passkey also has recovery codes, and turning two-factor off removes them too.
 */
public final class TwoFactorService {

    public static final int RECOVERY_CODES = 10;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String CODE_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

    /** What the settings page shows. */
    public record Status(boolean enabled, int recoveryCodesLeft, List<TwoFactorStore.Passkey> passkeys) {}

    /** A secret being set up, with the {@code otpauth://} URI for the QR code. */
    public record Setup(String secret, String uri) {}

    private final Settings settings;
    private final Database db;
    private final TwoFactorStore store;
    private final AccountStore accounts;
    private final MailService mail;
    private final IdGenerator ids;
    private final Clock clock;
    private final TwoFactorSeal seal;

    public TwoFactorService(Settings settings, Database db, TwoFactorStore store, AccountStore accounts, MailService mail, IdGenerator ids,
                            Clock clock, TwoFactorSeal seal) {
        this.settings = settings;
        this.seal = seal;
        this.db = db;
        this.store = store;
        this.accounts = accounts;
        this.mail = mail;
        this.ids = ids;
        this.clock = clock;
    }

    /** True when signing in as this user takes a second step. */
    public boolean required(long userId) { return store.totp(userId).map(TwoFactorStore.TotpSecret::confirmed).orElse(false); }

    public Status status(long userId) {
        boolean on = required(userId);
        return new Status(on, on ? store.recoveryCodesLeft(userId) : 0, on ? store.passkeys(userId) : List.of());
    }

    /** The secret being set up (a new one unless one is already waiting for its first code); empty when already on. */
    public Optional<Setup> setup(User user, Account account, boolean fresh) {
        Optional<TwoFactorStore.TotpSecret> current = store.totp(user.id());
        if (current.isPresent() && current.get().confirmed()) return Optional.empty();
        current = current.map(this::opened);
        String secret;
        if (current.isPresent() && !fresh) {
            secret = current.get().secret();
        } else {
            secret = Totp.newSecret();
            if (!store.savePending(user.id(), seal.seal(user.id(), secret), clock.instant())) return Optional.empty();
        }
        return Optional.of(new Setup(secret, Totp.uri(settings.domain(), account.username() + "@" + settings.domain(), secret)));
    }

    /** The secret waiting for its first code, if set-up was started. */
    public Optional<Setup> pending(User user, Account account) {
        return store.totp(user.id()).filter(t -> !t.confirmed()).map(this::opened)
                .map(t -> new Setup(t.secret(), Totp.uri(settings.domain(), account.username() + "@" + settings.domain(), t.secret())));
    }

    /**
     * Turns two-factor on with the first code from the app; answers the recovery codes, shown this once.
     *
     * @throws ValidationException when no set-up is pending or the code is wrong
     */
    public List<String> enable(User user, String code) {
        TwoFactorStore.TotpSecret pending = store.totp(user.id()).filter(t -> !t.confirmed()).map(this::opened)
                .orElseThrow(() -> invalid("code", "Two-factor set-up has not been started"));
        Instant now = clock.instant();
        OptionalLong step = Totp.match(pending.secret(), code, now);
        if (step.isEmpty()) throw invalid("code", "The code is not valid");
        List<String> codes = newRecoveryCodes();
        boolean done = db.write(h -> {
            if (!store.confirm(h, user.id(), step.getAsLong(), now)) return false;
            store.replaceRecoveryCodes(h, user.id(), stored(codes));
            mail.send(new Letter(Letter.Kind.TWO_FACTOR_ENABLED, user.email(), username(user), settings.url("/settings/two-factor"), user.locale()));
            return true;
        });
        if (!done) throw invalid("code", "Two-factor set-up has not been started");
        return codes;
    }

    /**
     * Checks a second factor typed at sign-in: a current TOTP code not used before, or an unused recovery code
     * (then used up). False otherwise, including for a code replayed within its window.
     */
    public boolean verify(long userId, String typed) {
        if (typed == null || typed.isBlank() || typed.length() > 64) return false;
        Optional<TwoFactorStore.TotpSecret> totp = store.totp(userId).filter(TwoFactorStore.TotpSecret::confirmed).map(this::opened);
        if (totp.isEmpty()) return false;
        Instant now = clock.instant();
        OptionalLong step = Totp.match(totp.get().secret(), typed, now);
        if (step.isPresent()) return store.useStep(userId, step.getAsLong());
        return spendRecoveryCode(userId, typed, now);
    }

    /**
     * Uses up the recovery code typed, if it is one of the user's unused codes. Each stored code has its own salt, so
     * the typed one is hashed once per stored code and compared in constant time with all of them (no early exit: the
     * time taken does not tell how far a guess got); the winner is then spent with a conditional update, so a code
     * used by two requests at once is accepted once.
     */
    private boolean spendRecoveryCode(long userId, String typed, Instant now) {
        String sha = hash(typed);
        long match = -1;
        for (TwoFactorStore.RecoveryCode c : store.unusedRecoveryCodes(userId)) {
            // an unsalted row (not re-hashed yet) holds the bare SHA-256
            String candidate = c.salt() == null ? sha : seal.codeHash(c.salt(), sha);
            boolean same = MessageDigest.isEqual(candidate.getBytes(StandardCharsets.US_ASCII), c.hash().getBytes(StandardCharsets.US_ASCII));
            if (same && match < 0) match = c.id();
        }
        return match >= 0 && store.spendRecoveryCode(userId, match, now);
    }

    /**
     * Brings two-factor rows written by earlier versions to their protected form, at start: TOTP secrets stored in
     * clear are sealed, unsalted recovery codes get a salt and a keyed hash. Idempotent, and safe with several nodes
     * starting at once (each row is updated only if still in its old form). Answers how many rows were changed.
     */
    public int protectStoredSecrets() {
        int changed = 0;
        for (var e : store.plainTotpSecrets().entrySet())
            if (store.resealTotpSecret(e.getKey(), e.getValue(), seal.seal(e.getKey(), e.getValue()))) changed++;
        for (TwoFactorStore.RecoveryCode c : store.unsaltedRecoveryCodes()) {
            String salt = TwoFactorSeal.salt();
            if (store.resaltRecoveryCode(new TwoFactorStore.RecoveryCode(c.id(), salt, seal.codeHash(salt, c.hash())))) changed++;
        }
        return changed;
    }

    private TwoFactorStore.TotpSecret opened(TwoFactorStore.TotpSecret t) {
        return new TwoFactorStore.TotpSecret(t.userId(), seal.open(t.userId(), t.secret()), t.createdAt(), t.confirmedAt(), t.lastStep());
    }

    /** New codes as stored: an id, a fresh salt and the keyed hash each. */
    private List<TwoFactorStore.RecoveryCode> stored(List<String> codes) {
        List<TwoFactorStore.RecoveryCode> out = new ArrayList<>();
        for (String code : codes) {
            String salt = TwoFactorSeal.salt();
            out.add(new TwoFactorStore.RecoveryCode(ids.next(), salt, seal.codeHash(salt, hash(code))));
        }
        return out;
    }

    /**
     * New recovery codes (the old ones stop working), with the password and a current code.
     *
     * @throws ValidationException when two-factor is off, or the password or code is wrong
     */
    public List<String> regenerateRecoveryCodes(User user, String password, String code) {
        checkPasswordAndCode(user, password, code);
        List<String> codes = newRecoveryCodes();
        db.write(h -> {
            store.replaceRecoveryCodes(h, user.id(), stored(codes));
            return null;
        });
        return codes;
    }

    /**
     * Turns two-factor off (TOTP, recovery codes and passkeys), with the password and a code (or recovery code).
     *
     * @throws ValidationException when two-factor is off, or the password or code is wrong
     */
    public void disable(User user, String password, String code) {
        checkPasswordAndCode(user, password, code);
        removeAll(user);
    }

    /** Turns two-factor off for a locked-out user, from the admin CLI; false when it was not on. */
    public boolean disableByAdmin(long userId) {
        User user = db.read(h -> accounts.storedUser(h, userId));
        boolean was = required(userId);
        removeAll(user);
        return was;
    }

    private void removeAll(User user) {
        boolean was = required(user.id());
        db.write(h -> {
            store.deleteAll(h, user.id());
            if (was) mail.send(new Letter(Letter.Kind.TWO_FACTOR_DISABLED, user.email(), username(user), settings.url("/settings/two-factor"),
                    user.locale()));
            return null;
        });
    }

    private void checkPasswordAndCode(User user, String password, String code) {
        if (!required(user.id())) throw invalid("code", "Two-factor authentication is not enabled");
        if (!Passwords.matches(password == null ? "" : password, user.passwordHash())) throw invalid("current_password", "The password is not valid");
        if (!verify(user.id(), code)) throw invalid("code", "The code is not valid");
    }

    private static List<String> newRecoveryCodes() {
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < RECOVERY_CODES; i++) {
            StringBuilder c = new StringBuilder();
            for (int j = 0; j < 10; j++) {
                if (j == 5) c.append('-');
                c.append(CODE_ALPHABET.charAt(RANDOM.nextInt(CODE_ALPHABET.length())));
            }
            codes.add(c.toString());
        }
        return codes;
    }

    /** Recovery codes are compared without case, spaces or the dash, as people copy them. */
    static String hash(String code) {
        return Tokens.sha256(code.toLowerCase(Locale.ROOT).replace("-", "").replace(" ", "").trim());
    }

    private String username(User user) { return accounts.byId(user.accountId()).map(Account::username).orElse(""); }

    private static ValidationException invalid(String field, String message) {
        return new ValidationException(message, Map.of(field, List.of(new ValidationException.FieldError("ERR_INVALID", message))));
    }
}
