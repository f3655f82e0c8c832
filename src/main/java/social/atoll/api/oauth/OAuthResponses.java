package social.atoll.api.oauth;

import io.javalin.http.Context;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import social.atoll.server.HttpServer;
import social.atoll.server.Params;
import social.atoll.core.auth.OAuthApp;
import social.atoll.core.auth.OAuthError;
import social.atoll.core.auth.OAuthService;

/** What the OAuth endpoints share: client authentication, error bodies in OAuth's format, redirect URIs with parameters. */
final class OAuthResponses {

    private OAuthResponses() {}

    /** Writes {@code {"error": …, "error_description": …}} with the status RFC 6749 gives the code. */
    static void error(Context ctx, OAuthError e) {
        int status = switch (e.error()) {
            case "invalid_client" -> 401;
            case "unauthorized_client" -> 403;
            default -> 400;
        };
        // Doorkeeper's header; a Basic challenge could make a browser-based client pop up a password dialog.
        if (status == 401) ctx.header("WWW-Authenticate", "Bearer realm=\"Doorkeeper\", error=\"invalid_client\"");
        noStore(ctx);
        HttpServer.error(ctx, status, e.error(), e.description());
    }

    /** Token responses and their errors must not be cached (RFC 6749 §5.1). */
    static void noStore(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.header("Pragma", "no-cache");
    }

    /**
     * The app whose credentials came with the request: HTTP Basic ({@code client_secret_basic}, tried first) or
     * {@code client_id}/{@code client_secret} in the body ({@code client_secret_post}, what Mastodon clients send).
     */
    static Optional<OAuthApp> authenticateClient(Context ctx, Params p, OAuthService oauth) {
        String header = ctx.header("Authorization");
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) return Optional.empty();
            // RFC 6749 §2.3.1: both halves are form-encoded before being joined.
            String id = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
            String secret = URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
            return oauth.authenticate(id, secret);
        }
        return oauth.authenticate(p.string("client_id").orElse(null), p.string("client_secret").orElse(null));
    }

    /**
     * {@code uri} with {@code params} appended to its query ({@code ?} or {@code &} as the URI needs) or, for the
     * fragment response mode, as its fragment. Works for custom schemes ({@code com.example.app:/cb}) too.
     */
}
