package social.atoll.web.app;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import social.atoll.api.entity.StatusViews;
import social.atoll.core.common.IdRange;
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
 * a link to older ones ({@code ?max_id=}); new posts arrive over the streaming API and wait behind a bar.
 */
public final class TimelinePages implements Controller {

    static final int PAGE = 20;

    private final BrowserSessions sessions;
    private final Pages pages;
    private final TimelineService timelines;
    private final StatusViews views;

    public TimelinePages(BrowserSessions sessions, Pages pages, TimelineService timelines, StatusViews views) {
        this.sessions = sessions;
        this.pages = pages;
        this.timelines = timelines;
        this.views = views;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/home", this::home);
        r.get("/public/local", ctx -> publicTimeline(ctx, true));
        r.get("/public", ctx -> publicTimeline(ctx, false));
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

    private static Long id(String s) {
        if (s == null || s.isBlank()) return null;
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
