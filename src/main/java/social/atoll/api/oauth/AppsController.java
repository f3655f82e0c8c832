package social.atoll.api.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import social.atoll.server.ApiException;
import social.atoll.api.Auth;
import social.atoll.server.Controller;
import social.atoll.server.Params;
import social.atoll.api.Viewer;
import social.atoll.core.auth.OAuthApp;
import social.atoll.core.auth.OAuthService;
import social.atoll.core.auth.Scopes;

/** {@code POST /api/v1/apps} (register a client) and {@code GET /api/v1/apps/verify_credentials}. */
public final class AppsController implements Controller {

    private final OAuthService oauth;
    private final Auth auth;
    private final ObjectMapper json;
    /** The server's VAPID public key, shown on the application as Mastodon does. */
    private final String vapidKey;

    public AppsController(OAuthService oauth, Auth auth, ObjectMapper json, String vapidKey) {
        this.oauth = oauth;
        this.vapidKey = vapidKey;
        this.auth = auth;
        this.json = json;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.post("/api/v1/apps", this::create);
        r.get("/api/v1/apps/verify_credentials", this::verify);
    }

    /**
     * {@code redirect_uris} may be one URI, several in one string separated by newlines (Mastodon.py), or an
     * array; {@code scopes} a space-separated string (or, leniently, an array), {@code read} when absent.
     */
    private void create(Context ctx) {
        Params p = Params.from(ctx, json);
        List<String> redirectUris = OAuthService.splitRedirectUris(p.list("redirect_uris"));
        JsonNode scopesNode = p.node("scopes");
        String scopes = scopesNode != null && (scopesNode.isArray() || scopesNode.isObject())
                ? String.join(" ", p.list("scopes"))
                : p.string("scopes").orElse(null);
        OAuthApp app = oauth.register(p.string("client_name").orElse(null), redirectUris, Scopes.parse(scopes),
                p.string("website").orElse(null));
        ctx.json(CredentialApplicationEntity.of(app, vapidKey));
    }

    /** Any live token, app or user, with any scope (Mastodon 4.3). */
    private void verify(Context ctx) {
        Viewer v = auth.viewer(ctx);
        if (v.anonymous()) throw ApiException.invalidToken();
        OAuthApp app = v.token().appId() == null ? null : oauth.byId(v.token().appId()).orElse(null);
        if (app == null) throw ApiException.invalidToken();
        ctx.json(ApplicationEntity.of(app, vapidKey));
    }
}
