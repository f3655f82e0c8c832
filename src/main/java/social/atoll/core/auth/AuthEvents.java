package social.atoll.core.auth;

/** What the auth feature announces. Streaming (close the token's connections) and Web Push (drop its subscription) listen. */
public final class AuthEvents {
    private AuthEvents() {}

    /** The access token {@code tokenId} was revoked; {@code accountId} is null for an app token. */
    public record TokenRevoked(long tokenId, Long appId, Long accountId) {}
}
