package social.atoll.api.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import social.atoll.api.Page;
import social.atoll.api.Auth;
import social.atoll.server.Controller;
import social.atoll.server.Params;
import social.atoll.api.Viewer;
import social.atoll.api.entity.AccountViews;
import social.atoll.core.search.SearchService;

/** {@code GET /api/v1/accounts/search}: accounts by username or display-name prefix ({@code following}, {@code offset}). */
public final class AccountSearchController implements Controller {

    private final Auth auth;
    private final ObjectMapper json;
    private final SearchService search;
    private final AccountViews accountViews;

    public AccountSearchController(Auth auth, ObjectMapper json, SearchService search, AccountViews accountViews) {
        this.auth = auth;
        this.json = json;
        this.search = search;
        this.accountViews = accountViews;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/api/v1/accounts/search", ctx -> {
            Viewer v = auth.requireScope(ctx, "read:accounts");
            Params p = Params.from(ctx, json);
            String q = p.require("q");
            int limit = Page.limit(p.string("limit").orElse(null), 40, 80);
            int offset = Math.max(0, p.integer("offset").orElse(0));
            ctx.json(accountViews.renderAll(search.accounts(v.accountId(),
                    new SearchService.AccountQuery(q, p.bool("following", false), offset, limit))));
        });
    }
}
