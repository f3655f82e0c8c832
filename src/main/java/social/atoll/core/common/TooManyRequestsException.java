package social.atoll.core.common;

/** The caller did this too often lately (a throttle); it may try again later. The API answers 429. */
public final class TooManyRequestsException extends RuntimeException {
    public TooManyRequestsException(String message) { super(message); }
}
