package social.atoll.core.common;

/** Input that breaks a rule of the domain. The message is shown to the user, in Mastodon's wording where one exists. */
public final class ValidationException extends RuntimeException {
    public ValidationException(String message) { super(message); }
}
