package social.atoll.core.mail;

/**
 * A mail the server sends a person, before it is put into words: what kind, to whom, and the link it carries.
 *
 * @param username the local username the mail greets
 * @param link     the absolute link the mail is about, or null
 * @param locale   the reader's language (the web's texts are English only for now)
 * @param args     what the texts name besides the server ({@code {1}}, {@code {2}}, …), e.g. who mentioned the reader
 */
public record Letter(Kind kind, String to, String username, String link, String locale, java.util.List<String> args,
                     String variant, java.util.List<String> quoted) {

    /** A letter whose texts depend only on its kind. */
    public Letter(Kind kind, String to, String username, String link, String locale) { this(kind, to, username, link, locale, java.util.List.of(), null, java.util.List.of()); }

    /** A letter whose texts name {@code args}. */
    public Letter(Kind kind, String to, String username, String link, String locale, java.util.List<String> args) {
        this(kind, to, username, link, locale, args, null, java.util.List.of());
    }

    /**
     * With a {@code variant}, the subject and body are {@code mail.<kind>.<variant>.*}; {@code quoted} are paragraphs
     * given verbatim after the body (a moderator's words).
     */
    public Letter(Kind kind, String to, String username, String link, String locale, String variant, java.util.List<String> quoted) {
        this(kind, to, username, link, locale, java.util.List.of(), variant, quoted);
    }

    public Letter {
        args = args == null ? java.util.List.of() : java.util.List.copyOf(args);
        quoted = quoted == null ? java.util.List.of() : java.util.List.copyOf(quoted);
    }

    /** Each kind has its texts in the {@code mail} bundle under {@code mail.<id>.*}. */
    public enum Kind {
        CONFIRM_EMAIL("confirm_email"),
        PASSWORD_RESET("password_reset"),
        PASSWORD_CHANGED("password_changed"),
        ARCHIVE_READY("archive_ready"),
        TWO_FACTOR_ENABLED("two_factor_enabled"),
        TWO_FACTOR_DISABLED("two_factor_disabled"),
        /** Optional notification mails (each person turns them on or off): {@code {1}} is the sender's handle, {@code {2}} their name. */
        NOTIFY_MENTION("notify_mention"),
        NOTIFY_DIRECT("notify_direct"),
        NOTIFY_FOLLOW("notify_follow"),
        NOTIFY_FOLLOW_REQUEST("notify_follow_request"),
        /** A strike against the account; variant: the action. */
        ACCOUNT_WARNING("account_warning"),
        /** The person's appeal was decided; variant: approved or rejected. */
        APPEAL_DECIDED("appeal_decided"),
        /** To staff who decide appeals: a person appealed a strike. */
        NEW_APPEAL("new_appeal"),
        /** A report the person filed was handled. */
        REPORT_RESOLVED("report_resolved"),
        /** The address change (args: the new address), to the new address and as a notice to the old. */
        EMAIL_CHANGE_CONFIRM("email_change_confirm"),
        EMAIL_CHANGE_NOTICE("email_change_notice"),
        /** A sign-in from a browser and IP not seen before (args: what the body names of them). */
        NEW_SIGN_IN("new_sign_in"),
        /** A pending sign-up was approved: the person may sign in. */
        SIGN_UP_APPROVED("sign_up_approved"),
        /** A pending sign-up was rejected (the account is gone; the mail goes to the address it gave). */
        SIGN_UP_REJECTED("sign_up_rejected"),
        /** Someone tried to sign up on the web with the reader's address (link: a password reset). */
        SIGN_UP_ATTEMPT("sign_up_attempt");

        private final String id;

        Kind(String id) { this.id = id; }

        public String id() { return id; }

        /** A notification mail, which the reader chose to get and can turn off in settings. */
        public boolean optional() { return id.startsWith("notify_"); }
    }
}
