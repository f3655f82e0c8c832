package social.atoll.core.mail;

/**
 * A mail the server sends a person, before it is put into words: what kind, to whom, and the link it carries.
 *
 * @param username the local username the mail greets
 * @param link     the absolute link the mail is about, or null
 * @param locale   the reader's language (the web's texts are English only for now)
 * @param details  values the body names after the server's name ({@code {1}}, {@code {2}}, … in its text): a new
 *                 address, a browser and IP; never null
 */
public record Letter(Kind kind, String to, String username, String link, String locale, java.util.List<String> details) {

    public Letter {
        details = details == null ? java.util.List.of() : java.util.List.copyOf(details);
    }

    /** A letter whose body names nothing but the server. */
    public Letter(Kind kind, String to, String username, String link, String locale) { this(kind, to, username, link, locale, null); }

    /** Each kind has its texts in the {@code mail} bundle under {@code mail.<id>.*}. */
    public enum Kind {
        CONFIRM_EMAIL("confirm_email"),
        PASSWORD_RESET("password_reset"),
        PASSWORD_CHANGED("password_changed"),
        ARCHIVE_READY("archive_ready"),
        EMAIL_CHANGE_CONFIRM("email_change_confirm"),
        EMAIL_CHANGE_NOTICE("email_change_notice"),
        NEW_SIGN_IN("new_sign_in");

        private final String id;

        Kind(String id) { this.id = id; }

        public String id() { return id; }
    }
}
