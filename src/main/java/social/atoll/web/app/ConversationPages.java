package social.atoll.web.app;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import social.atoll.api.entity.ConversationViews;
import social.atoll.api.entity.StatusViews;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.conversation.AccountConversation;
import social.atoll.core.conversation.ConversationService;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusQueries;
import social.atoll.server.Controller;
import social.atoll.web.BrowserSessions;
import social.atoll.web.Pages;
import social.atoll.web.WebPage;
import social.atoll.web.view.ConversationsView;
import social.atoll.web.view.NotificationCard;
import social.atoll.web.view.StatusCard;
import social.atoll.web.view.TimelineView;

/**
 * Direct messages: {@code /conversations} lists the reader's threads (most recently active first, unread ones
 * marked; the same {@link ConversationService} and {@link ConversationViews} as {@code /api/v1/conversations}), and
 * {@code /conversations/{id}} opens one — the thread around its last post — and marks it read, as opening a
 * conversation does in Mastodon's app.
 */
public final class ConversationPages implements Controller {

    private static final int PAGE = 20;

    private final BrowserSessions sessions;
    private final Pages pages;
    private final ConversationService conversations;
    private final ConversationViews views;
    private final StatusQueries statuses;
    private final StatusViews statusViews;

    public ConversationPages(BrowserSessions sessions, Pages pages, ConversationService conversations, ConversationViews views,
                             StatusQueries statuses, StatusViews statusViews) {
        this.sessions = sessions;
        this.pages = pages;
        this.conversations = conversations;
        this.views = views;
        this.statuses = statuses;
        this.statusViews = statusViews;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/conversations", this::index);
        r.get("/conversations/{id}", this::open);
    }

    private void index(Context ctx) {
        var me = sessions.requireSignedIn(ctx);
        if (me.isEmpty()) return;
        long viewer = me.get().account().id();
        List<AccountConversation> rows = conversations.page(viewer, TimelinePages.range(ctx));
        Instant now = Instant.now();
        List<ConversationsView.Row> out = views.renderAll(rows, viewer).stream().map(c -> new ConversationsView.Row(c.id(), c.unread(),
                c.accounts().stream().map(NotificationCard::person).toList(),
                StatusCard.from(c.lastStatus(), Long.toString(viewer), now, pages.messages()))).toList();
        String older = rows.size() < PAGE ? null : "/conversations?max_id=" + rows.getLast().lastStatusId();
        WebPage page = pages.page(ctx, pages.messages().get("conversations.title"), "conversations");
        pages.render(ctx, 200, "app/conversations.jte", page, new ConversationsView(out, older));
    }

    private void open(Context ctx) {
        var me = sessions.requireSignedIn(ctx);
        if (me.isEmpty()) return;
        long viewer = me.get().account().id();
        AccountConversation c;
        Status last;
        StatusQueries.Thread thread;
        try {
            Long id = TimelinePages.id(ctx.pathParam("id"));
            if (id == null) throw new NotFoundException("conversation");
            c = conversations.markRead(viewer, id);
            last = statuses.visibleById(viewer, c.lastStatusId()).orElseThrow(() -> new NotFoundException("status"));
            thread = statuses.context(viewer, last.id()).orElseThrow(() -> new NotFoundException("status"));
        } catch (NotFoundException e) {
            Forms.notFound(ctx, pages);
            return;
        }
        List<Status> all = new ArrayList<>(thread.ancestors());
        all.add(last);
        all.addAll(thread.descendants());
        List<StatusCard> cards = StatusCard.all(statusViews.renderAll(all, viewer, "thread"), Long.toString(viewer), Instant.now(),
                pages.messages());
        var rendered = views.renderAll(List.of(c), viewer);
        String names = rendered.isEmpty() ? "" : String.join(", ", rendered.getFirst().accounts().stream()
                .map(a -> a.displayName() == null || a.displayName().isBlank() ? a.username() : a.displayName()).toList());
        WebPage page = pages.page(ctx, pages.messages().get("conversations.with", names), "conversations");
        var back = new TimelineView.Link(page.t("conversations.back"), "/conversations", false);
        pages.render(ctx, 200, "app/timeline.jte", page, new TimelineView(page.t("conversations.with", names), cards, null, null, null,
                List.of(back), List.of(), "timeline.empty"));
    }
}
