package social.atoll.core.auth;

import java.time.Instant;

/** A live OAuth access token. {@code accountId} is null for app tokens (client_credentials). */
public record AccessToken(long id, Long appId, Long accountId, String scopes, Instant createdAt) {

    public java.util.Set<String> scopeSet() { return Scopes.parse(scopes); }
}
