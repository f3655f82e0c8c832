package social.atoll.server;

/**
 * The one error type of the HTTP API. It carries the status and the client-safe text; the cause, if any, is for
 * the log only. {@link HttpServer} turns it into Mastodon's error JSON, so no handler formats an error body.
 */
public final class ApiException extends RuntimeException {

    private final int status;
    private final String error;
    private final String description;

    public ApiException(int status, String error, String description, Throwable cause) {
        super(error + (description == null ? "" : ": " + description), cause);
        this.status = status;
        this.error = error;
        this.description = description;
    }

    public ApiException(int status, String error) { this(status, error, null, null); }

    public int status() { return status; }

    public String error() { return error; }

    /** Optional {@code error_description} (OAuth errors use it). */
    public String description() { return description; }

    public static ApiException notFound() { return new ApiException(404, "Record not found"); }

    public static ApiException badRequest(String message) { return new ApiException(400, message); }

    public static ApiException missingParam(String name) {
        return new ApiException(400, "param is missing or the value is empty: " + name);
    }

    public static ApiException invalidToken() { return new ApiException(401, "The access token is invalid"); }

    public static ApiException unauthenticated() { return new ApiException(401, "This API requires an authenticated user"); }

    public static ApiException outsideScopes() { return new ApiException(403, "This action is outside the authorized scopes"); }

    public static ApiException forbidden() { return new ApiException(403, "This action is not allowed"); }

    public static ApiException userRequired() { return new ApiException(422, "This method requires an authenticated user"); }

    /** Validation failure in Mastodon's words: {@code invalid("Text can't be blank")}. */
    public static ApiException invalid(String message) { return new ApiException(422, "Validation failed: " + message); }

    public static ApiException unprocessable(String message) { return new ApiException(422, message); }

    public static ApiException tooManyRequests() { return new ApiException(429, "Too many requests"); }
}
