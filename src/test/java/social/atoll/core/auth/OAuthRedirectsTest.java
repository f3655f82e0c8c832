package social.atoll.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OAuthRedirectsTest {

    private static OAuthApp app(String... uris) {
        return new OAuthApp(1, "app", null, String.join("\n", uris), "read", "id", "secret", null, Instant.EPOCH);
    }

    @Test
    void redirectUrisMustMatchExactlyExceptLoopbackIpPorts() {
        OAuthApp app = app("https://app.example/cb", "http://127.0.0.1/cb", "com.tapbots.Ivory.19300:/request_token");
        assertThat(OAuthService.registeredRedirect(app, "https://app.example/cb")).isTrue();
        assertThat(OAuthService.registeredRedirect(app, "com.tapbots.Ivory.19300:/request_token")).isTrue();
        assertThat(OAuthService.registeredRedirect(app, "https://app.example/cb/")).isFalse();
        assertThat(OAuthService.registeredRedirect(app, "https://app.example/cb?x=1")).isFalse();
        assertThat(OAuthService.registeredRedirect(app, "https://app.example:8443/cb")).isFalse();
        assertThat(OAuthService.registeredRedirect(app, "http://127.0.0.1:8080/cb")).isTrue();
        assertThat(OAuthService.registeredRedirect(app, "http://127.0.0.1:8080/other")).isFalse();
        assertThat(OAuthService.registeredRedirect(app, "http://127.0.0.1:8080/cb#frag")).isFalse();
        assertThat(OAuthService.registeredRedirect(app, "")).isFalse();
        assertThat(OAuthService.registeredRedirect(app(("http://localhost/cb")), "http://localhost:8080/cb")).isFalse();
    }

    @Test
    void redirectUrisArriveAsListsOrWhitespaceSeparatedStrings() {
        assertThat(OAuthService.splitRedirectUris(List.of("https://a.example/cb\nurn:ietf:wg:oauth:2.0:oob")))
                .containsExactly("https://a.example/cb", "urn:ietf:wg:oauth:2.0:oob");
        assertThat(OAuthService.splitRedirectUris(List.of("https://a.example/cb", " https://b.example/cb ", "https://a.example/cb")))
                .containsExactly("https://a.example/cb", "https://b.example/cb");
        assertThat(OAuthService.splitRedirectUris(List.of())).isEmpty();
    }

    @Test
    void pkceS256MatchesOnlyTheRightVerifier() {
        // Challenge computed independently (Python hashlib + base64.urlsafe_b64encode, padding stripped).
        String verifier = "dBjftJeZ4CVP-mJ92K9SVPPbTB3H6A4Z6Fv6c5u2eRc";
        String challenge = "fI7B-fthoDpt3qzbs7w2V8uvr1OvJrv_W01wBHjlBO4";
        assertThat(Pkce.challengeOf(verifier)).isEqualTo(challenge);
        assertThat(Pkce.verify(challenge, verifier)).isTrue();
        assertThat(Pkce.verify(challenge + "=", verifier)).isTrue();
        assertThat(Pkce.verify(challenge, verifier.substring(1) + "x")).isFalse();
        assertThat(Pkce.verify(challenge, "short")).isFalse();
        assertThat(Pkce.verify(challenge, null)).isFalse();
    }
}
