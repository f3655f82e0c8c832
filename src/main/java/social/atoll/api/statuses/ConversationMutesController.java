package social.atoll.api.statuses;

import io.javalin.config.RoutesConfig;
import social.atoll.api.Auth;
import social.atoll.server.Controller;
import social.atoll.api.Viewer;
import social.atoll.api.entity.StatusViews;
import social.atoll.core.status.ConversationMuteService;

/** {@code POST /api/v1/statuses/:id/mute|unmute}: silencing notifications from a whole thread. */
public final class ConversationMutesController implements Controller {

    private final Auth auth;
    private final ConversationMuteService mutes;
    private final StatusViews views;

    public ConversationMutesController(Auth auth, ConversationMuteService mutes, StatusViews views) {
        this.auth = auth;
        this.mutes = mutes;
        this.views = views;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.post("/api/v1/statuses/{id}/mute", ctx -> {
            Viewer v = auth.requireUser(ctx, "write:mutes");
            ctx.json(views.render(mutes.mute(v.accountId(), StatusPaths.id(ctx)), v.accountId()));
        });
        r.post("/api/v1/statuses/{id}/unmute", ctx -> {
            Viewer v = auth.requireUser(ctx, "write:mutes");
            ctx.json(views.render(mutes.unmute(v.accountId(), StatusPaths.id(ctx)), v.accountId()));
        });
    }
}
