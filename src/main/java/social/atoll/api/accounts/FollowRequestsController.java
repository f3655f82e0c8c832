package social.atoll.api.accounts;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import social.atoll.api.Auth;
import social.atoll.server.Controller;
import social.atoll.api.Page;
import social.atoll.api.Viewer;
import social.atoll.api.entity.AccountViews;
import social.atoll.api.entity.RelationshipEntity;
import social.atoll.config.Settings;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountStore;
import social.atoll.core.common.IdRange;
import social.atoll.core.follow.FollowService;
import social.atoll.core.follow.FollowStore;
import social.atoll.core.relationship.RelationshipLookup;

/**
 * Pending follow requests to the signed-in (locked) account: the list, paged on the hidden request-row id, and
 * accepting or rejecting one. {@code :id} is the requester's account id; the answer is the relationship to them.
 */
public final class FollowRequestsController implements Controller {

    private final Settings settings;
    private final Auth auth;
    private final AccountStore accounts;
    private final AccountViews views;
    private final FollowStore store;
    private final FollowService follows;
    private final RelationshipLookup relationships;

    public FollowRequestsController(Settings settings, Auth auth, AccountStore accounts, AccountViews views,
                                    FollowStore store, FollowService follows, RelationshipLookup relationships) {
        this.settings = settings;
        this.auth = auth;
        this.accounts = accounts;
        this.views = views;
        this.store = store;
        this.follows = follows;
        this.relationships = relationships;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/api/v1/follow_requests", this::list);
        r.post("/api/v1/follow_requests/{id}/authorize", ctx -> decide(ctx, true));
        r.post("/api/v1/follow_requests/{id}/reject", ctx -> decide(ctx, false));
    }

    private void list(Context ctx) {
        Viewer v = auth.requireUser(ctx, "read:follows");
        Page page = Page.from(ctx, 40);
        List<FollowStore.Edge> edges = store.requests(v.accountId(),
                new IdRange(page.maxId(), page.sinceId(), page.minId(), page.limit()));
        Map<Long, Account> found = accounts.byIds(edges.stream().map(FollowStore.Edge::accountId).toList());
        List<Account> ordered = new ArrayList<>();
        for (FollowStore.Edge e : edges) if (found.containsKey(e.accountId())) ordered.add(found.get(e.accountId()));
        Page.link(ctx, settings.baseUrl(), edges, FollowStore.Edge::rowId);
        ctx.json(views.renderAll(ordered));
    }

    private void decide(Context ctx, boolean accept) {
        Viewer v = auth.requireUser(ctx, "write:follows");
        long requesterId = AccountPaths.id(ctx);
        if (accept) follows.authorize(v.accountId(), requesterId);
        else follows.reject(v.accountId(), requesterId);
        ctx.json(RelationshipEntity.of(relationships.of(v.accountId(), requesterId)));
    }
}
