package social.atoll.api.accounts;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import social.atoll.api.Auth;
import social.atoll.server.Controller;
import social.atoll.api.Page;
import social.atoll.server.Params;
import social.atoll.api.Viewer;
import social.atoll.api.entity.AccountViews;
import social.atoll.api.entity.Dates;
import social.atoll.api.entity.MutedAccountEntity;
import social.atoll.api.entity.RelationshipEntity;
import social.atoll.config.Settings;
import social.atoll.core.common.IdRange;
import social.atoll.core.common.Paged;
import social.atoll.core.relationship.RelationshipLookup;
import social.atoll.core.relationship.MuteService;
import social.atoll.core.relationship.RelationshipQueries;

/**
 * {@code POST /api/v1/accounts/:id/mute|unmute} ({@code notifications} default true, {@code duration} in seconds,
 * 0 = forever) and {@code GET /api/v1/mutes} (MutedAccount entities, paged on the hidden mute-row id).
 */
public final class MutesController implements Controller {

    private final Settings settings;
    private final Auth auth;
    private final ObjectMapper json;
    private final MuteService mutes;
    private final RelationshipQueries lists;
    private final RelationshipLookup relationships;
    private final AccountViews views;

    public MutesController(Settings settings, Auth auth, ObjectMapper json, MuteService mutes, RelationshipQueries lists,
                           RelationshipLookup relationships, AccountViews views) {
        this.settings = settings;
        this.auth = auth;
        this.json = json;
        this.mutes = mutes;
        this.lists = lists;
        this.relationships = relationships;
        this.views = views;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/api/v1/mutes", this::list);
        r.post("/api/v1/accounts/{id}/mute", this::mute);
        r.post("/api/v1/accounts/{id}/unmute", ctx -> {
            Viewer v = auth.requireUser(ctx, "write:mutes");
            long target = AccountPaths.id(ctx);
            mutes.unmute(v.accountId(), target);
            ctx.json(RelationshipEntity.of(relationships.of(v.accountId(), target)));
        });
    }

    private void mute(Context ctx) {
        Viewer v = auth.requireUser(ctx, "write:mutes");
        long target = AccountPaths.id(ctx);
        Params p = Params.from(ctx, json);
        mutes.mute(v.accountId(), target, p.bool("notifications", true), p.longValue("duration").orElse(null));
        ctx.json(RelationshipEntity.of(relationships.of(v.accountId(), target)));
    }

    private void list(Context ctx) {
        Viewer v = auth.requireUser(ctx, "read:mutes");
        Page page = Page.from(ctx, 40);
        Paged<RelationshipQueries.Muted> muted = lists.mutes(v.accountId(), new IdRange(page.maxId(), page.sinceId(), page.minId(), page.limit()));
        var rendered = views.renderAll(muted.items().stream().map(RelationshipQueries.Muted::account).toList());
        List<MutedAccountEntity> out = new ArrayList<>(rendered.size());
        for (int i = 0; i < rendered.size(); i++) out.add(new MutedAccountEntity(rendered.get(i), Dates.datetime(muted.items().get(i).expiresAt())));
        Page.link(ctx, settings.baseUrl(), muted.cursorIds(), Long::longValue);
        ctx.json(out);
    }
}
