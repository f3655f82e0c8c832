package social.atoll.api.statuses;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import social.atoll.api.Auth;
import social.atoll.api.Page;
import social.atoll.api.Viewer;
import social.atoll.api.entity.StatusViews;
import social.atoll.config.Settings;
import social.atoll.core.common.IdRange;
import social.atoll.core.common.Paged;
import social.atoll.core.quote.QuoteService;
import social.atoll.core.status.Status;
import social.atoll.server.ApiException;
import social.atoll.server.Controller;
import social.atoll.server.Params;

/**
 * Quotes of a status (Mastodon 4.5): the accepted quotes ({@code GET /api/v1/statuses/:id/quotes}, paged on the
 * quote id), revoking one ({@code POST …/quotes/:quoting_status_id/revoke}, by the quoted author), and changing who
 * may quote a post ({@code PUT /api/v1/statuses/:id/interaction_policy}).
 */
public final class QuotesController implements Controller {

    private final Auth auth;
    private final ObjectMapper json;
    private final Settings settings;
    private final QuoteService quotes;
    private final StatusViews views;

    public QuotesController(Auth auth, ObjectMapper json, Settings settings, QuoteService quotes, StatusViews views) {
        this.auth = auth;
        this.json = json;
        this.settings = settings;
        this.quotes = quotes;
        this.views = views;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/api/v1/statuses/{id}/quotes", this::index);
        r.post("/api/v1/statuses/{id}/quotes/{quoting}/revoke", this::revoke);
        r.put("/api/v1/statuses/{id}/interaction_policy", this::policy);
    }

    private void index(Context ctx) {
        Viewer v = auth.optional(ctx, "read:statuses");
        Page page = Page.from(ctx, 20);
        IdRange range = new IdRange(page.maxId(), page.sinceId(), page.minId(), page.limit());
        Paged<Status> found = quotes.quotesOf(v.accountId(), StatusesController.id(ctx.pathParam("id")), range);
        Page.link(ctx, settings.baseUrl(), found.cursorIds(), Long::longValue);
        ctx.json(views.renderAll(found.items(), v.accountId()));
    }

    private void revoke(Context ctx) {
        Viewer v = auth.requireUser(ctx, "write:statuses");
        Status quoting = quotes.revoke(v.accountId(), StatusesController.id(ctx.pathParam("id")), StatusesController.id(ctx.pathParam("quoting")));
        ctx.json(views.render(quoting, v.accountId()));
    }

    private void policy(Context ctx) {
        Viewer v = auth.requireUser(ctx, "write:statuses");
        String policy = Params.from(ctx, json).string("quote_approval_policy").orElseThrow(() -> ApiException.missingParam("quote_approval_policy"));
        Status s = quotes.changePolicy(v.accountId(), StatusesController.id(ctx.pathParam("id")), policy);
        ctx.json(views.render(s, v.accountId()));
    }
}
