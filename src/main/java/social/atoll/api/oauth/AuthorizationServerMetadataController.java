package social.atoll.api.oauth;

import io.javalin.config.RoutesConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import social.atoll.server.Controller;
import social.atoll.config.Settings;
import social.atoll.core.auth.Scopes;

/**
 * {@code GET /.well-known/oauth-authorization-server}: RFC 8414 metadata as Mastodon 4.3+ publishes it, including
 * its non-standard {@code app_registration_endpoint}. Clients read it to learn which scopes exist.
 */
public final class AuthorizationServerMetadataController implements Controller {

    private final Settings settings;

    public AuthorizationServerMetadataController(Settings settings) { this.settings = settings; }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/.well-known/oauth-authorization-server", ctx -> ctx.json(metadata()));
    }

    private Map<String, Object> metadata() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("issuer", settings.url("/"));
        m.put("service_documentation", "https://docs.joinmastodon.org/");
        m.put("authorization_endpoint", settings.url("/oauth/authorize"));
        m.put("token_endpoint", settings.url("/oauth/token"));
        m.put("app_registration_endpoint", settings.url("/api/v1/apps"));
        m.put("revocation_endpoint", settings.url("/oauth/revoke"));
        m.put("userinfo_endpoint", settings.url("/oauth/userinfo"));
        m.put("scopes_supported", Scopes.all());
        m.put("response_types_supported", List.of("code"));
        m.put("response_modes_supported", List.of("query", "fragment", "form_post"));
        m.put("code_challenge_methods_supported", List.of("S256"));
        m.put("grant_types_supported", List.of("authorization_code", "client_credentials"));
        m.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        return m;
    }
}
