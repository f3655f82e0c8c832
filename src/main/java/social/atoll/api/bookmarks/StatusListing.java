package social.atoll.api.bookmarks;

import io.javalin.http.Context;
import social.atoll.api.Page;
import social.atoll.api.entity.StatusViews;
import social.atoll.config.Settings;
import social.atoll.core.common.IdRange;
import social.atoll.core.common.Paged;
import social.atoll.core.status.Status;

/**
 * Answers a page of a hidden-cursor status collection (bookmarks, favourites): the statuses the viewer may still
 * see, and a Link header on the rows' own ids, so paging goes on past statuses that were hidden or deleted.
 */
public final class StatusListing {

    private final Settings settings;
    private final StatusViews views;

    public StatusListing(Settings settings, StatusViews views) {
        this.settings = settings;
        this.views = views;
    }

    public static IdRange range(Context ctx) {
        Page page = Page.from(ctx, 20);
        return new IdRange(page.maxId(), page.sinceId(), page.minId(), page.limit());
    }

    public void send(Context ctx, long viewerId, Paged<Status> page) {
        Page.link(ctx, settings.baseUrl(), page.cursorIds(), Long::longValue);
        ctx.json(views.renderAll(page.items(), viewerId));
    }
}
