package social.atoll.api;

import social.atoll.server.ApiException;
import io.javalin.http.Context;
import java.util.Optional;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountQueries;
import social.atoll.core.account.User;
import social.atoll.core.auth.AccessToken;
import social.atoll.core.auth.TokenService;

/**
 * Turns the request's bearer token into a {@link Viewer} and enforces scopes. A present but invalid token is a 401
 * even on public endpoints (Mastodon does the same), so a client learns its token is dead.
 */
public final class Auth {

    private static final String KEY = "atoll.viewer";

    private final TokenService tokens;
    private final AccountQueries accounts;
    private final social.atoll.core.moderation.Roles roles;

    public Auth(TokenService tokens, AccountQueries accounts, social.atoll.core.moderation.Roles roles) {
        this.roles = roles;
        this.tokens = tokens;
        this.accounts = accounts;
    }

    /** The caller, anonymous when no token was sent. */
    public Viewer viewer(Context ctx) {
        Viewer cached = ctx.attribute(KEY);
        if (cached != null) return cached;
        Viewer v = resolve(ctx);
        ctx.attribute(KEY, v);
        return v;
    }

    private Viewer resolve(Context ctx) { return viewerOf(bearer(ctx).orElse(null)); }

    /** The caller holding {@code token} (anonymous for null), for doors that find the token elsewhere (streaming). */
    public Viewer viewerOf(String token) {
        if (token == null) return Viewer.ANONYMOUS;
        TokenService.Owned owned = tokens.findWithOwner(token).orElseThrow(ApiException::invalidToken);
        AccessToken t = owned.token();
        if (t.accountId() == null) return new Viewer(t, null, null);
        Account account = owned.account();
        User user = owned.user();
        if (account == null || user == null) throw ApiException.invalidToken();
        if (user.disabled()) throw new ApiException(403, "Your login is currently disabled");
        if (user.confirmedAt() == null) throw new ApiException(403, "Your login is missing a confirmed e-mail address");
        if (!user.approved()) throw new ApiException(403, "Your login is currently pending approval");
        if (account.suspended()) throw new ApiException(403, "Your login is currently disabled");
        return new Viewer(t, account, user);
    }

    /**
     * The account of a user token carrying {@code scope}, even while its e-mail address is unconfirmed or its
     * approval pending: for the one endpoint such a person may call, resending the confirmation mail.
     */
    public long accountOfUnconfirmed(Context ctx, String scope) {
        String token = bearer(ctx).orElseThrow(ApiException::invalidToken);
        TokenService.Owned owned = tokens.findWithOwner(token).orElseThrow(ApiException::invalidToken);
        AccessToken t = owned.token();
        if (!social.atoll.core.auth.Scopes.satisfies(t.scopeSet(), scope)) throw ApiException.outsideScopes();
        if (t.accountId() == null) throw ApiException.userRequired();
        Account account = owned.account();
        User user = owned.user();
        if (account == null || user == null) throw ApiException.invalidToken();
        if (user.disabled() || account.suspended()) throw new ApiException(403, "Your login is currently disabled");
        return account.id();
    }

    /** The token from {@code Authorization: Bearer …} or the {@code access_token} parameter. */
    public static Optional<String> bearer(Context ctx) {
        String h = ctx.header("Authorization");
        if (h != null && h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String t = h.substring(7).trim();
            if (!t.isEmpty()) return Optional.of(t);
        }
        String q = ctx.queryParam("access_token");
        if (q == null && ctx.contentType() != null && ctx.contentType().startsWith("application/x-www-form-urlencoded"))
            q = ctx.formParam("access_token");
        return q == null || q.isBlank() ? Optional.empty() : Optional.of(q.trim());
    }

    /** Requires a token carrying {@code scope} (user or app token). */
    public Viewer requireScope(Context ctx, String scope) {
        Viewer v = viewer(ctx);
        if (v.anonymous()) throw ApiException.invalidToken();
        if (!v.has(scope)) throw ApiException.outsideScopes();
        return v;
    }

    /** Requires a user token carrying one of {@code scopes}; app tokens get Mastodon's 422. */
    public Viewer requireUser(Context ctx, String... scopes) {
        Viewer v = viewer(ctx);
        if (v.anonymous()) throw ApiException.invalidToken();
        boolean ok = scopes.length == 0;
        for (String s : scopes) ok |= v.has(s);
        if (!ok) throw ApiException.outsideScopes();
        if (!v.hasUser()) throw ApiException.userRequired();
        return v;
    }

    /** Public endpoint: anonymous allowed; a user token must carry {@code scope} to unlock private data. */
    public Viewer optional(Context ctx, String scope) {
        Viewer v = viewer(ctx);
        if (v.anonymous()) return v;
        if (!v.has(scope)) throw ApiException.outsideScopes();
        return v;
    }

    /**
     * Requires a user token carrying {@code scope} (an {@code admin:…} scope), and answers the staff member acting;
     * whether that person may do the thing is the moderation service's question ({@code StaffAccess}).
     */
    public social.atoll.core.moderation.StaffAccess.Actor staff(Context ctx, String scope) {
        Viewer v = requireUser(ctx, scope);
        return roles.actor(v.accountId(), v.user());
    }
}
