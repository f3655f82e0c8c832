package social.atoll.web.app;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import social.atoll.api.entity.AccountViews;
import social.atoll.api.entity.StatusViews;
import social.atoll.core.search.Search;
import social.atoll.core.tag.Tag;
import social.atoll.server.Controller;
import social.atoll.web.BrowserSessions;
import social.atoll.web.Pages;
import social.atoll.web.WebPage;
import social.atoll.web.view.NotificationCard;
import social.atoll.web.view.SearchView;
import social.atoll.web.view.StatusCard;
import social.atoll.web.view.TimelineView;

/**
 * {@code GET /search?q=…&type=…}: people, hashtags and posts, through core's {@link Search} as the API's
 * {@code /api/v2/search} — a handle ({@code @user@domain}) or a URL of another server is resolved there (the
 * reader is signed in, which Mastodon requires for resolving).
 */
public final class SearchPage implements Controller {

    private static final int LIMIT = 20;
    private static final List<String> TYPES = List.of("accounts", "hashtags", "statuses");

    private final BrowserSessions sessions;
    private final Pages pages;
    private final Search search;
    private final AccountViews accountViews;
    private final StatusViews statusViews;

    public SearchPage(BrowserSessions sessions, Pages pages, Search search, AccountViews accountViews, StatusViews statusViews) {
        this.sessions = sessions;
        this.pages = pages;
        this.search = search;
        this.accountViews = accountViews;
        this.statusViews = statusViews;
    }

    @Override
    public void routes(RoutesConfig r) { r.get("/search", this::search); }

    private void search(Context ctx) {
        var me = sessions.requireSignedIn(ctx);
        if (me.isEmpty()) return;
        long viewer = me.get().account().id();
        String q = ctx.queryParam("q") == null ? "" : ctx.queryParam("q").strip();
        String asked = ctx.queryParam("type");
        String type = asked != null && TYPES.contains(asked) ? asked : null;
        var found = search.find(viewer, new Search.Query(q, type, true, false, null, null, null, 0, type == null ? 5 : LIMIT));
        WebPage page = pages.page(ctx, q.isEmpty() ? pages.messages().get("search.title") : pages.messages().get("search.title_for", q), "search");
        String base = "/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8);
        var tabs = List.of(new TimelineView.Link(page.t("search.all"), base, type == null),
                new TimelineView.Link(page.t("search.people"), base + "&type=accounts", "accounts".equals(type)),
                new TimelineView.Link(page.t("search.hashtags"), base + "&type=hashtags", "hashtags".equals(type)),
                new TimelineView.Link(page.t("search.posts"), base + "&type=statuses", "statuses".equals(type)));
        List<StatusCard.Author> people = accountViews.renderAll(found.accounts()).stream().map(NotificationCard::person).toList();
        List<StatusCard> posts = StatusCard.all(statusViews.renderAll(found.statuses(), viewer), Long.toString(viewer), Instant.now(),
                pages.messages());
        pages.render(ctx, 200, "app/search.jte", page,
                new SearchView(q, tabs, people, found.hashtags().stream().map(Tag::name).toList(), posts));
    }
}
