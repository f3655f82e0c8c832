package social.atoll.api.oauth;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import social.atoll.api.Auth;
import social.atoll.server.Controller;
import social.atoll.api.Viewer;
import social.atoll.api.entity.AccountViews;
import social.atoll.config.Settings;
import social.atoll.core.account.Account;

/**
 * {@code GET|POST /oauth/userinfo} (Mastodon 4.4): OpenID-Connect-style claims about the token's user, for apps
 * that only sign people in. Needs a user token with the {@code profile} scope.
 */
public final class UserinfoController implements Controller {

    private final Settings settings;
    private final Auth auth;
    private final AccountViews accountViews;

    public UserinfoController(Settings settings, Auth auth, AccountViews accountViews) {
        this.settings = settings;
        this.auth = auth;
        this.accountViews = accountViews;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/oauth/userinfo", this::show);
        r.post("/oauth/userinfo", this::show);
    }

    private void show(Context ctx) {
        Viewer v = auth.requireUser(ctx, "profile");
        Account a = v.account();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", settings.url("/"));
        claims.put("sub", a.uri());
        claims.put("name", a.displayName() == null || a.displayName().isEmpty() ? a.username() : a.displayName());
        claims.put("preferred_username", a.username());
        claims.put("profile", a.url());
        claims.put("picture", accountViews.render(a).avatar());
        ctx.json(claims);
    }
}
