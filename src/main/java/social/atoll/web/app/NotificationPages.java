package social.atoll.web.app;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import social.atoll.api.entity.AccountViews;
import social.atoll.api.entity.NotificationViews;
import social.atoll.core.account.AccountQueries;
import social.atoll.core.common.IdRange;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.follow.FollowService;
import social.atoll.core.notification.Notification;
import social.atoll.core.notification.NotificationService;
import social.atoll.server.Controller;
import social.atoll.web.BrowserSessions;
import social.atoll.web.Pages;
import social.atoll.web.WebPage;
import social.atoll.web.view.NotificationCard;
import social.atoll.web.view.NotificationsView;
import social.atoll.web.view.StatusCard;
import social.atoll.web.view.TimelineView;

/**
 * {@code /notifications}: what happened to the reader (all, or only mentions), newest first with paging on
 * {@code max_id}, new ones live over the {@code user:notification} stream; the follow requests waiting for an
 * answer, accepted or rejected with {@code POST /web/follow_requests/{id}/authorize|reject} (the same
 * {@link FollowService} calls as the API). {@code GET /web/notifications/{id}/card} renders one for the live bar.
 */
public final class NotificationPages implements Controller {

    static final int PAGE = 20;
    private static final int REQUESTS = 40;

    private final BrowserSessions sessions;
    private final Pages pages;
    private final NotificationService notifications;
    private final NotificationViews views;
    private final AccountQueries accounts;
    private final AccountViews accountViews;
    private final FollowService follows;
    private final social.atoll.core.notification.NotificationRequests filtered;

    public NotificationPages(BrowserSessions sessions, Pages pages, NotificationService notifications, NotificationViews views,
                             AccountQueries accounts, AccountViews accountViews, FollowService follows,
                             social.atoll.core.notification.NotificationRequests filtered) {
        this.filtered = filtered;
        this.sessions = sessions;
        this.pages = pages;
        this.notifications = notifications;
        this.views = views;
        this.accounts = accounts;
        this.accountViews = accountViews;
        this.follows = follows;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/notifications", this::index);
        r.get("/web/notifications/{id}/card", this::card);
        r.post("/web/follow_requests/{id}/authorize", ctx -> decide(ctx, true));
        r.post("/web/follow_requests/{id}/reject", ctx -> decide(ctx, false));
    }

    private void index(Context ctx) {
        var me = sessions.requireSignedIn(ctx);
        if (me.isEmpty()) return;
        long viewer = me.get().account().id();
        boolean mentions = "mentions".equals(ctx.queryParam("filter"));
        List<Notification> rows = notifications.page(viewer, mentions ? List.of(Notification.MENTION) : List.of(), List.of(), null,
                TimelinePages.range(ctx));
        List<StatusCard.Author> requests = accountViews.renderAll(accounts.followRequests(viewer, new IdRange(null, null, null, REQUESTS)).items())
                .stream().map(NotificationCard::person).toList();
        Set<String> pending = new HashSet<>();
        requests.forEach(a -> pending.add(a.id()));
        WebPage page = pages.page(ctx, pages.messages().get("notifications.title"), "notifications");
        List<NotificationCard> cards = NotificationCard.all(views.renderAll(rows, viewer), Long.toString(viewer), pending, Instant.now(),
                pages.messages());
        String base = mentions ? "/notifications?filter=mentions&" : "/notifications?";
        String older = rows.size() < PAGE ? null : base + "max_id=" + rows.getLast().id();
        var tabs = List.of(new TimelineView.Link(page.t("notifications.all"), "/notifications", !mentions),
                new TimelineView.Link(page.t("notifications.mentions"), "/notifications?filter=mentions", mentions));
        pages.render(ctx, 200, "app/notifications.jte", page, new NotificationsView(requests, tabs, cards, older, !mentions,
                filtered.summary(viewer).pendingNotificationsCount()));
    }

    private void card(Context ctx) {
        var me = sessions.current(ctx);
        Long id = TimelinePages.id(ctx.pathParam("id"));
        if (me.isEmpty() || id == null) {
            ctx.status(404).result("");
            return;
        }
        long viewer = me.get().account().id();
        var rendered = notifications.own(viewer, id).map(n -> views.renderAll(List.of(n), viewer)).orElse(List.of());
        if (rendered.isEmpty()) {
            ctx.status(404).result("");
            return;
        }
        Set<String> pending = new HashSet<>();
        if ("follow_request".equals(rendered.getFirst().type()))
            accounts.followRequests(viewer, new IdRange(null, null, null, REQUESTS)).items().forEach(a -> pending.add(Long.toString(a.id())));
        WebPage page = pages.page(ctx, null, null);
        NotificationCard card = NotificationCard.from(rendered.getFirst(), Long.toString(viewer), pending, Instant.now(), pages.messages());
        ctx.header("Cache-Control", "private, no-store").contentType("text/html; charset=utf-8")
                .result(pages.fragment("partials/notification_fragment.jte", page, card));
    }

    private void decide(Context ctx, boolean accept) {
        var me = Forms.signedInWithCsrf(ctx, sessions, pages);
        if (me.isEmpty()) return;
        Long requester = TimelinePages.id(ctx.pathParam("id"));
        try {
            if (requester == null) throw new NotFoundException("follow request");
            if (accept) follows.authorize(me.get(), requester);
            else follows.reject(me.get(), requester);
        } catch (NotFoundException e) {
            Forms.notFound(ctx, pages);
            return;
        }
        Forms.done(ctx, pages, "partials/follow_request_done.jte", accept ? "follow_requests.accepted" : "follow_requests.rejected", "/notifications");
    }
}
