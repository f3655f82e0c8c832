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
import social.atoll.api.entity.AccountEntity;
import social.atoll.api.entity.AccountViews;
import social.atoll.api.entity.RelationshipEntity;
import social.atoll.config.Settings;
import social.atoll.core.common.IdRange;
import social.atoll.core.relationship.RelationshipLookup;
import social.atoll.core.relationship.BlockService;
import social.atoll.core.relationship.RelationshipStore;

/** {@code POST /api/v1/accounts/:id/block|unblock} and {@code GET /api/v1/blocks} (paged on the hidden block-row id). */
public final class BlocksController implements Controller {

    private final Settings settings;
    private final Auth auth;
    private final BlockService blocks;
    private final RelationshipStore store;
    private final RelationshipLookup relationships;
    private final AccountViews views;

    public BlocksController(Settings settings, Auth auth, BlockService blocks, RelationshipStore store,
                            RelationshipLookup relationships, AccountViews views) {
        this.settings = settings;
        this.auth = auth;
        this.blocks = blocks;
        this.store = store;
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
        List<RelationshipStore.Edge> edges = store.blocks(v.accountId(), new IdRange(page.maxId(), page.sinceId(), page.minId(), page.limit()));
        Page.link(ctx, settings.baseUrl(), edges, RelationshipStore.Edge::rowId);
        ctx.json(inOrder(views, edges.stream().map(RelationshipStore.Edge::accountId).toList()));
    }

    /** Renders accounts by id in the given order (one query), skipping any that vanished. */
    static List<AccountEntity> inOrder(AccountViews views, List<Long> ids) {
        Map<Long, AccountEntity> rendered = views.renderByIds(ids);
        List<AccountEntity> out = new ArrayList<>(ids.size());
        for (Long id : ids) if (rendered.containsKey(id)) out.add(rendered.get(id));
        return out;
    }
}
