package social.atoll.api.statuses;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import social.atoll.api.Auth;
import social.atoll.api.Viewer;
import social.atoll.api.entity.AccountEntity;
import social.atoll.api.entity.AccountViews;
import social.atoll.api.entity.EmojiViews;
import social.atoll.api.entity.StatusViews;
import social.atoll.core.emoji.ReactionService;
import social.atoll.server.Controller;

/**
 * Emoji reactions as Akkoma and Pleroma serve them: {@code PUT}/{@code DELETE /api/v1/pleroma/statuses/:id/reactions/:emoji}
 * answer the status (its {@code pleroma.emoji_reactions} updated), {@code GET …/reactions[/:emoji]} who reacted how.
 */
public final class ReactionsController implements Controller {

    /** One reaction name and the accounts behind it, as Akkoma lists them. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ReactionEntity(String name, int count, boolean me, @JsonInclude(JsonInclude.Include.NON_NULL) String url,
                                 List<AccountEntity> accounts) {}

    private final Auth auth;
    private final ReactionService reactions;
    private final StatusViews views;
    private final AccountViews accounts;
    private final EmojiViews emojis;

    public ReactionsController(Auth auth, ReactionService reactions, StatusViews views, AccountViews accounts, EmojiViews emojis) {
        this.auth = auth;
        this.reactions = reactions;
        this.views = views;
        this.accounts = accounts;
        this.emojis = emojis;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.put("/api/v1/pleroma/statuses/{id}/reactions/{emoji}", ctx -> {
            Viewer v = auth.requireUser(ctx, "write:statuses");
            ctx.json(views.render(reactions.react(v.accountId(), StatusesController.id(ctx.pathParam("id")), ctx.pathParam("emoji")), v.accountId()));
        });
        r.delete("/api/v1/pleroma/statuses/{id}/reactions/{emoji}", ctx -> {
            Viewer v = auth.requireUser(ctx, "write:statuses");
            ctx.json(views.render(reactions.unreact(v.accountId(), StatusesController.id(ctx.pathParam("id")), ctx.pathParam("emoji")), v.accountId()));
        });
        r.get("/api/v1/pleroma/statuses/{id}/reactions", ctx -> list(ctx, null));
        r.get("/api/v1/pleroma/statuses/{id}/reactions/{emoji}", ctx -> list(ctx, ctx.pathParam("emoji")));
    }

    private void list(Context ctx, String emoji) {
        Viewer v = auth.optional(ctx, "read:statuses");
        Long viewer = v.accountId();
        Map<ReactionService.Summary, List<Long>> found = reactions.accounts(viewer, StatusesController.id(ctx.pathParam("id")), emoji);
        Set<Long> ids = new HashSet<>();
        found.values().forEach(ids::addAll);
        Map<Long, AccountEntity> rendered = accounts.renderByIds(ids);
        List<ReactionEntity> out = new ArrayList<>();
        found.forEach((s, accountIds) -> {
            List<AccountEntity> list = accountIds.stream().map(rendered::get).filter(java.util.Objects::nonNull).toList();
            out.add(new ReactionEntity(s.name(), s.count(), s.me(), emojis.url(s.emoji()), list));
        });
        ctx.json(out);
    }
}
