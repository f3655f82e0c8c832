package social.atoll.api.accounts;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import social.atoll.server.ApiException;
import social.atoll.api.Auth;
import social.atoll.server.Controller;
import social.atoll.server.Params;
import social.atoll.api.Viewer;
import social.atoll.api.entity.TokenEntity;
import social.atoll.core.account.SignUpService;
import social.atoll.core.auth.OAuthApp;
import social.atoll.core.auth.OAuthService;
import social.atoll.core.auth.TokenService;

/**
 * {@code POST /api/v1/accounts}: an app signs a person up. The app proves itself with a token carrying
 * {@code write:accounts} (usually from the client_credentials grant) and receives a user token with the app's
 * scopes, as Mastodon returns it from {@code /oauth/token}.
 */
public final class RegistrationController implements Controller {

    private final Auth auth;
    private final ObjectMapper json;
    private final OAuthService oauth;
    private final SignUpService signUps;

    public RegistrationController(Auth auth, ObjectMapper json, OAuthService oauth, SignUpService signUps) {
        this.auth = auth;
        this.json = json;
        this.oauth = oauth;
        this.signUps = signUps;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.post("/api/v1/accounts", this::signUp);
    }

    private void signUp(Context ctx) {
        Viewer v = auth.requireScope(ctx, "write:accounts");
        OAuthApp app = v.token().appId() == null ? null : oauth.byId(v.token().appId()).orElse(null);
        if (app == null) throw ApiException.forbidden();
        Params p = Params.from(ctx, json);
        // Unlike the web form, a used address is answered 422 with details.email ERR_TAKEN, as Mastodon answers it:
        // Mastodon apps rely on that error to tell the person (see SignUpService.signUp).
        TokenService.Issued issued = signUps.signUp(app.id(), app.scopeSet(), new SignUpService.SignUp(
                p.rawString("username").orElse(null),
                p.rawString("email").orElse(null),
                p.rawString("password").orElse(null),
                p.bool("agreement", false),
                p.string("locale").orElse(null),
                p.rawString("reason").orElse(null),
                ctx.ip(),
                p.rawString("invite_code").orElse(null)));
        ctx.json(TokenEntity.bearer(issued.token(), issued.row().scopes(), issued.row().createdAt()));
    }
}
