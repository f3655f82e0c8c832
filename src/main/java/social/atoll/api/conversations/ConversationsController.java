package social.atoll.api.conversations;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import social.atoll.server.ApiException;
import social.atoll.api.Auth;
import social.atoll.server.Controller;
import social.atoll.api.Page;
import social.atoll.api.Viewer;
import social.atoll.api.entity.AccountEntity;
import social.atoll.api.entity.AccountViews;
import social.atoll.api.entity.StatusEntity;
import social.atoll.api.entity.StatusViews;
import social.atoll.config.Settings;
import social.atoll.core.common.IdRange;
import social.atoll.core.conversation.AccountConversation;
import social.atoll.core.conversation.ConversationService;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusQueries;

/**
 * {@code /api/v1/conversations}: direct-message threads, most recently active first (paged on the latest status id,
 * as Mastodon does), marked read, or removed from the list.
 */
public final class ConversationsController implements Controller {

    /** Mastodon's Conversation entity. {@code accounts} are the other participants (the caller alone when none). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ConversationEntity(String id, boolean unread, List<AccountEntity> accounts, StatusEntity lastStatus) {}

    private final Settings settings;
    private final Auth auth;
    private final ConversationService conversations;
    private final StatusQueries statuses;
    private final StatusViews statusViews;
    private final AccountViews accountViews;

    public ConversationsController(Settings settings, Auth auth, ConversationService conversations, StatusQueries statuses,
                                   StatusViews statusViews, AccountViews accountViews) {
        this.settings = settings;
        this.auth = auth;
        this.conversations = conversations;
        this.statuses = statuses;
        this.statusViews = statusViews;
        this.accountViews = accountViews;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/api/v1/conversations", this::index);
        r.post("/api/v1/conversations/{id}/read", ctx -> {
            Viewer v = auth.requireUser(ctx, "write:conversations");
            AccountConversation c = conversations.markRead(v.accountId(), id(ctx));
            List<ConversationEntity> out = render(List.of(c), v.accountId());
            if (out.isEmpty()) throw ApiException.notFound();
            ctx.json(out.get(0));
        });
        r.delete("/api/v1/conversations/{id}", ctx -> {
            Viewer v = auth.requireUser(ctx, "write:conversations");
            conversations.remove(v.accountId(), id(ctx));
            ctx.json(Map.of());
        });
    }

    private void index(Context ctx) {
        Viewer v = auth.requireUser(ctx, "read:statuses");
        Page page = Page.from(ctx, 20);
        List<AccountConversation> rows = conversations.page(v.accountId(), new IdRange(page.maxId(), page.sinceId(), page.minId(), page.limit()));
        Page.link(ctx, settings.baseUrl(), rows, AccountConversation::lastStatusId);
        ctx.json(render(rows, v.accountId()));
    }

    /** One of the account's conversations as streaming sends it ({@code conversation} events); empty if gone. */
    public java.util.Optional<ConversationEntity> entity(long viewerId, long conversationId) {
        AccountConversation c;
        try {
            c = conversations.own(viewerId, conversationId);
        } catch (RuntimeException notFound) {
            return java.util.Optional.empty();
        }
        List<ConversationEntity> out = render(List.of(c), viewerId);
        return out.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(out.get(0));
    }

    /** Renders a page with one query per kind (statuses, accounts); a conversation whose last status is gone is skipped. */
    private List<ConversationEntity> render(List<AccountConversation> rows, long viewerId) {
        List<Status> last = statuses.visible(viewerId, rows.stream().map(AccountConversation::lastStatusId).toList());
        Map<Long, StatusEntity> rendered = new HashMap<>();
        for (StatusEntity e : statusViews.renderAll(last, viewerId)) rendered.put(Long.parseLong(e.id()), e);
        Set<Long> accountIds = new HashSet<>();
        accountIds.add(viewerId);
        rows.forEach(c -> accountIds.addAll(c.participantIds()));
        Map<Long, AccountEntity> accounts = accountViews.renderByIds(accountIds);
        List<ConversationEntity> out = new ArrayList<>(rows.size());
        for (AccountConversation c : rows) {
            StatusEntity status = rendered.get(c.lastStatusId());
            if (status == null) continue;
            List<AccountEntity> others = new ArrayList<>();
            for (Long id : c.participantIds()) {
                AccountEntity a = accounts.get(id);
                if (a != null) others.add(a);
            }
            if (others.isEmpty() && accounts.get(viewerId) != null) others.add(accounts.get(viewerId));
            out.add(new ConversationEntity(Long.toString(c.id()), c.unread(), others, status));
        }
        return out;
    }

    private static long id(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id").trim());
        } catch (NumberFormatException e) {
            throw ApiException.notFound();
        }
    }
}
