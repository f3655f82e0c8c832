package social.atoll.core.instagram;

/** An export that cannot be imported at all; its message is the one line shown to the person. */
public final class ImportException extends RuntimeException {
    public ImportException(String message) { super(message); }

    public ImportException(String message, Throwable cause) { super(message, cause); }
}
