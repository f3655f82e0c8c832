package social.atoll.infra.http;

import java.io.IOException;

/**
 * An outbound request did not produce a usable response: the URL was refused, the host unknown, the connection
 * failed, too many redirects. HTTP error statuses are not failures; they come back as a {@link Response}.
 */
public class FetchFailedException extends IOException {
    public FetchFailedException(String message) { super(message); }

    public FetchFailedException(String message, Throwable cause) { super(message, cause); }
}
