package social.atoll.api.accounts;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import social.atoll.server.ApiException;
import social.atoll.api.Auth;
import social.atoll.server.Controller;
import social.atoll.api.Page;
import social.atoll.server.Params;
import social.atoll.api.Viewer;
import social.atoll.api.entity.AccountViews;
import social.atoll.config.Settings;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountQueries;
import social.atoll.core.common.IdRange;
import social.atoll.core.common.Paged;

/**
 * Reading accounts: one by id, several by id, by {@code acct}, and their followers and following. Public: a token
 * is optional, but a present one must be valid and carry {@code read:accounts}.
 *
 * <p>Registered after the other controllers ({@link #order}): {@code /api/v1/accounts/{id}} would otherwise catch
 * fixed paths such as {@code /api/v1/accounts/search} that other controllers serve.
 */
public final class AccountsController implements Controller {

    private static final int MAX_IDS = 40;

    private final Settings settings;
    private final Auth auth;
    private final ObjectMapper json;
    private final AccountQueries accounts;
    private final AccountViews views;
    private final social.atoll.core.account.RemoteAccountResolver remote;

    /** {@code remote} resolves unknown remote handles for signed-in users ({@code lookup}). */
    public AccountsController(Settings settings, Auth auth, ObjectMapper json, AccountQueries accounts, AccountViews views,
                              social.atoll.core.account.RemoteAccountResolver remote) {
        this.settings = settings;
        this.auth = auth;
        this.json = json;
        this.accounts = accounts;
        this.views = views;
        this.remote = remote;
    }

    @Override
    public int order() { return 1; }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/api/v1/accounts", this::many);
        r.get("/api/v1/accounts/lookup", this::lookup);
        r.get("/api/v1/accounts/{id}", this::show);
        r.get("/api/v1/accounts/{id}/followers", ctx -> collection(ctx, true));
        r.get("/api/v1/accounts/{id}/following", ctx -> collection(ctx, false));
    }

    private void show(Context ctx) {
        auth.optional(ctx, "read:accounts");
        ctx.json(views.render(AccountPaths.visible(ctx, accounts)));
    }

    /** {@code GET /api/v1/accounts?id[]=…}: the visible ones among the ids, in the order asked. */
    private void many(Context ctx) {
        auth.optional(ctx, "read:accounts");
        List<Long> ids = AccountPaths.ids(Params.from(ctx, json).list("id"));
        if (ids.size() > MAX_IDS) throw ApiException.unprocessable("Too many ids requested (maximum is " + MAX_IDS + ")");
        ctx.json(views.renderAll(accounts.visibleInOrder(ids)));
    }

    /** {@code acct} is {@code user} or {@code user@domain} (our own domain meaning local); known accounts only. */
    private void lookup(Context ctx) {
        Viewer viewer = auth.optional(ctx, "read:accounts");
        String acct = Params.from(ctx, json).require("acct").trim();
        if (acct.startsWith("@")) acct = acct.substring(1);
        int at = acct.indexOf('@');
        String username = at < 0 ? acct : acct.substring(0, at);
        String domain = at < 0 ? null : acct.substring(at + 1);
        if (domain != null && isLocal(domain)) domain = null;
        if (username.isEmpty() || (domain != null && domain.isEmpty())) throw ApiException.notFound();
        Optional<Account> found = accounts.visibleByAcct(username, domain);
        // Mastodon's lookup never asks WebFinger; here a signed-in user may find a handle this server has not met yet
        // (anonymous callers cannot make the server fetch).
        if (found.isEmpty() && domain != null && viewer.hasUser()) found = remote.resolve(username, domain);
        ctx.json(views.render(found.orElseThrow(ApiException::notFound)));
    }

    private boolean isLocal(String domain) {
        return domain.equalsIgnoreCase(settings.domain()) || domain.equalsIgnoreCase(settings.host())
                || domain.equalsIgnoreCase(URI.create(settings.baseUrl()).getHost());
    }

    /**
     * Followers or following, newest follow first, paged on the hidden follow-row id. Empty when the owner hides
     * the lists from others, blocks the viewer, or is suspended.
     */
    private void collection(Context ctx, boolean followers) {
        Viewer viewer = auth.optional(ctx, "read:accounts");
        long ownerId = AccountPaths.id(ctx);
        Page page = Page.from(ctx, 40);
        IdRange range = new IdRange(page.maxId(), page.sinceId(), page.minId(), page.limit());
        Long viewerId = viewer.accountId();
        Paged<Account> found = (followers ? accounts.followers(viewerId, ownerId, range) : accounts.following(viewerId, ownerId, range))
                .orElseThrow(ApiException::notFound);
        Page.link(ctx, settings.baseUrl(), found.cursorIds(), Long::longValue);
        ctx.json(views.renderAll(found.items()));
    }
}
