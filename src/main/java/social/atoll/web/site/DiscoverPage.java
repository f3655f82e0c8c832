package social.atoll.web.site;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import social.atoll.api.entity.StatusViews;
import social.atoll.config.Settings;
import social.atoll.core.common.IdRange;
import social.atoll.core.photos.PhotoDiscovery;
import social.atoll.server.Controller;
import social.atoll.web.BrowserSessions;
import social.atoll.web.Pages;
import social.atoll.web.WebPage;
import social.atoll.web.view.DiscoverView;
import social.atoll.web.view.StatusCard;

/**
 * {@code /discover}: public photo posts of this server and the ones it knows, as a grid — the newest
 * ({@code ?max_id=} pages) or, with {@code ?tab=popular}, the most favourited and boosted of the last week
 * ({@code &page=}). Open to visitors, like Explore. A post hidden behind a content warning shows no picture here.
 */
public final class DiscoverPage implements Controller {

    static final int PAGE = 24;

    private final Settings settings;
    private final BrowserSessions sessions;
    private final Pages pages;
    private final PhotoDiscovery discovery;
    private final StatusViews views;

    public DiscoverPage(Settings settings, BrowserSessions sessions, Pages pages, PhotoDiscovery discovery, StatusViews views) {
        this.settings = settings;
        this.sessions = sessions;
        this.pages = pages;
        this.discovery = discovery;
        this.views = views;
    }

    @Override
    public void routes(RoutesConfig r) { r.get("/discover", this::discover); }

    private void discover(Context ctx) {
        Long viewer = sessions.current(ctx).map(s -> s.account().id()).orElse(null);
        boolean popular = "popular".equals(ctx.queryParam("tab"));
        String more;
        PhotoDiscovery.Slice slice;
        if (popular) {
            String p = ctx.queryParam("page");
            int page = p != null && p.matches("\\d{1,4}") ? Integer.parseInt(p) : 0;
            slice = discovery.popular(viewer, page, PAGE);
            more = slice.cursorIds().size() >= PAGE ? "/discover?tab=popular&page=" + (page + 1) : null;
        } else {
            slice = discovery.recent(viewer, new IdRange(ProfilePages.id(ctx.queryParam("max_id")), null, null, PAGE));
            more = slice.cursorIds().size() >= PAGE ? "/discover?max_id=" + slice.cursorIds().get(slice.cursorIds().size() - 1) : null;
        }
        List<StatusCard> cards = StatusCard.all(views.renderAll(slice.statuses(), viewer, "public"), viewer == null ? null : viewer.toString(),
                Instant.now(), pages.messages());
        List<DiscoverView.Tile> tiles = new ArrayList<>();
        for (StatusCard c : cards) {
            if (c.hideMedia()) continue;
            c.media().stream().filter(StatusCard.Media::image).findFirst().ifPresent(m -> tiles.add(new DiscoverView.Tile(c.permalink(),
                    m.preview(), m.description(), m.blurhash(), c.author().displayName(), c.media().size() > 1)));
        }
        String heading = pages.messages().get("discover.title");
        WebPage page = pages.page(ctx, heading, "discover");
        page = page.withHead(new WebPage.Head(heading, settings.url("/discover"), pages.messages().get("discover.description", settings.domain()),
                null, "website", null, null, false));
        pages.render(ctx, 200, "web/discover.jte", page, new DiscoverView(popular ? "popular" : "recent", tiles, more));
    }
}
