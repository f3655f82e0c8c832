package social.atoll.core.account;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import social.atoll.config.Settings;
import social.atoll.core.common.ValidationException;
import social.atoll.infra.db.Database;
import social.atoll.infra.events.EventBus;
import social.atoll.infra.ids.IdGenerator;

/** Creating local accounts and checking their credentials. */
public final class AccountService {

    public static final Pattern USERNAME = Pattern.compile("[a-zA-Z0-9_]{1,30}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    /** Names that would shadow routes or mislead people; Mastodon reserves a similar list. */
    private static final Set<String> RESERVED = Set.of("admin", "administrator", "root", "support", "help", "webmaster",
            "postmaster", "hostmaster", "abuse", "security", "ssladmin", "moderator", "mod", "staff", "instance", "actor",
            "atoll", "api", "oauth", "settings", "about", "explore", "inbox", "outbox", "users", "system");

    /** True for names only an admin may give (they would shadow routes or mislead people). */
    public static boolean reserved(String username) { return RESERVED.contains(username.toLowerCase(Locale.ROOT)); }

    public static boolean validEmail(String email) { return EMAIL.matcher(email).matches(); }

    /** Announced once a local account exists. */
    public record LocalAccountCreated(Account account, User user) {}

    private final Database db;
    private final AccountStore store;
    private final IdGenerator ids;
    private final Clock clock;
    private final Settings settings;
    private final EventBus events;

    public AccountService(Database db, AccountStore store, IdGenerator ids, Clock clock, Settings settings, EventBus events) {
        this.db = db;
        this.store = store;
        this.ids = ids;
        this.clock = clock;
        this.settings = settings;
        this.events = events;
    }

    /**
     * Creates a local account with its user. Reserved names are refused only for self sign-up
     * ({@code allowReserved} lets an admin take "admin").
     */
    public User createLocal(NewLocalAccount req, boolean allowReserved) {
        String username = req.username() == null ? "" : req.username().trim();
        if (username.isEmpty()) throw new ValidationException("Username can't be blank");
        if (!USERNAME.matcher(username).matches())
            throw new ValidationException("Username must contain only letters, numbers and underscores (at most 30)");
        if (!allowReserved && RESERVED.contains(username.toLowerCase(Locale.ROOT)))
            throw new ValidationException("Username is reserved");
        String email = req.email() == null ? "" : req.email().trim().toLowerCase(Locale.ROOT);
        if (!EMAIL.matcher(email).matches()) throw new ValidationException("Email is invalid");
        String password = req.password() == null ? "" : req.password();
        if (password.length() < 8) throw new ValidationException("Password is too short (minimum is 8 characters)");
        if (password.length() > 72) throw new ValidationException("Password is too long (maximum is 72 characters)");

        String passwordHash = Passwords.hash(password);
        KeyPair keys = rsaKeys();
        Instant now = clock.instant();
        long accountId = ids.next();
        long userId = ids.next();
        String uri = settings.url("/users/" + username);
        return db.write(h -> {
            if (store.acctTaken(h, Account.key(username, null))) throw new ValidationException("Username has already been taken");
            if (store.emailTaken(h, email)) throw new ValidationException("Email has already been taken");
            store.insertLocal(h, new AccountStore.LocalAccountRow(accountId, username, Account.key(username, null),
                    uri, settings.url("/@" + username), uri + "/inbox", uri + "/outbox", settings.url("/inbox"),
                    uri + "/followers", uri + "/following", uri + "/collections/featured", uri + "/collections/tags",
                    pem("PUBLIC KEY", keys.getPublic().getEncoded()), pem("PRIVATE KEY", keys.getPrivate().getEncoded()),
                    uri + "#main-key", now));
            store.insertUser(h, new AccountStore.UserRow(userId, accountId, email, passwordHash,
                    req.role() == null ? null : req.role().roleId, req.confirmed() ? now : null, req.approved(),
                    req.locale() == null ? "en" : req.locale(), req.ip(), req.reason(), now));
            Account account = store.stored(h, accountId);
            User user = store.storedUser(h, userId);
            events.publish(new LocalAccountCreated(account, user));
            return user;
        });
    }

    /** The user whose e-mail (or local username) and password match, if any. */
    public java.util.Optional<User> authenticate(String login, String password) {
        if (login == null || password == null) return java.util.Optional.empty();
        String l = login.trim();
        java.util.Optional<User> user = l.contains("@")
                ? store.userByEmail(l)
                : store.byAcct(l, null).flatMap(a -> store.userByAccountId(a.id()));
        if (user.isEmpty()) {
            Passwords.hash(password); // spend the same time whether or not the login exists
            return java.util.Optional.empty();
        }
        return Passwords.matches(password, user.get().passwordHash()) ? user : java.util.Optional.empty();
    }

    private static KeyPair rsaKeys() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
