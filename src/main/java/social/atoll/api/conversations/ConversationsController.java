package social.atoll.api.conversations;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import social.atoll.server.ApiException;
import social.atoll.api.Auth;
import social.atoll.server.Controller;
import social.atoll.api.Page;
import social.atoll.api.Viewer;
import social.atoll.api.entity.ConversationViews;
import social.atoll.api.entity.ConversationViews.ConversationEntity;
import social.atoll.config.Settings;
import social.atoll.core.common.IdRange;
import social.atoll.core.conversation.AccountConversation;
import social.atoll.core.conversation.ConversationService;

/**
 * {@code /api/v1/conversations}: direct-message threads, most recently active first (paged on the latest status id,
 * as Mastodon does), marked read, or removed from the list.
 */
public final class ConversationsController implements Controller {

    private final Settings settings;
    private final Auth auth;
    private final ConversationService conversations;
    private final ConversationViews views;

    public ConversationsController(Settings settings, Auth auth, ConversationService conversations, ConversationViews views) {
        this.settings = settings;
        this.auth = auth;
        this.conversations = conversations;
        this.views = views;
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

    private List<ConversationEntity> render(List<AccountConversation> rows, long viewerId) { return views.renderAll(rows, viewerId); }

    private static long id(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id").trim());
        } catch (NumberFormatException e) {
            throw ApiException.notFound();
        }
    }
}
