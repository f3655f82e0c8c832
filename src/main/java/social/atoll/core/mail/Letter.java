package social.atoll.core.mail;

/**
 * A mail the server sends a person, before it is put into words: what kind, to whom, and the link it carries.
 *
 * @param username the local username the mail greets
 * @param link     the absolute link the mail is about, or null
 * @param locale   the reader's language (the web's texts are English only for now)
 */
public record Letter(Kind kind, String to, String username, String link, String locale) {

    /** Each kind has its texts in the {@code mail} bundle under {@code mail.<id>.*}. */
    public enum Kind {
        CONFIRM_EMAIL("confirm_email"),
        PASSWORD_RESET("password_reset"),
        PASSWORD_CHANGED("password_changed"),
        ARCHIVE_READY("archive_ready"),
        TWO_FACTOR_ENABLED("two_factor_enabled"),
        TWO_FACTOR_DISABLED("two_factor_disabled");

        private final String id;

        Kind(String id) { this.id = id; }

        public String id() { return id; }
    }
}
