package social.atoll.api.oauth;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import social.atoll.server.Controller;
import social.atoll.server.Params;
import social.atoll.api.entity.TokenEntity;
import social.atoll.core.auth.AuthorizationService;
import social.atoll.core.auth.OAuthApp;
import social.atoll.core.auth.OAuthError;
import social.atoll.core.auth.OAuthService;
import social.atoll.core.auth.TokenService;

/**
 * {@code POST /oauth/token} and {@code POST /oauth/revoke}, as Mastodon (Doorkeeper) answers them. Grants:
 * {@code authorization_code} and {@code client_credentials}; the password grant was removed in Mastodon 4.4
 * and is refused like any unknown grant. Bodies may be form, JSON or multipart.
 */
public final class TokenController implements Controller {

    private final AuthorizationService authorizations;
    private final OAuthService oauth;
    private final TokenService tokens;
    private final ObjectMapper json;

    public TokenController(AuthorizationService authorizations, OAuthService oauth, TokenService tokens, ObjectMapper json) {
        this.authorizations = authorizations;
        this.oauth = oauth;
        this.tokens = tokens;
        this.json = json;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.post("/oauth/token", this::token);
        r.post("/oauth/revoke", this::revoke);
    }

    private void token(Context ctx) {
        Params p = Params.from(ctx, json);
        try {
            String grant = p.string("grant_type").orElseThrow(() -> OAuthError.missingParam("grant_type"));
            TokenService.Issued issued = switch (grant) {
                case "authorization_code" -> authorizations.exchangeCode(client(ctx, p), p.string("code").orElse(null),
                        p.string("redirect_uri").orElse(null), p.string("code_verifier").orElse(null));
                case "client_credentials" -> authorizations.clientCredentials(client(ctx, p), p.string("scope").orElse(null));
                default -> throw OAuthError.unsupportedGrantType();
            };
            OAuthResponses.noStore(ctx);
            ctx.json(TokenEntity.bearer(issued.token(), issued.row().scopes(), issued.row().createdAt()));
        } catch (OAuthError e) {
            OAuthResponses.error(ctx, e);
        }
    }

    private OAuthApp client(Context ctx, Params p) {
        return OAuthResponses.authenticateClient(ctx, p, oauth).orElseThrow(OAuthError::invalidClient);
    }

    /**
     * RFC 7009 as Doorkeeper does it: the client must authenticate (else 403 {@code unauthorized_client}); an
     * unknown token is a 200; another client's token is refused with 403 and left alone.
     */
    private void revoke(Context ctx) {
        Params p = Params.from(ctx, json);
        OAuthApp app = OAuthResponses.authenticateClient(ctx, p, oauth).orElse(null);
        if (app == null || tokens.revoke(p.string("token").orElse(null), app.id()) == TokenService.RevokeOutcome.NOT_OWNED) {
            OAuthResponses.error(ctx, OAuthError.unauthorizedRevoke());
            return;
        }
        ctx.json(Map.of());
    }
}
