package social.atoll.infra.backup;

/** A backup or restore that cannot go on; the message is a sentence for the operator, naming what to do. */
public final class BackupException extends RuntimeException {
    public BackupException(String message) { super(message); }

    public BackupException(String message, Throwable cause) { super(message, cause); }
}
