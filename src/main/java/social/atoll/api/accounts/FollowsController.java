package social.atoll.api.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import social.atoll.server.ApiException;
import social.atoll.api.Auth;
import social.atoll.server.Controller;
import social.atoll.server.Params;
import social.atoll.api.Viewer;
import social.atoll.api.entity.RelationshipEntity;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountQueries;
import social.atoll.core.follow.FollowOptions;
import social.atoll.core.follow.FollowService;
import social.atoll.core.relationship.RelationshipLookup;

/**
 * Following and the relationships it makes: {@code follow}, {@code unfollow} and {@code relationships}. Each
 * answers with Relationship entities computed in one query for all the accounts asked about.
 */
public final class FollowsController implements Controller {

    private final Auth auth;
    private final ObjectMapper json;
    private final AccountQueries accounts;
    private final FollowService follows;
    private final RelationshipLookup relationships;

    public FollowsController(Auth auth, ObjectMapper json, AccountQueries accounts, FollowService follows,
                             RelationshipLookup relationships) {
        this.auth = auth;
        this.json = json;
        this.accounts = accounts;
        this.follows = follows;
        this.relationships = relationships;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/api/v1/accounts/relationships", this::relationships);
        r.post("/api/v1/accounts/{id}/follow", this::follow);
        r.post("/api/v1/accounts/{id}/unfollow", this::unfollow);
    }

    /**
     * One Relationship per id, in the order asked; unknown ids are skipped, and so are suspended accounts unless
     * {@code with_suspended} is true (Mastodon 4.3).
     */
    private void relationships(Context ctx) {
        Viewer v = auth.requireUser(ctx, "read:follows");
        Params p = Params.from(ctx, json);
        List<Long> ids = AccountPaths.ids(p.list("id"));
        boolean withSuspended = p.bool("with_suspended", false);
        Map<Long, Account> found = accounts.visibleByIds(ids);
        List<Long> kept = ids.stream().filter(id -> found.containsKey(id) && (withSuspended || !found.get(id).suspended())).toList();
        ctx.json(RelationshipEntity.all(relationships.of(v.accountId(), kept).values()));
    }

    /** Options not given keep their value on a repeated follow ({@code reblogs} true and {@code notify} false on a new one). */
    private void follow(Context ctx) {
        Viewer v = auth.requireUser(ctx, "write:follows");
        long targetId = AccountPaths.id(ctx);
        Params p = Params.from(ctx, json);
        JsonNode languages = p.node("languages");
        FollowOptions options = new FollowOptions(p.bool("reblogs").orElse(null), p.bool("notify").orElse(null),
                languages == null || languages.isNull() ? null : p.list("languages"));
        follows.follow(v.accountId(), targetId, options);
        ctx.json(RelationshipEntity.of(relationships.of(v.accountId(), targetId)));
    }

    private void unfollow(Context ctx) {
        Viewer v = auth.requireUser(ctx, "write:follows");
        Account target = AccountPaths.visible(ctx, accounts);
        if (target.id() == v.accountId()) throw ApiException.forbidden();
        follows.unfollow(v.accountId(), target.id());
        ctx.json(RelationshipEntity.of(relationships.of(v.accountId(), target.id())));
    }
}
