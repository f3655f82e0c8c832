package social.atoll.infra.http;

/** The connection could not be made, or the whole exchange did not finish, within the caller's time limits. */
public final class FetchTimeoutException extends FetchFailedException {
    public FetchTimeoutException(String message) { super(message); }
}
