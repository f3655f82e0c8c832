package social.atoll.api.bookmarks;

import io.javalin.http.Context;
import java.util.List;
import social.atoll.api.Page;
import social.atoll.api.entity.StatusViews;
import social.atoll.config.Settings;
import social.atoll.core.common.IdRange;
import social.atoll.core.privacy.VisibilityPolicy;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusCollections;
import social.atoll.core.status.StatusStore;

/**
 * Answers a page of a hidden-cursor status collection (bookmarks, favourites): the statuses the viewer may still
 * see, and a Link header on the rows' own ids, so paging goes on past statuses that were hidden or deleted.
 */
public final class StatusListing {

    private final Settings settings;
    private final StatusStore statuses;
    private final VisibilityPolicy visibility;
    private final StatusViews views;

    public StatusListing(Settings settings, StatusStore statuses, VisibilityPolicy visibility, StatusViews views) {
        this.settings = settings;
        this.statuses = statuses;
        this.visibility = visibility;
        this.views = views;
    }

    public static IdRange range(Context ctx) {
        Page page = Page.from(ctx, 20);
        return new IdRange(page.maxId(), page.sinceId(), page.minId(), page.limit());
    }

    public void send(Context ctx, long viewerId, List<StatusCollections.Entry> rows) {
        List<Status> found = statuses.listByIds(rows.stream().map(StatusCollections.Entry::statusId).toList());
        Page.link(ctx, settings.baseUrl(), rows, StatusCollections.Entry::rowId);
        ctx.json(views.renderAll(visibility.filter(viewerId, found), viewerId));
    }
}
