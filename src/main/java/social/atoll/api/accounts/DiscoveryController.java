package social.atoll.api.accounts;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import social.atoll.api.Page;
import social.atoll.api.Auth;
import social.atoll.server.Controller;
import social.atoll.server.Params;
import social.atoll.api.Viewer;
import social.atoll.api.entity.AccountEntity;
import social.atoll.api.entity.AccountViews;
import social.atoll.core.account.Account;
import social.atoll.core.discovery.DiscoveryService;

/**
 * Finding people: {@code /api/v1/suggestions} (Account[]), {@code /api/v2/suggestions} (Suggestion[]),
 * {@code DELETE /api/v1/suggestions/:id}, {@code /api/v1/directory} (offset-paged) and
 * {@code /api/v1/accounts/familiar_followers?id[]=}.
 */
public final class DiscoveryController implements Controller {

    /** Mastodon's Suggestion (v2). {@code source} is the deprecated single reason. */
    public record SuggestionEntity(String source, List<String> sources, AccountEntity account) {}

    /** Mastodon's FamiliarFollowers. */
    public record FamiliarFollowersEntity(String id, List<AccountEntity> accounts) {}

    private final Auth auth;
    private final ObjectMapper json;
    private final DiscoveryService discovery;
    private final AccountViews views;

    public DiscoveryController(Auth auth, ObjectMapper json, DiscoveryService discovery, AccountViews views) {
        this.auth = auth;
        this.json = json;
        this.discovery = discovery;
        this.views = views;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/api/v1/suggestions", ctx -> {
            Viewer v = auth.requireUser(ctx, "read");
            var list = discovery.suggestions(v.accountId(), limit(ctx, 40, 80));
            ctx.json(views.renderAll(list.stream().map(DiscoveryService.Suggestion::account).toList()));
        });
        r.get("/api/v2/suggestions", ctx -> {
            Viewer v = auth.requireUser(ctx, "read");
            var list = discovery.suggestions(v.accountId(), limit(ctx, 40, 80));
            List<AccountEntity> rendered = views.renderAll(list.stream().map(DiscoveryService.Suggestion::account).toList());
            List<SuggestionEntity> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                List<String> sources = list.get(i).sources();
                out.add(new SuggestionEntity(sources.contains("friends_of_friends") ? "past_interactions" : "global", sources, rendered.get(i)));
            }
            ctx.json(out);
        });
        r.delete("/api/v1/suggestions/{id}", ctx -> {
            Viewer v = auth.requireUser(ctx, "read");
            discovery.dismiss(v.accountId(), AccountPaths.id(ctx));
            ctx.json(Map.of());
        });
        r.get("/api/v1/directory", ctx -> {
            Viewer v = auth.optional(ctx, "read:accounts");
            Params p = Params.from(ctx, json);
            String order = p.string("order").orElse("active");
            int offset = Math.max(0, p.integer("offset").orElse(0));
            ctx.json(views.renderAll(discovery.directory(v.accountId(), p.bool("local", false), "new".equals(order), offset, limit(ctx, 40, 80))));
        });
        r.get("/api/v1/accounts/familiar_followers", ctx -> {
            Viewer v = auth.requireUser(ctx, "read:follows");
            List<Long> ids = AccountPaths.ids(Params.from(ctx, json).list("id"));
            Map<Long, List<Account>> found = discovery.familiarFollowers(v.accountId(), ids);
            List<Account> all = found.values().stream().flatMap(List::stream).distinct().toList();
            Map<Long, AccountEntity> rendered = views.renderByIds(all.stream().map(Account::id).toList());
            List<FamiliarFollowersEntity> out = new ArrayList<>();
            found.forEach((id, accounts) -> out.add(new FamiliarFollowersEntity(Long.toString(id),
                    accounts.stream().map(a -> rendered.get(a.id())).filter(java.util.Objects::nonNull).toList())));
            ctx.json(out);
        });
    }

    /** {@code limit}: the default when absent or 0, clamped to {@code max} (Mastodon's rule). */
    static int limit(Context ctx, int dflt, int max) { return Page.limit(ctx.queryParam("limit"), dflt, max); }
}
