package social.atoll.api.bookmarks;

import io.javalin.config.RoutesConfig;
import social.atoll.api.Auth;
import social.atoll.server.Controller;
import social.atoll.api.Viewer;
import social.atoll.api.entity.StatusViews;
import social.atoll.api.statuses.StatusPaths;
import social.atoll.core.status.BookmarkService;
import social.atoll.core.status.StatusQueries;

/** Bookmarks: {@code POST /api/v1/statuses/:id/bookmark|unbookmark} and the list {@code GET /api/v1/bookmarks}. */
public final class BookmarksController implements Controller {

    private final Auth auth;
    private final BookmarkService bookmarks;
    private final StatusQueries statuses;
    private final StatusListing listing;
    private final StatusViews views;

    public BookmarksController(Auth auth, BookmarkService bookmarks, StatusQueries statuses, StatusListing listing, StatusViews views) {
        this.auth = auth;
        this.bookmarks = bookmarks;
        this.statuses = statuses;
        this.listing = listing;
        this.views = views;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.post("/api/v1/statuses/{id}/bookmark", ctx -> {
            Viewer v = auth.requireUser(ctx, "write:bookmarks");
            ctx.json(views.render(bookmarks.bookmark(v.accountId(), StatusPaths.id(ctx)), v.accountId()));
        });
        r.post("/api/v1/statuses/{id}/unbookmark", ctx -> {
            Viewer v = auth.requireUser(ctx, "write:bookmarks");
            ctx.json(views.render(bookmarks.unbookmark(v.accountId(), StatusPaths.id(ctx)), v.accountId()));
        });
        r.get("/api/v1/bookmarks", ctx -> {
            Viewer v = auth.requireUser(ctx, "read:bookmarks");
            listing.send(ctx, v.accountId(), statuses.bookmarks(v.accountId(), StatusListing.range(ctx)));
        });
    }
}
