package social.atoll.api.notifications;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import social.atoll.server.ApiException;
import social.atoll.api.Auth;
import social.atoll.server.Controller;
import social.atoll.api.Page;
import social.atoll.server.Params;
import social.atoll.api.Viewer;
import social.atoll.api.entity.NotificationViews;
import social.atoll.config.Settings;
import social.atoll.core.common.IdRange;
import social.atoll.core.notification.Notification;
import social.atoll.core.notification.NotificationService;

/** {@code /api/v1/notifications}: list (with type and actor filters), one, dismiss one, clear all. */
public final class NotificationsController implements Controller {

    private final Auth auth;
    private final ObjectMapper json;
    private final Settings settings;
    private final NotificationService notifications;
    private final NotificationViews views;

    public NotificationsController(Auth auth, ObjectMapper json, Settings settings, NotificationService notifications, NotificationViews views) {
        this.auth = auth;
        this.json = json;
        this.settings = settings;
        this.notifications = notifications;
        this.views = views;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/api/v1/notifications", this::index);
        r.get("/api/v1/notifications/{id}", ctx -> {
            Viewer v = auth.requireUser(ctx, "read:notifications");
            Notification n = notifications.own(v.accountId(), id(ctx)).orElseThrow(ApiException::notFound);
            List<?> rendered = views.renderAll(List.of(n), v.accountId());
            if (rendered.isEmpty()) throw ApiException.notFound();
            ctx.json(rendered.get(0));
        });
        r.post("/api/v1/notifications/clear", ctx -> {
            Viewer v = auth.requireUser(ctx, "write:notifications");
            notifications.clear(v.accountId());
            ctx.json(Map.of());
        });
        r.post("/api/v1/notifications/{id}/dismiss", ctx -> {
            Viewer v = auth.requireUser(ctx, "write:notifications");
            if (!notifications.dismiss(v.accountId(), id(ctx))) throw ApiException.notFound();
            ctx.json(Map.of());
        });
    }

    private void index(Context ctx) {
        Viewer v = auth.requireUser(ctx, "read:notifications");
        Params p = Params.from(ctx, json);
        Long from = null;
        if (p.has("account_id")) {
            try {
                from = Long.parseLong(p.require("account_id").trim());
            } catch (NumberFormatException e) {
                ctx.json(List.of()); // no account has that id, so nothing is from it
                return;
            }
        }
        Page page = Page.from(ctx, 40);
        List<Notification> rows = notifications.page(v.accountId(), p.list("types"), p.list("exclude_types"), from,
                p.bool("include_filtered", false), new IdRange(page.maxId(), page.sinceId(), page.minId(), page.limit()));
        Page.link(ctx, settings.baseUrl(), rows, Notification::id);
        ctx.json(views.renderAll(rows, v.accountId()));
    }

    private static long id(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiException.notFound();
        }
    }
}
