package social.atoll.api.accounts;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import social.atoll.api.Auth;
import social.atoll.server.Controller;
import social.atoll.server.Params;
import social.atoll.api.Viewer;
import social.atoll.api.entity.RelationshipEntity;
import social.atoll.core.account.AccountQueries;
import social.atoll.core.follow.FollowService;
import social.atoll.core.relationship.RelationshipLookup;
import social.atoll.core.relationship.AccountNoteService;

/**
 * The viewer's private marks on another account: {@code POST /api/v1/accounts/:id/note} ({@code comment}, blank
 * clears) and {@code POST /api/v1/accounts/:id/remove_from_followers}. Both answer with the Relationship.
 */
public final class AccountNotesController implements Controller {

    private final Auth auth;
    private final ObjectMapper json;
    private final AccountQueries accounts;
    private final AccountNoteService notes;
    private final FollowService follows;
    private final RelationshipLookup relationships;

    public AccountNotesController(Auth auth, ObjectMapper json, AccountQueries accounts, AccountNoteService notes,
                                  FollowService follows, RelationshipLookup relationships) {
        this.auth = auth;
        this.json = json;
        this.accounts = accounts;
        this.notes = notes;
        this.follows = follows;
        this.relationships = relationships;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.post("/api/v1/accounts/{id}/note", ctx -> {
            Viewer v = auth.requireUser(ctx, "write:accounts");
            long target = AccountPaths.id(ctx);
            notes.set(v.accountId(), target, Params.from(ctx, json).rawString("comment").orElse(""));
            ctx.json(RelationshipEntity.of(relationships.of(v.accountId(), target)));
        });
        r.post("/api/v1/accounts/{id}/remove_from_followers", ctx -> {
            Viewer v = auth.requireUser(ctx, "write:follows");
            long target = AccountPaths.visible(ctx, accounts).id();
            follows.unfollow(target, v.accountId());
            ctx.json(RelationshipEntity.of(relationships.of(v.accountId(), target)));
        });
    }
}
