package social.atoll.api.accounts;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import social.atoll.api.Auth;
import social.atoll.server.Controller;
import social.atoll.api.Page;
import social.atoll.api.Viewer;
import social.atoll.api.entity.AccountViews;
import social.atoll.api.entity.RelationshipEntity;
import social.atoll.config.Settings;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountQueries;
import social.atoll.core.common.IdRange;
import social.atoll.core.relationship.RelationshipLookup;
import social.atoll.core.relationship.EndorsementService;
import social.atoll.core.relationship.RelationshipQueries;

/**
 * Featured accounts: {@code POST /api/v1/accounts/:id/endorse|unendorse} (and the older {@code pin|unpin}),
 * {@code GET /api/v1/endorsements} (the viewer's) and {@code GET /api/v1/accounts/:id/endorsements} (anyone's,
 * unless they hide their collections). Lists page on the hidden row id.
 */
public final class EndorsementsController implements Controller {

    private final Settings settings;
    private final Auth auth;
    private final AccountQueries accounts;
    private final EndorsementService endorsements;
    private final RelationshipQueries lists;
    private final RelationshipLookup relationships;
    private final AccountViews views;

    public EndorsementsController(Settings settings, Auth auth, AccountQueries accounts, EndorsementService endorsements,
                                  RelationshipQueries lists, RelationshipLookup relationships, AccountViews views) {
        this.settings = settings;
        this.auth = auth;
        this.accounts = accounts;
        this.endorsements = endorsements;
        this.lists = lists;
        this.relationships = relationships;
        this.views = views;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/api/v1/endorsements", ctx -> {
            Viewer v = auth.requireUser(ctx, "read:accounts");
            send(ctx, v.accountId());
        });
        r.get("/api/v1/accounts/{id}/endorsements", ctx -> {
            auth.optional(ctx, "read:accounts");
            Account owner = AccountPaths.visible(ctx, accounts);
            if (owner.suspended() || owner.hideCollections()) {
                ctx.json(List.of());
                return;
            }
            send(ctx, owner.id());
        });
        for (String verb : List.of("endorse", "pin")) r.post("/api/v1/accounts/{id}/" + verb, ctx -> change(ctx, true));
        for (String verb : List.of("unendorse", "unpin")) r.post("/api/v1/accounts/{id}/" + verb, ctx -> change(ctx, false));
    }

    private void change(Context ctx, boolean endorse) {
        Viewer v = auth.requireUser(ctx, "write:accounts");
        long target = AccountPaths.id(ctx);
        if (endorse) endorsements.endorse(v.accountId(), target);
        else endorsements.unendorse(v.accountId(), target);
        ctx.json(RelationshipEntity.of(relationships.of(v.accountId(), target)));
    }

    private void send(Context ctx, long ownerId) {
        Page page = Page.from(ctx, 40);
        var endorsed = lists.endorsements(ownerId, new IdRange(page.maxId(), page.sinceId(), page.minId(), page.limit()));
        Page.link(ctx, settings.baseUrl(), endorsed.cursorIds(), Long::longValue);
        ctx.json(views.renderAll(endorsed.items()));
    }
}
