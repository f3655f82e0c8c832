package social.atoll.core.auth;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** A registered OAuth client. Mirrors {@code oauth_apps}. */
public record OAuthApp(long id, String name, String website, String redirectUris, String scopes, String clientId,
                       String clientSecret, Long ownerAccountId, Instant createdAt) {

    public List<String> redirectUriList() {
        return Arrays.stream(redirectUris.split("\n")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public java.util.Set<String> scopeSet() { return Scopes.parse(scopes); }
}
