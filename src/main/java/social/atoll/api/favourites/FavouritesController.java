package social.atoll.api.favourites;

import io.javalin.config.RoutesConfig;
import social.atoll.api.Auth;
import social.atoll.server.Controller;
import social.atoll.api.Viewer;
import social.atoll.api.bookmarks.StatusListing;
import social.atoll.core.status.StatusQueries;

/** {@code GET /api/v1/favourites}: the caller's favourited statuses, most recently favourited first. */
public final class FavouritesController implements Controller {

    private final Auth auth;
    private final StatusQueries statuses;
    private final StatusListing listing;

    public FavouritesController(Auth auth, StatusQueries statuses, StatusListing listing) {
        this.auth = auth;
        this.statuses = statuses;
        this.listing = listing;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/api/v1/favourites", ctx -> {
            Viewer v = auth.requireUser(ctx, "read:favourites");
            listing.send(ctx, v.accountId(), statuses.favourites(v.accountId(), StatusListing.range(ctx)));
        });
    }
}
