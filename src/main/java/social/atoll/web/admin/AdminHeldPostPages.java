package social.atoll.web.admin;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import social.atoll.api.entity.StatusEntity;
import social.atoll.api.entity.StatusViews;
import social.atoll.core.moderation.HeldPost;
import social.atoll.core.moderation.HeldPosts;
import social.atoll.core.status.StatusQueries;
import social.atoll.core.text.HtmlSanitizer;
import social.atoll.server.Controller;
import social.atoll.web.BrowserSessions;
import social.atoll.web.Pages;
import social.atoll.web.view.Times;

/**
 * {@code /admin/held_posts}: remote posts held by the spam defence ({@link HeldPosts}: a new account mentioning
 * several people here it has no relation with), each with its author, its text and how many people it mentions;
 * releasing one delivers its mention notifications, discarding drops them, and the author's account page is one
 * link away for a suspension or a limit. {@code manage_reports}, audited.
 */
public final class AdminHeldPostPages implements Controller {

    static final String PATH = "/admin/held_posts";
    static final int PAGE = 40;
    private static final Set<String> NOTICES = Set.of("held_released", "held_discarded");

    /** One held post as the queue shows it. */
    public record Item(long statusId, long accountId, String acct, String href, String text, int mentions, String heldAt, String heldText) {}

    public record View(List<AdminNav.Entry> nav, List<Item> posts, String older, String notice) {}

    private final AdminSupport support;
    private final Pages pages;
    private final HeldPosts held;
    private final StatusQueries statuses;
    private final StatusViews statusViews;

    public AdminHeldPostPages(BrowserSessions sessions, Pages pages, HeldPosts held, StatusQueries statuses, StatusViews statusViews) {
        this.support = new AdminSupport(sessions, pages);
        this.pages = pages;
        this.held = held;
        this.statuses = statuses;
        this.statusViews = statusViews;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get(PATH, this::list);
        r.post(PATH + "/{id}/release", ctx -> decide(ctx, true));
        r.post(PATH + "/{id}/discard", ctx -> decide(ctx, false));
    }

    private void list(Context ctx) {
        var s = support.viewer(ctx);
        if (s.isEmpty()) return;
        var actor = s.get().actor();
        List<HeldPost> list = held.list(actor, AdminSupport.queryId(ctx, "max_id"), PAGE);
        Map<String, StatusEntity> rendered = new HashMap<>();
        var rows = statuses.byIds(list.stream().map(HeldPost::statusId).toList());
        for (StatusEntity e : statusViews.renderAll(List.copyOf(rows.values()), actor.accountId())) rendered.put(e.id(), e);
        Instant now = Instant.now();
        List<Item> items = new ArrayList<>();
        for (HeldPost p : list) {
            StatusEntity e = rendered.get(Long.toString(p.statusId()));
            String acct = e == null ? "" : e.account().acct();
            String text = e == null || e.content() == null ? "" : HtmlSanitizer.text(e.content());
            if (text.length() > 500) text = text.substring(0, 499) + "…";
            items.add(new Item(p.statusId(), p.accountId(), acct, "/@" + acct + "/" + p.statusId(), text, p.mentions(),
                    p.createdAt().toString(), Times.relative(p.createdAt(), now, pages.messages())));
        }
        String older = list.size() < PAGE ? null : PATH + "?max_id=" + list.get(list.size() - 1).statusId();
        String n = ctx.queryParam("notice");
        pages.render(ctx, 200, "admin/held_posts.jte", support.page(ctx, "held"), new View(AdminSupport.nav(s.get()), items, older,
                n != null && NOTICES.contains(n) ? "admin.notice." + n : null));
    }

    private void decide(Context ctx, boolean release) {
        var s = support.poster(ctx);
        if (s.isEmpty()) return;
        long id = AdminSupport.id(ctx, "id");
        if (release) held.release(s.get().actor(), id);
        else held.discard(s.get().actor(), id);
        AdminSupport.done(ctx, PATH, release ? "held_released" : "held_discarded");
    }
}
