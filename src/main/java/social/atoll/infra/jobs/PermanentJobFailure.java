package social.atoll.infra.jobs;

/** Thrown by a handler when retrying cannot help (the target is gone, the input is invalid): the job dies now. */
public final class PermanentJobFailure extends RuntimeException {
    public PermanentJobFailure(String message) { super(message); }

    public PermanentJobFailure(String message, Throwable cause) { super(message, cause); }
}
