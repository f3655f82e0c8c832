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
import social.atoll.core.common.IdRange;
import social.atoll.core.relationship.RelationshipLookup;
import social.atoll.core.relationship.BlockService;
import social.atoll.core.relationship.RelationshipQueries;

/** {@code POST /api/v1/accounts/:id/block|unblock} and {@code GET /api/v1/blocks} (paged on the hidden block-row id). */
public final class BlocksController implements Controller {

    private final Settings settings;
    private final Auth auth;
    private final BlockService blocks;
    private final RelationshipQueries lists;
    private final RelationshipLookup relationships;
    private final AccountViews views;

    public BlocksController(Settings settings, Auth auth, BlockService blocks, RelationshipQueries lists,
                            RelationshipLookup relationships, AccountViews views) {
        this.settings = settings;
        this.auth = auth;
        this.blocks = blocks;
        this.lists = lists;
        this.relationships = relationships;
        this.views = views;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/api/v1/blocks", this::list);
        r.post("/api/v1/accounts/{id}/block", ctx -> change(ctx, true));
        r.post("/api/v1/accounts/{id}/unblock", ctx -> change(ctx, false));
    }

    private void change(Context ctx, boolean block) {
        Viewer v = auth.requireUser(ctx, "write:blocks");
        long target = AccountPaths.id(ctx);
        if (block) blocks.block(v.accountId(), target);
        else blocks.unblock(v.accountId(), target);
        ctx.json(RelationshipEntity.of(relationships.of(v.accountId(), target)));
    }

    private void list(Context ctx) {
        Viewer v = auth.requireUser(ctx, "read:blocks");
        Page page = Page.from(ctx, 40);
        var blocked = lists.blocks(v.accountId(), new IdRange(page.maxId(), page.sinceId(), page.minId(), page.limit()));
        Page.link(ctx, settings.baseUrl(), blocked.cursorIds(), Long::longValue);
        ctx.json(views.renderAll(blocked.items()));
    }
}
