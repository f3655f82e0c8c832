package social.atoll.api.collections;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import social.atoll.server.Params;

/**
 * Collections over the API at Pixelfed's paths ({@code /api/v1.1/collections/…}, which Pixelfed's apps and clients
 * such as Vernissage call). Reading: an account's collections, one collection, and its posts as Mastodon statuses, 10
 * a page ({@code ?page=1…}); a token is optional, the reader sees what {@link CollectionService} lets them see.
 * Writing, with a user token carrying {@code write:statuses}: Pixelfed's {@code add} and {@code remove} (form or
 * JSON {@code collection_id}, {@code post_id}), {@code update/:id} and {@code delete/:id}, answered as Pixelfed
 * answers (the post added, the collection changed, the bare number {@code 200}); and {@code create}, which Pixelfed's
 * API lacks (its web page makes a draft first), with {@code update}'s fields and answer. Someone else's collection is
 * a 404, a refused change a 422, both as Mastodon's {@code {"error": …}}.
 */
public final class CollectionsApiController implements Controller {

    static final int ITEMS_PAGE = 10;

    /** Pixelfed answers a removal and a deletion with this bare JSON number. */
    private static final int PIXELFED_OK = 200;

    private final Auth auth;
    private final ObjectMapper json;
    private final CollectionService collections;
    private final CollectionViews views;
    private final StatusViews statusViews;

    public CollectionsApiController(Auth auth, ObjectMapper json, CollectionService collections, CollectionViews views, StatusViews statusViews) {
        this.auth = auth;
        this.json = json;
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
        r.post("/api/v1.1/collections/create", ctx -> {
            Viewer v = writer(ctx);
            Params p = Params.from(ctx, json);
            var made = collections.create(v.accountId(), p.rawString("title").orElse(""), p.rawString("description").orElse(""),
                    p.string("visibility").orElse(null));
            ctx.json(ownView(v, made.id()));
        });
        r.post("/api/v1.1/collections/update/{id}", ctx -> {
            Viewer v = writer(ctx);
            Params p = Params.from(ctx, json);
            long id = id(ctx);
            collections.update(v.accountId(), id, p.rawString("title").orElse(null), p.rawString("description").orElse(null),
                    p.string("visibility").orElse(null));
            ctx.json(ownView(v, id));
        });
        r.delete("/api/v1.1/collections/delete/{id}", ctx -> {
            Viewer v = writer(ctx);
            collections.delete(v.accountId(), id(ctx));
            ctx.json(PIXELFED_OK);
        });
        r.post("/api/v1.1/collections/add", ctx -> {
            Viewer v = writer(ctx);
            Params p = Params.from(ctx, json);
            Status added = collections.add(v.accountId(), number(p, "collection_id"), number(p, "post_id"));
            ctx.json(statusViews.render(added, v.accountId()));
        });
        r.post("/api/v1.1/collections/remove", ctx -> {
            Viewer v = writer(ctx);
            Params p = Params.from(ctx, json);
            collections.remove(v.accountId(), number(p, "collection_id"), number(p, "post_id"));
            ctx.json(PIXELFED_OK);
        });
    }

    private Viewer writer(Context ctx) { return auth.requireUser(ctx, "write:statuses"); }

    /** The owner's collection as they see it (all its posts). */
    private CollectionEntity ownView(Viewer v, long id) {
        var seen = collections.view(v.accountId(), id).orElseThrow(ApiException::notFound);
        return views.renderAll(List.of(seen), v.accountId()).get(0);
    }

    /** A required id field (Pixelfed sends numbers; clients may send strings): missing → 400, not a number → 422. */
    private static long number(Params p, String name) {
        String raw = p.require(name);
        try {
            long n = Long.parseLong(raw.strip());
            if (n < 1) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw ApiException.invalid(name + " must be a number");
        }
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
