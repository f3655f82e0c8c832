package social.atoll.api.accounts;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import social.atoll.api.Auth;
import social.atoll.server.Controller;
import social.atoll.api.Page;
import social.atoll.server.Params;
import social.atoll.api.Viewer;
import social.atoll.config.Settings;
import social.atoll.core.common.IdRange;
import social.atoll.core.relationship.DomainBlockService;
import social.atoll.core.relationship.RelationshipQueries;

/** {@code /api/v1/domain_blocks}: a user's blocked domains (strings, paged on the hidden row id), add, remove. */
public final class DomainBlocksController implements Controller {

    private final Settings settings;
    private final Auth auth;
    private final ObjectMapper json;
    private final DomainBlockService domainBlocks;
    private final RelationshipQueries lists;

    public DomainBlocksController(Settings settings, Auth auth, ObjectMapper json, DomainBlockService domainBlocks, RelationshipQueries lists) {
        this.settings = settings;
        this.auth = auth;
        this.json = json;
        this.domainBlocks = domainBlocks;
        this.lists = lists;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/api/v1/domain_blocks", this::list);
        r.post("/api/v1/domain_blocks", ctx -> {
            Viewer v = auth.requireUser(ctx, "write:blocks");
            domainBlocks.block(v.accountId(), Params.from(ctx, json).require("domain"));
            ctx.json(Map.of());
        });
        r.delete("/api/v1/domain_blocks", ctx -> {
            Viewer v = auth.requireUser(ctx, "write:blocks");
            domainBlocks.unblock(v.accountId(), Params.from(ctx, json).require("domain"));
            ctx.json(Map.of());
        });
    }

    private void list(Context ctx) {
        Viewer v = auth.requireUser(ctx, "read:blocks");
        Page page = Page.from(ctx, 100);
        var domains = lists.domainBlocks(v.accountId(), new IdRange(page.maxId(), page.sinceId(), page.minId(), page.limit()));
        Page.link(ctx, settings.baseUrl(), domains.cursorIds(), Long::longValue);
        ctx.json(domains.items());
    }
}
