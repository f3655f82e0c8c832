package social.atoll.api.interactions;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import social.atoll.api.Auth;
import social.atoll.api.Page;
import social.atoll.api.Viewer;
import social.atoll.config.Settings;
import social.atoll.core.common.IdRange;
import social.atoll.core.common.Paged;
import social.atoll.core.interaction.InteractionRequest;
import social.atoll.core.interaction.InteractionRequestService;
import social.atoll.server.ApiException;
import social.atoll.server.Controller;
import social.atoll.server.Params;

/**
 * GoToSocial's {@code /api/v1/interaction_requests}: the pending favourites, replies and boosts addressed to the
 * signed-in account (filtered by {@code status_id}, {@code favourites}, {@code replies}, {@code reblogs}), one of
 * them, and approving ({@code authorize}) or rejecting it.
 */
public final class InteractionRequestsController implements Controller {

    private final Auth auth;
    private final ObjectMapper json;
    private final Settings settings;
    private final InteractionRequestService requests;
    private final InteractionRequestViews views;

    public InteractionRequestsController(Auth auth, ObjectMapper json, Settings settings, InteractionRequestService requests,
                                         InteractionRequestViews views) {
        this.auth = auth;
        this.json = json;
        this.settings = settings;
        this.requests = requests;
        this.views = views;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/api/v1/interaction_requests", this::index);
        r.get("/api/v1/interaction_requests/{id}", this::show);
        r.post("/api/v1/interaction_requests/{id}/authorize", this::authorize);
        r.post("/api/v1/interaction_requests/{id}/reject", this::reject);
    }

    private void index(Context ctx) {
        Viewer v = auth.requireUser(ctx, "read:notifications");
        Params p = Params.from(ctx, json);
        List<String> types = new ArrayList<>();
        if (p.bool("favourites", true)) types.add("favourite");
        if (p.bool("replies", true)) types.add("reply");
        if (p.bool("reblogs", true)) types.add("reblog");
        if (types.isEmpty()) throw ApiException.badRequest("at least one of favourites, replies, or boosts must be true");
        Long statusId = p.string("status_id").map(InteractionRequestsController::id).orElse(null);
        Page page = Page.from(ctx, 40);
        Paged<InteractionRequest> found = requests.pending(v.accountId(), statusId, types,
                new IdRange(page.maxId(), page.sinceId(), page.minId(), page.limit()));
        Page.link(ctx, settings.baseUrl(), found.cursorIds(), Long::longValue);
        ctx.json(views.renderAll(found.items(), v.accountId()));
    }

    private void show(Context ctx) {
        Viewer v = auth.requireUser(ctx, "read:notifications");
        ctx.json(views.render(requests.get(v.accountId(), id(ctx.pathParam("id"))), v.accountId()));
    }

    private void authorize(Context ctx) {
        Viewer v = auth.requireUser(ctx, "write:statuses");
        ctx.json(views.render(requests.authorize(v.accountId(), id(ctx.pathParam("id"))), v.accountId()));
    }

    private void reject(Context ctx) {
        Viewer v = auth.requireUser(ctx, "write:statuses");
        ctx.json(views.render(requests.reject(v.accountId(), id(ctx.pathParam("id"))), v.accountId()));
    }

    static long id(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw ApiException.notFound();
        }
    }
}
