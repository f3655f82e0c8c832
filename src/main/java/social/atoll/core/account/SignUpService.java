package social.atoll.core.account;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import social.atoll.config.Settings;
import social.atoll.core.auth.Scopes;
import social.atoll.core.auth.TokenService;
import social.atoll.core.common.ForbiddenException;
import social.atoll.core.common.ValidationException;
import social.atoll.core.common.ValidationException.FieldError;

/**
 * Self sign-up through an app ({@code POST /api/v1/accounts}), under the server's registration mode: open makes a
 * account that is usable once its address is confirmed (a link is mailed at once), approval makes one that also
 * waits for a moderator. The API and the web sign-up form come through here alike. Every failing field is reported
 * at once, with Mastodon's error codes.
 */
public final class SignUpService {

    /** What the sign-up form carries. {@code agreement} must be true (the server rules were accepted). */
    public record SignUp(String username, String email, String password, boolean agreement, String locale,
                         String reason, String ip, String inviteCode) {
        public SignUp(String username, String email, String password, boolean agreement, String locale, String reason, String ip) {
            this(username, email, password, agreement, locale, reason, ip, null);
        }
    }

    /**
     * Invitations (implemented by {@code core.invite}): a valid code lets its holder sign up whatever the
     * registration mode, without waiting for approval, as on Mastodon.
     */
    public interface Invitations {
        /** True when the code exists, has not expired and has uses left. */
        boolean valid(String code);

        /** Takes one use of the code; false when none is left (expired, used up or unknown) by now. */
        boolean claim(String code);

        Invitations NONE = new Invitations() {
            @Override public boolean valid(String code) { return false; }
            @Override public boolean claim(String code) { return false; }
        };
    }

    /**
     * The server's sign-up blocks (e-mail domains, canonical addresses, IP ranges), asked before anything is checked;
     * implemented by moderation, so this package does not depend on it.
     */
    public interface Screen {
        enum Outcome { ALLOW, APPROVAL, BLOCKED_EMAIL, BLOCKED_IP }

        Outcome screen(String email, String ip);

        Screen NONE = (email, ip) -> Outcome.ALLOW;
    }

    /** The refusal of an unknown, expired or used-up invitation. */
    public static final String INVITE_INVALID = "This invite link has expired or has already been used up";

    static final int MAX_USERNAME = 30;
    static final int MAX_REASON = 420;
    private static final Pattern LOCALE = Pattern.compile("[a-z]{2,3}([-_][A-Za-z0-9]{2,8})?");

    private final Settings settings;
    private final AccountService accountService;
    private final AccountStore accounts;
    private final TokenService tokens;
    private final Screen screen;
    private final AccountCredentials credentials;
    private volatile Supplier<Settings.Registrations> mode;
    private volatile Invitations invitations = Invitations.NONE;
    private volatile SignUpThrottle throttle = new SignUpThrottle(false, java.time.Clock.systemUTC());

    /** The message of a throttled sign-up (Mastodon's words for a 429). */
    public static final String THROTTLED = "Too many requests";

    /** Which throttle counts sign-ups; set once at wiring (none: no limit). */
    public void throttleWith(SignUpThrottle throttle) { this.throttle = throttle; }

    public SignUpService(Settings settings, AccountService accountService, AccountStore accounts, TokenService tokens, Screen screen,
                         AccountCredentials credentials) {
        this.mode = settings::registrations;
        this.screen = screen;
        this.credentials = credentials;
        this.settings = settings;
        this.accountService = accountService;
        this.accounts = accounts;
        this.tokens = tokens;
    }

    /**
     * Where the registration mode comes from (staff may change it at run time) and which invitations are valid;
     * set once at wiring, after the services they need exist.
     */
    public void use(Supplier<Settings.Registrations> mode, Invitations invitations) {
        this.mode = mode;
        this.invitations = invitations;
    }

    /** True when people may sign up themselves (possibly pending approval). */
    public boolean open() {
        Settings.Registrations m = mode.get();
        return m == Settings.Registrations.OPEN || m == Settings.Registrations.APPROVAL;
    }

    /** True when {@code code} is an invitation someone may still sign up with. */
    public boolean inviteValid(String code) { return code != null && !code.isBlank() && invitations.valid(code.strip()); }

    /**
     * Creates the account and a token for it, issued to the app that signed it up with the app's scopes.
     *
     * @throws ForbiddenException  when registrations are closed or by invitation only
     * @throws ValidationException with per-field details
     */
    public TokenService.Issued signUp(long appId, Set<String> appScopes, SignUp req) {
        // The API answers a used address with 422 ERR_TAKEN on "email", as Mastodon's POST /api/v1/accounts does:
        // Mastodon apps show that error next to the field and have no other way to tell the person what went wrong.
        // The web form (signUpOnWeb) reveals nothing; the API cannot without breaking those apps.
        User user = register(req, false).orElseThrow();
        accounts.setCreatedByApplication(user.id(), appId);
        return tokens.issue(appId, user.accountId(), appScopes.isEmpty() ? Scopes.parse(null) : appScopes);
    }

    /**
     * Creates the account from the web form and mails the confirmation link; the person signs in once confirmed
     * (and approved, in approval mode). An address that already has an account is not refused, so the form tells
     * no one who is registered: nothing is created, the address's owner is mailed that someone tried to sign up
     * with it (with a link to reset the password), and the answer is empty — the page says "check your mail" all
     * the same. The password is hashed anyway so the answer takes about as long.
     *
     * @return the new user, or empty when the address was taken (and its owner told by mail)
     * @throws ForbiddenException  when registrations are closed or by invitation only
     * @throws ValidationException with per-field details (never that the address is taken)
     * @throws social.atoll.core.common.TooManyRequestsException when this address or e-mail domain signed up too often lately
     */
    public Optional<User> signUpOnWeb(SignUp req) { return register(req, true); }

    /** True when the server asks a reason from people who sign up (approval mode). */
    public boolean approvalRequired() { return mode.get() == Settings.Registrations.APPROVAL; }

    private Optional<User> register(SignUp req, boolean hideTakenEmail) {
        Settings.Registrations m = mode.get();
        String invite = req.inviteCode() == null || req.inviteCode().isBlank() ? null : req.inviteCode().strip();
        // a code that no longer works is refused whatever the mode: the person followed a link expecting it to count
        if (invite != null && !invitations.valid(invite)) throw new ForbiddenException(INVITE_INVALID);
        if (invite == null) {
            switch (m) {
                case CLOSED -> throw new ForbiddenException("Registrations are closed on this server");
                case INVITE -> throw new ForbiddenException("Registrations on this server are by invitation only");
                default -> { }
            }
        }
        String trimmedEmail = req.email() == null ? null : req.email().trim();
        if (throttle.exceeded(req.ip(), trimmedEmail)) throw new social.atoll.core.common.TooManyRequestsException(THROTTLED);
        Screen.Outcome screened = screen.screen(trimmedEmail, req.ip());
        // an address under an IP block is refused as Mastodon refuses it: the whole sign-up, without detail
        if (screened == Screen.Outcome.BLOCKED_IP) throw new ForbiddenException("This action is not allowed");
        boolean emailTaken = validate(req, screened == Screen.Outcome.BLOCKED_EMAIL, hideTakenEmail);
        if (emailTaken) {
            // only the web form gets here (the API refused above): no invitation spent, no account, the owner told
            Passwords.hash(req.password() == null ? "" : req.password());
            credentials.tellOwnerOfSignUpAttempt(req.email().trim());
            return Optional.empty();
        }
        // the use is taken only once everything else passed; if two people race for the last one, one loses here
        if (invite != null && !invitations.claim(invite)) throw new ForbiddenException(INVITE_INVALID);
        // an invitation skips approval (Mastodon's User#set_approved), a sign-up block asking for review does not
        boolean approved = (m == Settings.Registrations.OPEN || invite != null) && screened != Screen.Outcome.APPROVAL;
        String locale = req.locale() == null || req.locale().isBlank() ? "en" : req.locale().trim();
        User user = accountService.createLocal(new NewLocalAccount(req.username().trim(), req.email().trim(), req.password(),
                User.Role.USER, false, approved, locale, blankToNull(req.reason()), req.ip()), false);
        throttle.signedUp(req.ip(), trimmedEmail);
        credentials.sendConfirmation(user);
        return Optional.of(user);
    }

    /**
     * Refuses a sign-up that breaks a rule, naming every failing field. A used address is a failure of its own
     * unless {@code hideTakenEmail}: then it is answered (true) only when nothing else failed.
     */
    private boolean validate(SignUp req, boolean emailBlocked, boolean hideTakenEmail) {
        Map<String, List<FieldError>> errors = new LinkedHashMap<>();
        String username = req.username() == null ? "" : req.username().trim();
        if (username.isEmpty()) add(errors, "username", "ERR_BLANK", "can't be blank");
        else if (username.length() > MAX_USERNAME) add(errors, "username", "ERR_TOO_LONG", "is too long (maximum is 30 characters)");
        else if (!AccountService.USERNAME.matcher(username).matches())
            add(errors, "username", "ERR_INVALID", "must contain only letters, numbers and underscores");
        else if (AccountService.reserved(username)) add(errors, "username", "ERR_RESERVED", "is reserved");
        else if (accounts.byAcct(username, null).isPresent()) add(errors, "username", "ERR_TAKEN", "has already been taken");

        String email = req.email() == null ? "" : req.email().trim();
        if (email.isEmpty()) add(errors, "email", "ERR_BLANK", "can't be blank");
        else if (!AccountService.validEmail(email)) add(errors, "email", "ERR_INVALID", "is invalid");
        else if (emailBlocked) add(errors, "email", "ERR_BLOCKED", "uses a disallowed e-mail provider");
        boolean emailTaken = !errors.containsKey("email") && !email.isEmpty() && accounts.userByEmail(email).isPresent();
        if (emailTaken && !hideTakenEmail) add(errors, "email", "ERR_TAKEN", "has already been taken");

        PasswordRules.check(req.password(), username).ifPresent(b -> add(errors, "password", b.code(), b.description()));

        if (!req.agreement()) add(errors, "agreement", "ERR_ACCEPTED", "must be accepted");
        if (req.locale() != null && !req.locale().isBlank() && !LOCALE.matcher(req.locale().trim()).matches())
            add(errors, "locale", "ERR_INCLUSION", "is not included in the list");
        if (req.reason() != null && req.reason().length() > MAX_REASON)
            add(errors, "reason", "ERR_TOO_LONG", "is too long (maximum is 420 characters)");

        if (errors.isEmpty()) return emailTaken;
        List<String> messages = new ArrayList<>();
        errors.forEach((field, list) -> list.forEach(e -> messages.add(label(field) + " " + e.description())));
        throw new ValidationException(String.join(", ", messages), errors);
    }

    private static void add(Map<String, List<FieldError>> errors, String field, String code, String description) {
        errors.computeIfAbsent(field, k -> new ArrayList<>()).add(new FieldError(code, description));
    }

    private static String label(String field) { return Character.toUpperCase(field.charAt(0)) + field.substring(1); }

    private static String blankToNull(String s) { return s == null || s.isBlank() ? null : s.trim(); }
}
