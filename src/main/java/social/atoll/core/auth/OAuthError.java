package social.atoll.core.auth;

/**
 * An OAuth 2 error (RFC 6749 §4.1.2.1, §5.2): the error code a client switches on and the description
 * Doorkeeper (and so Mastodon) sends with it. The HTTP layer picks the status from the code.
 */
public final class OAuthError extends RuntimeException {

    private final String error;
    private final String description;

    public OAuthError(String error, String description) {
        super(error + ": " + description);
        this.error = error;
        this.description = description;
    }

    public String error() { return error; }

    public String description() { return description; }

    public static OAuthError invalidRequest(String description) { return new OAuthError("invalid_request", description); }

    public static OAuthError missingParam(String name) { return invalidRequest("Missing required parameter: " + name + "."); }

    public static OAuthError invalidClient() {
        return new OAuthError("invalid_client",
                "Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.");
    }

    public static OAuthError invalidGrant() {
        return new OAuthError("invalid_grant",
                "The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.");
    }

    public static OAuthError invalidScope() {
        return new OAuthError("invalid_scope", "The requested scope is invalid, unknown, or malformed.");
    }

    public static OAuthError invalidRedirectUri() {
        return new OAuthError("invalid_redirect_uri", "The requested redirect uri is malformed or doesn't match client redirect URI.");
    }

    public static OAuthError unsupportedGrantType() {
        return new OAuthError("unsupported_grant_type", "The authorization grant type is not supported by the authorization server.");
    }

    public static OAuthError unsupportedResponseType() {
        return new OAuthError("unsupported_response_type", "The authorization server does not support this response type.");
    }

    public static OAuthError accessDenied() {
        return new OAuthError("access_denied", "The resource owner or authorization server denied the request.");
    }

    public static OAuthError unauthorizedRevoke() {
        return new OAuthError("unauthorized_client", "You are not authorized to revoke this token");
    }
}
