package social.atoll.api.statuses;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import social.atoll.server.ApiException;
import social.atoll.api.Auth;
import social.atoll.server.Controller;
import social.atoll.api.Page;
import social.atoll.server.Params;
import social.atoll.api.Viewer;
import social.atoll.api.entity.AccountViews;
import social.atoll.api.entity.StatusViews;
import social.atoll.config.Settings;
import social.atoll.core.common.IdRange;
import social.atoll.core.status.FavouriteService;
import social.atoll.core.status.ReblogService;
import social.atoll.core.status.Status;
import social.atoll.core.account.Account;
import social.atoll.core.common.Paged;
import social.atoll.core.status.StatusQueries;
import social.atoll.core.status.Visibility;

/**
 * Interactions with a status: favourite, boost, their undo, and who did them ({@code favourited_by},
 * {@code reblogged_by}, paged on the hidden id of the favourite or boost).
 */
public final class StatusActionsController implements Controller {

    private final Auth auth;
    private final ObjectMapper json;
    private final Settings settings;
    private final FavouriteService favourites;
    private final ReblogService reblogs;
    private final StatusQueries statuses;
    private final StatusViews views;
    private final AccountViews accountViews;

    public StatusActionsController(Auth auth, ObjectMapper json, Settings settings, FavouriteService favourites,
                                   ReblogService reblogs, StatusQueries statuses, StatusViews views, AccountViews accountViews) {
        this.auth = auth;
        this.json = json;
        this.settings = settings;
        this.favourites = favourites;
        this.reblogs = reblogs;
        this.statuses = statuses;
        this.views = views;
        this.accountViews = accountViews;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.post("/api/v1/statuses/{id}/favourite", ctx -> {
            Viewer v = auth.requireUser(ctx, "write:favourites");
            ctx.json(views.render(favourites.favourite(v.accountId(), StatusesController.id(ctx.pathParam("id"))), v.accountId()));
        });
        r.post("/api/v1/statuses/{id}/unfavourite", ctx -> {
            Viewer v = auth.requireUser(ctx, "write:favourites");
            ctx.json(views.render(favourites.unfavourite(v.accountId(), StatusesController.id(ctx.pathParam("id"))), v.accountId()));
        });
        r.post("/api/v1/statuses/{id}/reblog", this::reblog);
        r.post("/api/v1/statuses/{id}/unreblog", ctx -> {
            Viewer v = auth.requireUser(ctx, "write:statuses");
            ctx.json(views.render(reblogs.unreblog(v.accountId(), StatusesController.id(ctx.pathParam("id"))), v.accountId()));
        });
        r.get("/api/v1/statuses/{id}/favourited_by", ctx -> actors(ctx, true));
        r.get("/api/v1/statuses/{id}/reblogged_by", ctx -> actors(ctx, false));
    }

    private void reblog(Context ctx) {
        Viewer v = auth.requireUser(ctx, "write:statuses");
        Params p = Params.from(ctx, json);
        Visibility vis = p.string("visibility").map(s -> Visibility.parseRequested(s)
                .orElseThrow(() -> ApiException.invalid("Visibility is not included in the list"))).orElse(null);
        Status boost = reblogs.reblog(v.accountId(), StatusesController.id(ctx.pathParam("id")), vis);
        ctx.json(views.render(boost, v.accountId()));
    }

    private void actors(Context ctx, boolean favourited) {
        Viewer v = auth.optional(ctx, "read:accounts");
        long id = StatusesController.id(ctx.pathParam("id"));
        Page page = Page.from(ctx, 40);
        IdRange range = new IdRange(page.maxId(), page.sinceId(), page.minId(), page.limit());
        Paged<Account> actors = (favourited ? statuses.favouritedBy(v.accountId(), id, range) : statuses.rebloggedBy(v.accountId(), id, range))
                .orElseThrow(ApiException::notFound);
        Page.link(ctx, settings.baseUrl(), actors.cursorIds(), Long::longValue);
        ctx.json(accountViews.renderAll(actors.items()));
    }
}
