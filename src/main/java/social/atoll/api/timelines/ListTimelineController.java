package social.atoll.api.timelines;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import social.atoll.server.ApiException;
import social.atoll.api.Auth;
import social.atoll.server.Controller;
import social.atoll.api.Page;
import social.atoll.api.Viewer;
import social.atoll.api.entity.StatusViews;
import social.atoll.config.Settings;
import social.atoll.core.common.IdRange;
import social.atoll.core.list.ListFeed;
import social.atoll.core.list.ListService;
import social.atoll.core.status.StatusQueries;

/** {@code GET /api/v1/timelines/list/:id}: the list feed of one of the viewer's lists (filters of the home context apply). */
public final class ListTimelineController implements Controller {

    private final Settings settings;
    private final Auth auth;
    private final ListService lists;
    private final ListFeed feed;
    private final StatusQueries statuses;
    private final StatusViews views;

    public ListTimelineController(Settings settings, Auth auth, ListService lists, ListFeed feed, StatusQueries statuses,
                                  StatusViews views) {
        this.settings = settings;
        this.auth = auth;
        this.lists = lists;
        this.feed = feed;
        this.statuses = statuses;
        this.views = views;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/api/v1/timelines/list/{id}", this::list);
    }

    private void list(Context ctx) {
        Viewer v = auth.requireUser(ctx, "read:lists");
        long listId;
        try {
            listId = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiException.notFound();
        }
        lists.get(v.accountId(), listId);
        Page page = Page.from(ctx, 20);
        List<Long> ids = feed.page(listId, new IdRange(page.maxId(), page.sinceId(), page.minId(), page.limit()));
        var visible = statuses.visible(v.accountId(), ids);
        Page.link(ctx, settings.baseUrl(), ids, Long::longValue);
        ctx.json(views.renderAll(visible, v.accountId(), "home")); // Mastodon applies home filters to lists
    }
}
