package social.atoll.api.statuses;

import io.javalin.config.RoutesConfig;
import social.atoll.api.Auth;
import social.atoll.server.Controller;
import social.atoll.api.Viewer;
import social.atoll.api.entity.StatusViews;
import social.atoll.core.status.PinService;

/** {@code POST /api/v1/statuses/:id/pin|unpin}: featuring one's own statuses on the profile. */
public final class StatusPinsController implements Controller {

    private final Auth auth;
    private final PinService pins;
    private final StatusViews views;

    public StatusPinsController(Auth auth, PinService pins, StatusViews views) {
        this.auth = auth;
        this.pins = pins;
        this.views = views;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.post("/api/v1/statuses/{id}/pin", ctx -> {
            Viewer v = auth.requireUser(ctx, "write:accounts");
            ctx.json(views.render(pins.pin(v.accountId(), StatusPaths.id(ctx)), v.accountId()));
        });
        r.post("/api/v1/statuses/{id}/unpin", ctx -> {
            Viewer v = auth.requireUser(ctx, "write:accounts");
            ctx.json(views.render(pins.unpin(v.accountId(), StatusPaths.id(ctx)), v.accountId()));
        });
    }
}
