package social.atoll.infra.http;

/** The response body exceeded the caller's size limit; reading stopped there and the connection was dropped. */
public final class ResponseTooLargeException extends FetchFailedException {
    public ResponseTooLargeException(String message) { super(message); }
}
