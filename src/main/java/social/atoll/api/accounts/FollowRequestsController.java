package social.atoll.api.accounts;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import social.atoll.api.Auth;
import social.atoll.server.Controller;
import social.atoll.api.Page;
import social.atoll.api.Viewer;
import social.atoll.api.entity.AccountViews;
import social.atoll.api.entity.RelationshipEntity;
import social.atoll.config.Settings;
import social.atoll.core.account.AccountQueries;
import social.atoll.core.common.IdRange;
import social.atoll.core.follow.FollowService;
import social.atoll.core.relationship.RelationshipLookup;

/**
 * Pending follow requests to the signed-in (locked) account: the list, paged on the hidden request-row id, and
 * accepting or rejecting one. {@code :id} is the requester's account id; the answer is the relationship to them.
 */
public final class FollowRequestsController implements Controller {

    private final Settings settings;
    private final Auth auth;
    private final AccountQueries accounts;
    private final AccountViews views;
    private final FollowService follows;
    private final RelationshipLookup relationships;

    public FollowRequestsController(Settings settings, Auth auth, AccountQueries accounts, AccountViews views,
                                    FollowService follows, RelationshipLookup relationships) {
        this.settings = settings;
        this.auth = auth;
        this.accounts = accounts;
        this.views = views;
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
        var requests = accounts.followRequests(v.accountId(), new IdRange(page.maxId(), page.sinceId(), page.minId(), page.limit()));
        Page.link(ctx, settings.baseUrl(), requests.cursorIds(), Long::longValue);
        ctx.json(views.renderAll(requests.items()));
    }

    private void decide(Context ctx, boolean accept) {
        Viewer v = auth.requireUser(ctx, "write:follows");
        long requesterId = AccountPaths.id(ctx);
        if (accept) follows.authorize(v.accountId(), requesterId);
        else follows.reject(v.accountId(), requesterId);
        ctx.json(RelationshipEntity.of(relationships.of(v.accountId(), requesterId)));
    }
}
