package social.atoll.api.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static social.atoll.api.oauth.OAuthSteps.part;
import static social.atoll.api.oauth.OAuthSteps.texts;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.testing.TestHttp;
import social.atoll.testing.TestInstance;

/** What Mastodon clients do without a browser: register apps, get app tokens, revoke tokens, read the server metadata. */
class OAuthClientsIT {

    private static final String CALLBACK = "https://app.example/callback";
    private static final String OOB = "urn:ietf:wg:oauth:2.0:oob";

    private static TestInstance atoll;
    private static TestHttp http;
    private static OAuthSteps steps;

    @BeforeAll
    static void start() {
        atoll = TestInstance.start();
        http = atoll.http();
        steps = new OAuthSteps(atoll);
    }

    @AfterAll
    static void stop() { atoll.close(); }

    @Test
    void registersAppsFromFormJsonAndMultipart() {
        var form = http.postForm("/api/v1/apps", null, Map.of("client_name", "Form app",
                "redirect_uris", CALLBACK + "\n" + OOB, "scopes", "read write follow push", "website", "https://app.example"));
        assertThat(form.status()).isEqualTo(200);
        JsonNode f = form.json();
        assertThat(f.get("id").isTextual()).isTrue();
        assertThat(f.get("name").asText()).isEqualTo("Form app");
        assertThat(f.get("website").asText()).isEqualTo("https://app.example");
        assertThat(texts(f.get("scopes"))).containsExactly("read", "write", "follow", "push");
        assertThat(texts(f.get("redirect_uris"))).containsExactly(CALLBACK, OOB);
        assertThat(f.get("redirect_uri").asText()).isEqualTo(CALLBACK + "\n" + OOB);
        assertThat(f.get("client_id").asText()).hasSizeGreaterThan(20);
        assertThat(f.get("client_secret").asText()).hasSizeGreaterThan(20);
        assertThat(f.get("client_secret_expires_at").asLong()).isZero();
        // Mastodon still sends the server's VAPID key with a new app (deprecated in 4.3, kept for older push clients)
        assertThat(f.get("vapid_key").asText()).isNotBlank();

        var json = http.postJson("/api/v1/apps", null, Map.of("client_name", "JSON app", "redirect_uris", List.of(CALLBACK, OOB)));
        assertThat(json.status()).isEqualTo(200);
        assertThat(texts(json.json().get("redirect_uris"))).containsExactly(CALLBACK, OOB);
        assertThat(texts(json.json().get("scopes"))).containsExactly("read");
        assertThat(json.json().get("website").isNull()).isTrue();

        String boundary = "----atoll-test-boundary";
        String body = part(boundary, "client_name", "Multipart app") + part(boundary, "redirect_uris", OOB)
                + part(boundary, "scopes", "read write") + "--" + boundary + "--\r\n";
        var multipart = http.send("POST", "/api/v1/apps", null, body, "multipart/form-data; boundary=" + boundary);
        assertThat(multipart.status()).isEqualTo(200);
        assertThat(multipart.json().get("name").asText()).isEqualTo("Multipart app");
        assertThat(texts(multipart.json().get("scopes"))).containsExactly("read", "write");
    }

    @Test
    void refusesInvalidRegistrationsWithMastodonsWords() {
        assertThat(steps.registerError(Map.of("redirect_uris", CALLBACK))).isEqualTo("Validation failed: Application name can't be blank");
        assertThat(steps.registerError(Map.of("client_name", "x"))).isEqualTo("Validation failed: Redirect URI can't be blank");
        assertThat(steps.registerError(Map.of("client_name", "x", "redirect_uris", "/relative")))
                .isEqualTo("Validation failed: Redirect URI must be an absolute URI.");
        assertThat(steps.registerError(Map.of("client_name", "x", "redirect_uris", "javascript:alert(1)")))
                .isEqualTo("Validation failed: Redirect URI is forbidden by the server.");
        assertThat(steps.registerError(Map.of("client_name", "x", "redirect_uris", CALLBACK, "scopes", "read everything")))
                .isEqualTo("Validation failed: Scopes doesn't match configured on the server.");
    }

    @Test
    void clientCredentialsGiveAnAppTokenWithoutUser() {
        JsonNode app = steps.registerApp("Bot app", OOB, "read write");
        var token = http.postJson("/oauth/token", null, Map.of("grant_type", "client_credentials",
                "client_id", app.get("client_id").asText(), "client_secret", app.get("client_secret").asText()));
        assertThat(token.status()).isEqualTo(200);
        assertThat(token.json().get("scope").asText()).isEqualTo("read");
        String appToken = token.json().get("access_token").asText();
        assertThat(http.get("/api/v1/apps/verify_credentials", appToken).json().get("name").asText()).isEqualTo("Bot app");
        var userOnly = http.get("/api/v1/accounts/verify_credentials", appToken);
        assertThat(userOnly.status()).isEqualTo(422);
        assertThat(userOnly.json().get("error").asText()).isEqualTo("This method requires an authenticated user");

        // HTTP Basic client authentication; same app and scopes → the same token.
        String basic = Base64.getEncoder().encodeToString((app.get("client_id").asText() + ":" + app.get("client_secret").asText())
                .getBytes(StandardCharsets.UTF_8));
        var viaBasic = http.send("POST", "/oauth/token", null, "grant_type=client_credentials&scope=read",
                "application/x-www-form-urlencoded", Map.of("Authorization", "Basic " + basic));
        assertThat(viaBasic.status()).isEqualTo(200);
        assertThat(viaBasic.json().get("access_token").asText()).isEqualTo(appToken);

        var tooMuch = steps.tokenRequest(app, Map.of("grant_type", "client_credentials", "scope", "admin:read"));
        assertThat(tooMuch.status()).isEqualTo(400);
        assertThat(tooMuch.json().get("error").asText()).isEqualTo("invalid_scope");
    }

    @Test
    void tokenEndpointErrorsUseOAuthFormat() {
        JsonNode app = steps.registerApp("Error app", OOB, "read");
        var badClient = http.postForm("/oauth/token", null, Map.of("grant_type", "client_credentials",
                "client_id", app.get("client_id").asText(), "client_secret", "wrong"));
        assertThat(badClient.status()).isEqualTo(401);
        assertThat(badClient.json().get("error").asText()).isEqualTo("invalid_client");
        assertThat(badClient.json().get("error_description").asText()).startsWith("Client authentication failed");

        var password = steps.tokenRequest(app, Map.of("grant_type", "password", "username", "x@example.test", "password", "secret"));
        assertThat(password.status()).isEqualTo(400);
        assertThat(password.json().get("error").asText()).isEqualTo("unsupported_grant_type");

        var unknownCode = steps.tokenRequest(app, Map.of("grant_type", "authorization_code", "code", "nope", "redirect_uri", OOB));
        assertThat(unknownCode.status()).isEqualTo(400);
        assertThat(unknownCode.json().get("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void revokedTokensStopWorkingAndOnlyTheirAppMayRevokeThem() {
        JsonNode app = steps.registerApp("Revoking app", OOB, "read");
        JsonNode other = steps.registerApp("Other app", OOB, "read");
        String token = steps.tokenRequest(app, Map.of("grant_type", "client_credentials")).json().get("access_token").asText();

        var foreign = steps.tokenRequest(other, Map.of("token", token), "/oauth/revoke");
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.json().get("error").asText()).isEqualTo("unauthorized_client");
        assertThat(http.get("/api/v1/apps/verify_credentials", token).status()).isEqualTo(200);

        var noClient = http.postForm("/oauth/revoke", null, Map.of("token", token));
        assertThat(noClient.status()).isEqualTo(403);

        var revoked = steps.tokenRequest(app, Map.of("token", token), "/oauth/revoke");
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.body()).isEqualTo("{}");
        var dead = http.get("/api/v1/apps/verify_credentials", token);
        assertThat(dead.status()).isEqualTo(401);
        assertThat(dead.json().get("error").asText()).isEqualTo("The access token is invalid");

        assertThat(steps.tokenRequest(app, Map.of("token", "never-issued"), "/oauth/revoke").status()).isEqualTo(200);
        // A revoked token is never handed out again.
        String fresh = steps.tokenRequest(app, Map.of("grant_type", "client_credentials")).json().get("access_token").asText();
        assertThat(fresh).isNotEqualTo(token);
    }

    @Test
    void publishesAuthorizationServerMetadata() {
        var r = http.get("/.well-known/oauth-authorization-server");
        assertThat(r.status()).isEqualTo(200);
        JsonNode m = r.json();
        String base = atoll.baseUrl();
        assertThat(m.get("issuer").asText()).isEqualTo(base + "/");
        assertThat(m.get("authorization_endpoint").asText()).isEqualTo(base + "/oauth/authorize");
        assertThat(m.get("token_endpoint").asText()).isEqualTo(base + "/oauth/token");
        assertThat(m.get("revocation_endpoint").asText()).isEqualTo(base + "/oauth/revoke");
        assertThat(m.get("app_registration_endpoint").asText()).isEqualTo(base + "/api/v1/apps");
        assertThat(m.get("userinfo_endpoint").asText()).isEqualTo(base + "/oauth/userinfo");
        assertThat(texts(m.get("scopes_supported"))).contains("read", "write", "follow", "push", "profile", "read:statuses",
                "admin:write:canonical_email_blocks");
        assertThat(texts(m.get("response_types_supported"))).containsExactly("code");
        assertThat(texts(m.get("response_modes_supported"))).containsExactly("query", "fragment", "form_post");
        assertThat(texts(m.get("code_challenge_methods_supported"))).containsExactly("S256");
        assertThat(texts(m.get("grant_types_supported"))).containsExactly("authorization_code", "client_credentials");
        assertThat(texts(m.get("token_endpoint_auth_methods_supported"))).containsExactly("client_secret_basic", "client_secret_post");
    }
}
