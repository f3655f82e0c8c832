package social.atoll.web.site;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import social.atoll.api.entity.StatusViews;
import social.atoll.config.Settings;
import social.atoll.core.common.IdRange;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.tag.Tag;
import social.atoll.core.tag.TagService;
import social.atoll.core.tag.TagTimeline;
import social.atoll.core.timeline.TimelineService;
import social.atoll.core.trends.TrendsService;
import social.atoll.server.Controller;
import social.atoll.web.BrowserSessions;
import social.atoll.web.Pages;
import social.atoll.web.WebPage;
import social.atoll.web.view.StatusCard;
import social.atoll.web.view.TagView;

/**
 * Open to visitors as Mastodon's are: {@code /tags/{name}} (the posts with a hashtag, newest first, paged with
 * {@code max_id}; {@code /tags/{name}.rss} is its feed) and {@code /explore} (the tags trending this week and the
 * latest public posts).
 */
public final class TagPages implements Controller {

    private static final int PAGE = 20;

    private final Settings settings;
    private final BrowserSessions sessions;
    private final Pages pages;
    private final TagService tags;
    private final TagTimeline tagTimeline;
    private final TimelineService timelines;
    private final TrendsService trends;
    private final StatusViews views;
    private final Feeds feeds;

    public TagPages(Settings settings, BrowserSessions sessions, Pages pages, TagService tags, TagTimeline tagTimeline,
                    TimelineService timelines, TrendsService trends, StatusViews views, Feeds feeds) {
        this.settings = settings;
        this.sessions = sessions;
        this.pages = pages;
        this.tags = tags;
        this.tagTimeline = tagTimeline;
        this.timelines = timelines;
        this.trends = trends;
        this.views = views;
        this.feeds = feeds;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/tags/{tag}", this::tag);
        r.get("/explore", this::explore);
    }

    private void tag(Context ctx) {
        String name = ctx.pathParam("tag");
        if (name.endsWith(".rss")) {
            feeds.tag(ctx, name.substring(0, name.length() - 4));
            return;
        }
        if (!Tag.valid(name)) throw new NotFoundException("tag");
        Long viewer = sessions.current(ctx).map(s -> s.account().id()).orElse(null);
        var tag = tags.byName(name);
        String path = "/tags/" + ProfilePages.encode(tag.map(Tag::name).orElse(name)).replace("+", "%20");
        List<StatusCard> cards = List.of();
        String older = null;
        if (tag.isPresent()) {
            var slice = tagTimeline.page(viewer, new TagTimeline.Query(List.of(tag.get().id()), List.of(), List.of(), false, false, false),
                    new IdRange(ProfilePages.id(ctx.queryParam("max_id")), null, null, PAGE));
            cards = StatusCard.all(views.renderAll(slice.statuses(), viewer, "public"), viewer == null ? null : viewer.toString(),
                    Instant.now(), pages.messages());
            if (slice.cursorIds().size() >= PAGE) older = path + "?max_id=" + slice.cursorIds().get(slice.cursorIds().size() - 1);
        }
        String heading = "#" + tag.map(Tag::name).orElse(name);
        WebPage page = pages.page(ctx, heading, null);
        String feed = tag.isPresent() ? settings.url(path + ".rss") : null;
        page = page.withHead(new WebPage.Head(heading, settings.url(path), pages.messages().get("tag.description", heading), null, "website",
                feed, null, false));
        pages.render(ctx, 200, "web/tag.jte", page, new TagView(heading, feed, cards, older, List.of()));
    }

    private void explore(Context ctx) {
        Long viewer = sessions.current(ctx).map(s -> s.account().id()).orElse(null);
        List<Tag> trending = trends.tags(0, 10);
        Map<Long, List<TagService.DayUse>> history = trending.isEmpty() ? Map.of() : tags.history(trending.stream().map(Tag::id).toList());
        List<TagView.TrendingTag> list = new ArrayList<>();
        for (Tag t : trending) {
            long people = history.getOrDefault(t.id(), List.of()).stream().mapToLong(TagService.DayUse::accounts).sum();
            list.add(new TagView.TrendingTag(t.name(), "/tags/" + ProfilePages.encode(t.name()).replace("+", "%20"), people));
        }
        var slice = timelines.publicTimeline(viewer, new TimelineService.PublicQuery(false, false, false),
                new IdRange(ProfilePages.id(ctx.queryParam("max_id")), null, null, PAGE));
        List<StatusCard> cards = StatusCard.all(views.renderAll(slice.statuses(), viewer, "public"), viewer == null ? null : viewer.toString(),
                Instant.now(), pages.messages());
        String older = slice.cursorIds().size() >= PAGE ? "/explore?max_id=" + slice.cursorIds().get(slice.cursorIds().size() - 1) : null;
        String heading = pages.messages().get("explore.title");
        WebPage page = pages.page(ctx, heading, "explore");
        page = page.withHead(new WebPage.Head(heading, settings.url("/explore"), pages.messages().get("explore.description", settings.domain()),
                null, "website", null, null, false));
        pages.render(ctx, 200, "web/explore.jte", page, new TagView(heading, null, cards, older, list));
    }
}
