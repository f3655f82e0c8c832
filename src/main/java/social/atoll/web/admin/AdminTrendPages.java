package social.atoll.web.admin;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import social.atoll.api.entity.StatusEntity;
import social.atoll.api.entity.StatusViews;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.status.Status;
import social.atoll.core.text.HtmlSanitizer;
import social.atoll.core.trends.TrendsService;
import social.atoll.server.Controller;
import social.atoll.web.BrowserSessions;
import social.atoll.web.Pages;

/**
 * {@code /admin/trends}: the window's trending tags, posts and links, each marked as waiting for review, approved
 * or rejected, with approve and reject buttons ({@link TrendsService}: {@code manage_taxonomies}, audited). A
 * rejected item leaves the public trends; approving brings it back (and makes it trend when the server waits for
 * approval).
 */
public final class AdminTrendPages implements Controller {

    static final String PATH = "/admin/trends";
    static final int PAGE = 20;
    private static final Set<String> NOTICES = Set.of("trend_approved", "trend_rejected");

    /** One trending item: what the row says, where it leads, and its review state (pending | approved | rejected). */
    public record Item(String kind, long id, String label, String detail, String href, String state) {}

    public record View(List<AdminNav.Entry> nav, List<Item> tags, List<Item> statuses, List<Item> links, boolean trendableByDefault,
                       String notice) {}

    private final AdminSupport support;
    private final Pages pages;
    private final TrendsService trends;
    private final StatusViews statusViews;

    public AdminTrendPages(BrowserSessions sessions, Pages pages, TrendsService trends, StatusViews statusViews) {
        this.support = new AdminSupport(sessions, pages);
        this.pages = pages;
        this.trends = trends;
        this.statusViews = statusViews;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get(PATH, this::show);
        r.post(PATH + "/{kind}/{id}/approve", ctx -> decide(ctx, true));
        r.post(PATH + "/{kind}/{id}/reject", ctx -> decide(ctx, false));
    }

    private static String state(TrendsService.Reviewed<?> r) { return r.requiresReview() ? "pending" : r.trendable() ? "approved" : "rejected"; }

    private void show(Context ctx) {
        var s = support.viewer(ctx);
        if (s.isEmpty()) return;
        var actor = s.get().actor();
        List<Item> tags = trends.reviewTags(actor, 0, PAGE).stream()
                .map(r -> new Item("tags", r.item().id(), "#" + r.item().name(), "", "/tags/" + r.item().nameKey(), state(r))).toList();
        var statuses = trends.reviewStatuses(actor, 0, PAGE);
        Map<String, StatusEntity> rendered = new HashMap<>();
        for (StatusEntity e : statusViews.renderAll(statuses.stream().map(TrendsService.Reviewed::item).toList(), actor.accountId()))
            rendered.put(e.id(), e);
        List<Item> posts = statuses.stream().map(r -> {
            Status st = r.item();
            StatusEntity e = rendered.get(Long.toString(st.id()));
            String acct = e == null ? "" : e.account().acct();
            String text = e == null || e.content() == null ? "" : HtmlSanitizer.text(e.content());
            if (text.length() > 200) text = text.substring(0, 199) + "…";
            String counts = pages.messages().get("admin.trends.interactions", st.reblogsCount() + st.favouritesCount() + st.repliesCount());
            return new Item("statuses", st.id(), "@" + acct, text.isBlank() ? counts : text + " · " + counts, "/@" + acct + "/" + st.id(), state(r));
        }).toList();
        List<Item> links = trends.reviewLinks(actor, 0, PAGE).stream().map(r -> {
            var c = r.item().card();
            long sharers = r.item().history().stream().mapToLong(TrendsService.DayUse::accounts).sum();
            return new Item("links", c.id(), c.title().isBlank() ? c.url() : c.title(),
                    c.url() + " · " + pages.messages().get("admin.trends.sharers", sharers), c.url(), state(r));
        }).toList();
        String n = ctx.queryParam("notice");
        pages.render(ctx, 200, "admin/trends.jte", support.page(ctx, "trends"), new View(AdminSupport.nav(s.get()), tags, posts, links,
                trends.trendableByDefault(), n != null && NOTICES.contains(n) ? "admin.notice." + n : null));
    }

    private void decide(Context ctx, boolean approve) {
        var s = support.poster(ctx);
        if (s.isEmpty()) return;
        long id = AdminSupport.id(ctx, "id");
        var actor = s.get().actor();
        switch (ctx.pathParam("kind")) {
            case "tags" -> trends.reviewTag(actor, id, approve);
            case "statuses" -> trends.reviewStatus(actor, id, approve);
            case "links" -> trends.reviewLink(actor, id, approve);
            default -> throw new NotFoundException("trend");
        }
        AdminSupport.done(ctx, PATH, approve ? "trend_approved" : "trend_rejected");
    }
}
