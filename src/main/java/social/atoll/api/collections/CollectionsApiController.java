package social.atoll.api.collections;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import social.atoll.api.Auth;
import social.atoll.api.Viewer;
import social.atoll.api.entity.StatusViews;
import social.atoll.core.collection.CollectionService;
import social.atoll.core.status.Status;
import social.atoll.server.ApiException;
import social.atoll.server.Controller;

/**
 * Reading collections over the API at Pixelfed's paths ({@code /api/v1.1/collections/…}, which Pixelfed's apps and
 * clients such as Vernissage call): an account's collections, one collection, and its posts as Mastodon statuses, 10
 * a page ({@code ?page=1…}). A token is optional; the reader sees what {@link CollectionService} lets them see.
 */
public final class CollectionsApiController implements Controller {

    static final int ITEMS_PAGE = 10;

    private final Auth auth;
    private final CollectionService collections;
    private final CollectionViews views;
    private final StatusViews statusViews;

    public CollectionsApiController(Auth auth, CollectionService collections, CollectionViews views, StatusViews statusViews) {
        this.auth = auth;
        this.collections = collections;
        this.views = views;
        this.statusViews = statusViews;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/api/v1.1/collections/accounts/{id}", ctx -> {
            Viewer v = auth.optional(ctx, "read:statuses");
            ctx.json(views.renderAll(collections.listed(v.accountId(), id(ctx)), v.accountId()));
        });
        r.get("/api/v1.1/collections/view/{id}", ctx -> {
            Viewer v = auth.optional(ctx, "read:statuses");
            var seen = collections.view(v.accountId(), id(ctx)).orElseThrow(ApiException::notFound);
            ctx.json(views.renderAll(List.of(seen), v.accountId()).get(0));
        });
        r.get("/api/v1.1/collections/items/{id}", ctx -> {
            Viewer v = auth.optional(ctx, "read:statuses");
            var seen = collections.view(v.accountId(), id(ctx)).orElseThrow(ApiException::notFound);
            int page = page(ctx.queryParam("page"));
            List<Status> items = seen.items();
            int from = Math.min(items.size(), (page - 1) * ITEMS_PAGE);
            ctx.json(statusViews.renderAll(items.subList(from, Math.min(items.size(), from + ITEMS_PAGE)), v.accountId()));
        });
    }

    private static long id(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiException.notFound();
        }
    }

    private static int page(String s) {
        if (s == null || !s.matches("\\d{1,6}")) return 1;
        return Math.max(1, Integer.parseInt(s));
    }
}
