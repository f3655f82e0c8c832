package social.atoll.api.scheduled;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import social.atoll.server.ApiException;
import social.atoll.api.Auth;
import social.atoll.server.Controller;
import social.atoll.api.Page;
import social.atoll.server.Params;
import social.atoll.api.Viewer;
import social.atoll.api.entity.ScheduledStatusViews;
import social.atoll.api.statuses.StatusParams;
import social.atoll.config.Settings;
import social.atoll.core.common.IdRange;
import social.atoll.core.status.ScheduledStatus;
import social.atoll.core.status.ScheduledStatusService;

/** {@code /api/v1/scheduled_statuses}: the caller's statuses waiting to be posted; list, show, move, cancel. */
public final class ScheduledStatusesController implements Controller {

    private final Settings settings;
    private final Auth auth;
    private final ObjectMapper json;
    private final ScheduledStatusService service;
    private final ScheduledStatusViews views;

    public ScheduledStatusesController(Settings settings, Auth auth, ObjectMapper json, ScheduledStatusService service,
                                       ScheduledStatusViews views) {
        this.settings = settings;
        this.auth = auth;
        this.json = json;
        this.service = service;
        this.views = views;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/api/v1/scheduled_statuses", this::index);
        r.get("/api/v1/scheduled_statuses/{id}", ctx -> {
            Viewer v = auth.requireUser(ctx, "read:statuses");
            ctx.json(views.render(service.own(v.accountId(), id(ctx))));
        });
        r.put("/api/v1/scheduled_statuses/{id}", ctx -> {
            Viewer v = auth.requireUser(ctx, "write:statuses");
            Instant at = StatusParams.time(Params.from(ctx, json), "scheduled_at");
            long id = id(ctx);
            if (at == null) {
                ctx.json(views.render(service.own(v.accountId(), id)));
                return;
            }
            ctx.json(views.render(service.reschedule(v.accountId(), id, at)));
        });
        r.delete("/api/v1/scheduled_statuses/{id}", ctx -> {
            Viewer v = auth.requireUser(ctx, "write:statuses");
            service.cancel(v.accountId(), id(ctx));
            ctx.json(Map.of());
        });
    }

    @Override
    public int order() { return 1; }

    private void index(Context ctx) {
        Viewer v = auth.requireUser(ctx, "read:statuses");
        Page page = Page.from(ctx, 20);
        List<ScheduledStatus> rows = service.page(v.accountId(), new IdRange(page.maxId(), page.sinceId(), page.minId(), page.limit()));
        Page.link(ctx, settings.baseUrl(), rows, ScheduledStatus::id);
        ctx.json(views.renderAll(rows));
    }

    private static long id(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id").trim());
        } catch (NumberFormatException e) {
            throw ApiException.notFound();
        }
    }
}
