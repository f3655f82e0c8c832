package social.atoll.web.app;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import social.atoll.api.entity.AccountViews;
import social.atoll.api.entity.StatusEntity;
import social.atoll.api.entity.StatusViews;
import social.atoll.core.common.IdRange;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.interaction.InteractionRequest;
import social.atoll.core.interaction.InteractionRequestService;
import social.atoll.core.status.StatusQueries;
import social.atoll.server.Controller;
import social.atoll.web.BrowserSessions;
import social.atoll.web.Pages;
import social.atoll.web.WebPage;
import social.atoll.web.view.InteractionRequestsView;
import social.atoll.web.view.NotificationCard;
import social.atoll.web.view.StatusCard;

/**
 * {@code /interaction_requests}: the favourites, replies and boosts waiting for the signed-in author's approval (the
 * interaction policies of their posts), each with Approve and Reject ({@code POST /web/interaction_requests/{id}/…}),
 * through the same {@link InteractionRequestService} as GoToSocial's API.
 */
public final class InteractionRequestPages implements Controller {

    private static final int PAGE = 40;

    private final BrowserSessions sessions;
    private final Pages pages;
    private final InteractionRequestService requests;
    private final StatusQueries statuses;
    private final StatusViews views;
    private final AccountViews accounts;

    public InteractionRequestPages(BrowserSessions sessions, Pages pages, InteractionRequestService requests, StatusQueries statuses,
                                   StatusViews views, AccountViews accounts) {
        this.sessions = sessions;
        this.pages = pages;
        this.requests = requests;
        this.statuses = statuses;
        this.views = views;
        this.accounts = accounts;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/interaction_requests", this::index);
        r.post("/web/interaction_requests/{id}/authorize", ctx -> decide(ctx, true));
        r.post("/web/interaction_requests/{id}/reject", ctx -> decide(ctx, false));
    }

    private void index(Context ctx) {
        var me = sessions.requireSignedIn(ctx);
        if (me.isEmpty()) return;
        long viewer = me.get().account().id();
        List<InteractionRequest> rows = requests.pending(viewer, null, List.of("favourite", "reply", "reblog"), IdRange.newest(PAGE)).items();
        // the post each request is about: the held reply itself, else the post favourited or boosted
        Set<Long> shown = new LinkedHashSet<>();
        for (InteractionRequest r : rows) shown.add(shownStatus(r));
        Map<Long, StatusCard> cards = new HashMap<>();
        List<StatusEntity> rendered = views.renderAll(new ArrayList<>(statuses.byIds(shown).values()), viewer);
        for (StatusCard c : StatusCard.all(rendered, Long.toString(viewer), Instant.now(), pages.messages())) cards.put(Long.parseLong(c.id()), c);
        var people = accounts.renderByIds(rows.stream().map(InteractionRequest::accountId).toList());
        List<InteractionRequestsView.Item> items = new ArrayList<>();
        for (InteractionRequest r : rows) {
            var a = people.get(r.accountId());
            StatusCard card = cards.get(shownStatus(r));
            if (a != null && card != null)
                items.add(new InteractionRequestsView.Item(Long.toString(r.id()), NotificationCard.person(a), "interactions.type." + r.type(), card));
        }
        WebPage page = pages.page(ctx, pages.messages().get("interactions.requests.title"), "notifications");
        pages.render(ctx, 200, "app/interaction_requests.jte", page, new InteractionRequestsView(items));
    }

    private static long shownStatus(InteractionRequest r) {
        return "reply".equals(r.type()) && r.interactionStatusId() != null ? r.interactionStatusId() : r.statusId();
    }

    private void decide(Context ctx, boolean accept) {
        var me = Forms.signedInWithCsrf(ctx, sessions, pages);
        if (me.isEmpty()) return;
        Long id = TimelinePages.id(ctx.pathParam("id"));
        try {
            if (id == null) throw new NotFoundException("interaction request");
            if (accept) requests.authorize(me.get(), id);
            else requests.reject(me.get(), id);
        } catch (NotFoundException | social.atoll.core.common.ValidationException e) {
            Forms.notFound(ctx, pages);
            return;
        }
        Forms.done(ctx, pages, "partials/follow_request_done.jte", accept ? "interactions.requests.approved" : "interactions.requests.rejected",
                "/interaction_requests");
    }
}
