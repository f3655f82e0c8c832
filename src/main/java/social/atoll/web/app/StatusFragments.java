package social.atoll.web.app;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import social.atoll.api.entity.StatusViews;
import social.atoll.core.status.StatusQueries;
import social.atoll.server.Controller;
import social.atoll.web.BrowserSessions;
import social.atoll.web.Pages;
import social.atoll.web.WebPage;
import social.atoll.web.view.StatusCard;

/**
 * {@code GET /web/statuses/{id}/card}: one post rendered as the timelines show it, for the pages' scripts (a post
 * that arrived over the stream) and htmx swaps. The same visibility rule as every door: a post the reader may not
 * see is a 404.
 */
public final class StatusFragments implements Controller {

    private final BrowserSessions sessions;
    private final Pages pages;
    private final StatusQueries statuses;
    private final StatusViews views;

    public StatusFragments(BrowserSessions sessions, Pages pages, StatusQueries statuses, StatusViews views) {
        this.sessions = sessions;
        this.pages = pages;
        this.statuses = statuses;
        this.views = views;
    }

    @Override
    public void routes(RoutesConfig r) { r.get("/web/statuses/{id}/card", this::card); }

    private void card(Context ctx) {
        Long viewer = sessions.current(ctx).map(s -> s.account().id()).orElse(null);
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            ctx.status(404).result("");
            return;
        }
        var status = statuses.visibleById(viewer, id);
        if (status.isEmpty()) {
            ctx.status(404).result("");
            return;
        }
        WebPage page = pages.fragmentPage(ctx);
        StatusCard card = StatusCard.from(views.render(status.get(), viewer), viewer == null ? null : viewer.toString(), Instant.now(),
                pages.messages());
        ctx.header("Cache-Control", "private, no-store").contentType("text/html; charset=utf-8")
                .result(pages.fragment("partials/status_fragment.jte", page, card));
    }
}
