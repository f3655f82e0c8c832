package social.atoll.web.app;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import social.atoll.api.entity.StatusViews;
import social.atoll.core.common.IdRange;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.common.Paged;
import social.atoll.core.list.ListFeed;
import social.atoll.core.list.ListService;
import social.atoll.core.list.UserList;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusQueries;
import social.atoll.core.timeline.TimelineService;
import social.atoll.server.Controller;
import social.atoll.web.BrowserSessions;
import social.atoll.web.Pages;
import social.atoll.web.WebPage;
import social.atoll.web.view.StatusCard;
import social.atoll.web.view.TimelineView;

/**
 * The timelines of the web app: {@code /home} (signed in), {@code /public/local} and {@code /public} (the local and
 * federated timelines, open to visitors as Mastodon's are by default). Each page lists 20 posts, newest first, with
 * a link to older ones ({@code ?max_id=}); new posts arrive over the streaming API and wait behind a bar. Signed in,
 * also {@code /bookmarks} and {@code /favourites} (paged on the hidden bookmark and favourite rows, as the API does)
 * and {@code /lists/{id}} (one of the reader's lists, live over the {@code list} stream).
 */
public final class TimelinePages implements Controller {

    static final int PAGE = 20;

    private final BrowserSessions sessions;
    private final Pages pages;
    private final TimelineService timelines;
    private final StatusViews views;
    private final StatusQueries statuses;
    private final ListService lists;
    private final ListFeed listFeed;

    public TimelinePages(BrowserSessions sessions, Pages pages, TimelineService timelines, StatusViews views, StatusQueries statuses,
                         ListService lists, ListFeed listFeed) {
        this.sessions = sessions;
        this.pages = pages;
        this.timelines = timelines;
        this.views = views;
        this.statuses = statuses;
        this.lists = lists;
        this.listFeed = listFeed;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/home", this::home);
        r.get("/public/local", ctx -> publicTimeline(ctx, true));
        r.get("/public", ctx -> publicTimeline(ctx, false));
        r.get("/bookmarks", ctx -> collection(ctx, "bookmarks", "timeline.bookmarks", "timeline.bookmarks_empty"));
        r.get("/favourites", ctx -> collection(ctx, "favourites", "timeline.favourites", "timeline.favourites_empty"));
        r.get("/lists/{id}", this::list);
        // the keyboard help dialog, fetched by keys.js the first time "?" is pressed (its texts are in the bundles)
        r.get("/web/keys", ctx -> ctx.header("Cache-Control", "private, no-store").contentType("text/html; charset=utf-8")
                .result(pages.fragment("partials/keys_help.jte", pages.page(ctx, null, null), "")));
    }

    private void collection(Context ctx, String nav, String titleKey, String emptyKey) {
        var me = sessions.requireSignedIn(ctx);
        if (me.isEmpty()) return;
        long viewer = me.get().account().id();
        IdRange range = range(ctx);
        Paged<Status> rows = nav.equals("bookmarks") ? statuses.bookmarks(viewer, range) : statuses.favourites(viewer, range);
        WebPage page = pages.page(ctx, pages.messages().get(titleKey), nav);
        List<StatusCard> cards = StatusCard.all(views.renderAll(rows.items(), viewer), Long.toString(viewer), Instant.now(), pages.messages());
        String older = rows.cursorIds().size() < PAGE ? null : ctx.path() + "?max_id=" + rows.cursorIds().getLast();
        pages.render(ctx, 200, "app/timeline.jte", page,
                new TimelineView(page.t(titleKey), cards, older, null, null, List.of(), List.of(), emptyKey));
    }

    private void list(Context ctx) {
        var me = sessions.requireSignedIn(ctx);
        if (me.isEmpty()) return;
        long viewer = me.get().account().id();
        UserList list;
        try {
            list = lists.get(viewer, Long.parseLong(ctx.pathParam("id")));
        } catch (NumberFormatException | NotFoundException e) {
            Forms.notFound(ctx, pages);
            return;
        }
        List<Long> ids = listFeed.page(list.id(), range(ctx));
        // Mastodon applies the home filters to lists
        List<StatusCard> cards = StatusCard.all(views.renderAll(statuses.visible(viewer, ids), viewer, "home"), Long.toString(viewer),
                Instant.now(), pages.messages());
        String older = ids.size() < PAGE ? null : ctx.path() + "?max_id=" + ids.getLast();
        WebPage page = pages.page(ctx, list.title(), "lists");
        var edit = new TimelineView.Link(page.t("lists.edit"), "/lists/" + list.id() + "/edit", false);
        pages.render(ctx, 200, "app/timeline.jte", page,
                new TimelineView(list.title(), cards, older, "list", Long.toString(list.id()), List.of(edit), List.of(), "lists.timeline_empty"));
    }

    private void home(Context ctx) {
        var me = sessions.requireSignedIn(ctx);
        if (me.isEmpty()) return;
        long viewer = me.get().account().id();
        var slice = timelines.home(viewer, range(ctx));
        show(ctx, "home", "timeline.home", slice, viewer, "home", "user");
    }

    private void publicTimeline(Context ctx, boolean local) {
        Long viewer = sessions.current(ctx).map(s -> s.account().id()).orElse(null);
        var slice = timelines.publicTimeline(viewer, new TimelineService.PublicQuery(local, false, false), range(ctx));
        show(ctx, local ? "local" : "federated", local ? "timeline.local" : "timeline.federated", slice, viewer, "public",
                viewer == null ? null : local ? "public:local" : "public");
    }

    private void show(Context ctx, String nav, String titleKey, TimelineService.Slice slice, Long viewer, String filterContext, String stream) {
        WebPage page = pages.page(ctx, pages.messages().get(titleKey), nav);
        List<StatusCard> cards = StatusCard.all(views.renderAll(slice.statuses(), viewer, filterContext),
                viewer == null ? null : viewer.toString(), Instant.now(), pages.messages());
        String older = slice.statuses().size() < PAGE || slice.cursorIds().isEmpty() ? null
                : ctx.path() + "?max_id=" + slice.cursorIds().get(slice.cursorIds().size() - 1);
        pages.render(ctx, 200, "app/timeline.jte", page, new TimelineView(page.t(titleKey), cards, older, stream));
    }

    static IdRange range(Context ctx) {
        return new IdRange(id(ctx.queryParam("max_id")), null, id(ctx.queryParam("min_id")), PAGE);
    }

    static Long id(String s) {
        if (s == null || s.isBlank()) return null;
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
