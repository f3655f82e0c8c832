package social.atoll.web.app;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import social.atoll.api.entity.AccountViews;
import social.atoll.api.entity.NotificationViews;
import social.atoll.core.common.IdRange;
import social.atoll.core.notification.Notification;
import social.atoll.core.notification.NotificationRequest;
import social.atoll.core.notification.NotificationRequests;
import social.atoll.core.notification.NotificationService;
import social.atoll.server.Controller;
import social.atoll.web.BrowserSessions;
import social.atoll.web.Pages;
import social.atoll.web.WebPage;
import social.atoll.web.view.NotificationCard;
import social.atoll.web.view.NotificationRequestsView;

/**
 * {@code /notifications/requests}: the notifications the reader's policy filtered, one request per sender (Mastodon
 * 4.3), and {@code /notifications/requests/{id}}: one sender's filtered notifications. Accepting
 * ({@code POST /web/notification_requests/{id}/accept}) brings them into the notifications and lets the sender through
 * from then on; dismissing throws them away. The same {@link NotificationRequests} calls as the API.
 */
public final class NotificationRequestPages implements Controller {

    private static final int PAGE = 20;

    private final BrowserSessions sessions;
    private final Pages pages;
    private final NotificationRequests requests;
    private final NotificationService notifications;
    private final NotificationViews views;
    private final AccountViews accounts;

    public NotificationRequestPages(BrowserSessions sessions, Pages pages, NotificationRequests requests, NotificationService notifications,
                                    NotificationViews views, AccountViews accounts) {
        this.sessions = sessions;
        this.pages = pages;
        this.requests = requests;
        this.notifications = notifications;
        this.views = views;
        this.accounts = accounts;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/notifications/requests", this::index);
        r.get("/notifications/requests/{id}", this::one);
        r.post("/web/notification_requests/{id}/accept", ctx -> decide(ctx, true));
        r.post("/web/notification_requests/{id}/dismiss", ctx -> decide(ctx, false));
    }

    private void index(Context ctx) {
        var me = sessions.requireSignedIn(ctx);
        if (me.isEmpty()) return;
        long viewer = me.get().account().id();
        List<NotificationRequest> rows = requests.page(viewer, new IdRange(TimelinePages.id(ctx.queryParam("max_id")), null, null, PAGE));
        List<NotificationRequestsView.Item> items = items(rows);
        String older = rows.size() < PAGE ? null : "/notifications/requests?max_id=" + rows.getLast().id();
        WebPage page = pages.page(ctx, pages.messages().get("notification_requests.title"), "notifications");
        pages.render(ctx, 200, "app/notification_requests.jte", page, new NotificationRequestsView(items, older, null, List.of()));
    }

    private void one(Context ctx) {
        var me = sessions.requireSignedIn(ctx);
        if (me.isEmpty()) return;
        long viewer = me.get().account().id();
        Long id = TimelinePages.id(ctx.pathParam("id"));
        NotificationRequest request = id == null ? null : requests.find(viewer, id).orElse(null);
        List<NotificationRequestsView.Item> item = request == null ? List.of() : items(List.of(request));
        if (item.isEmpty()) {
            Forms.notFound(ctx, pages);
            return;
        }
        // narrowed to the sender, the list includes what was filtered (as Mastodon's account_id does)
        List<Notification> rows = notifications.page(viewer, List.of(), List.of(), request.fromAccountId(), true, IdRange.newest(40));
        List<NotificationCard> cards = NotificationCard.all(views.renderAll(rows, viewer), Long.toString(viewer), Set.of(), Instant.now(),
                pages.messages());
        WebPage page = pages.page(ctx, pages.messages().get("notification_requests.one_title", item.getFirst().person().displayName()), "notifications");
        pages.render(ctx, 200, "app/notification_requests.jte", page, new NotificationRequestsView(List.of(), null, item.getFirst(), cards));
    }

    private List<NotificationRequestsView.Item> items(List<NotificationRequest> rows) {
        var rendered = accounts.renderByIds(rows.stream().map(NotificationRequest::fromAccountId).toList());
        List<NotificationRequestsView.Item> out = new ArrayList<>();
        for (NotificationRequest r : rows) {
            var a = rendered.get(r.fromAccountId());
            if (a != null) out.add(new NotificationRequestsView.Item(Long.toString(r.id()), NotificationCard.person(a), r.notificationsCount()));
        }
        return out;
    }

    private void decide(Context ctx, boolean accept) {
        var me = Forms.signedInWithCsrf(ctx, sessions, pages);
        if (me.isEmpty()) return;
        Long id = TimelinePages.id(ctx.pathParam("id"));
        boolean done = id != null && (accept ? requests.accept(me.get(), id) : requests.dismiss(me.get(), id));
        if (!done) {
            Forms.notFound(ctx, pages);
            return;
        }
        Forms.done(ctx, pages, "partials/follow_request_done.jte",
                accept ? "notification_requests.accepted" : "notification_requests.dismissed", "/notifications/requests");
    }
}
