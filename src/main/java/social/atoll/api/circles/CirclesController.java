package social.atoll.api.circles;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import social.atoll.api.Auth;
import social.atoll.api.Page;
import social.atoll.api.Viewer;
import social.atoll.api.entity.AccountEntity;
import social.atoll.api.entity.AccountViews;
import social.atoll.config.Settings;
import social.atoll.core.account.AccountQueries;
import social.atoll.core.circle.CircleService;
import social.atoll.core.common.IdRange;
import social.atoll.server.ApiException;
import social.atoll.server.Controller;
import social.atoll.server.Params;

/**
 * Circles as kmyblue's API has them: {@code /api/v1/circles} CRUD ({@code title}), {@code /api/v1/circles/:id/accounts}
 * (members, paged on the account id, {@code limit=0} for all; add and remove with {@code account_ids[]}, followers
 * only), {@code GET /api/v1/circles/:id/statuses} (the posts shared with it, newest first) and
 * {@code GET /api/v1/accounts/:id/circles} (the viewer's circles holding that account). The scopes are the
 * lists' ones, as kmyblue's. Someone else's circle is a 404.
 */
public final class CirclesController implements Controller {

    private final Settings settings;
    private final Auth auth;
    private final ObjectMapper json;
    private final AccountQueries accounts;
    private final CircleService circles;
    private final AccountViews views;
    /** Renders a circle's statuses; null: the circle statuses route is not offered. */
    private final social.atoll.api.entity.StatusViews statusViews;

    public CirclesController(Settings settings, Auth auth, ObjectMapper json, AccountQueries accounts, CircleService circles,
                             AccountViews views) {
        this(settings, auth, json, accounts, circles, views, null);
    }

    public CirclesController(Settings settings, Auth auth, ObjectMapper json, AccountQueries accounts, CircleService circles,
                             AccountViews views, social.atoll.api.entity.StatusViews statusViews) {
        this.statusViews = statusViews;
        this.settings = settings;
        this.auth = auth;
        this.json = json;
        this.accounts = accounts;
        this.circles = circles;
        this.views = views;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/api/v1/circles", ctx -> ctx.json(CircleEntity.all(circles.all(auth.requireUser(ctx, "read:lists").accountId()))));
        r.post("/api/v1/circles", ctx -> {
            Viewer v = auth.requireUser(ctx, "write:lists");
            ctx.json(CircleEntity.of(circles.create(v.accountId(), Params.from(ctx, json).rawString("title").orElse(""))));
        });
        r.get("/api/v1/circles/{id}", ctx -> {
            Viewer v = auth.requireUser(ctx, "read:lists");
            ctx.json(CircleEntity.of(circles.get(v.accountId(), id(ctx, "id"))));
        });
        r.put("/api/v1/circles/{id}", ctx -> {
            Viewer v = auth.requireUser(ctx, "write:lists");
            ctx.json(CircleEntity.of(circles.update(v.accountId(), id(ctx, "id"), Params.from(ctx, json).rawString("title").orElse(null))));
        });
        r.delete("/api/v1/circles/{id}", ctx -> {
            Viewer v = auth.requireUser(ctx, "write:lists");
            circles.delete(v.accountId(), id(ctx, "id"));
            ctx.json(Map.of());
        });
        r.get("/api/v1/circles/{id}/accounts", this::members);
        if (statusViews != null) r.get("/api/v1/circles/{id}/statuses", this::statuses);
        r.post("/api/v1/circles/{id}/accounts", ctx -> {
            Viewer v = auth.requireUser(ctx, "write:lists");
            circles.addMembers(v.accountId(), id(ctx, "id"), accountIds(ctx));
            ctx.json(Map.of());
        });
        r.delete("/api/v1/circles/{id}/accounts", ctx -> {
            Viewer v = auth.requireUser(ctx, "write:lists");
            circles.removeMembers(v.accountId(), id(ctx, "id"), accountIds(ctx));
            ctx.json(Map.of());
        });
        r.get("/api/v1/accounts/{id}/circles", ctx -> {
            Viewer v = auth.requireUser(ctx, "read:lists");
            long accountId = accounts.visibleById(id(ctx, "id")).orElseThrow(ApiException::notFound).id();
            ctx.json(CircleEntity.all(circles.containing(v.accountId(), accountId)));
        });
    }

    private void members(Context ctx) {
        Viewer v = auth.requireUser(ctx, "read:lists");
        boolean all = "0".equals(ctx.queryParam("limit"));
        Page page = all ? null : Page.from(ctx, 40);
        List<Long> members = circles.members(v.accountId(), id(ctx, "id"),
                all ? null : new IdRange(page.maxId(), page.sinceId(), page.minId(), page.limit()));
        Map<Long, AccountEntity> rendered = views.renderByIds(members);
        List<AccountEntity> out = new ArrayList<>();
        for (long m : members) if (rendered.containsKey(m)) out.add(rendered.get(m));
        if (!all) Page.link(ctx, settings.baseUrl(), members, m -> m);
        ctx.json(out);
    }

    /** kmyblue's circle timeline: the owner's posts shared with the circle, newest first, paged on the status id. */
    private void statuses(Context ctx) {
        Viewer v = auth.requireUser(ctx, "read:lists");
        Page page = Page.from(ctx, 20);
        var found = circles.statuses(v.accountId(), id(ctx, "id"), new IdRange(page.maxId(), page.sinceId(), page.minId(), page.limit()));
        Page.link(ctx, settings.baseUrl(), found, social.atoll.core.status.Status::id);
        ctx.json(statusViews.renderAll(found, v.accountId()));
    }

    private List<Long> accountIds(Context ctx) {
        List<Long> out = new ArrayList<>();
        for (String s : Params.from(ctx, json).list("account_ids")) {
            try {
                long id = Long.parseLong(s.trim());
                if (!out.contains(id)) out.add(id);
            } catch (NumberFormatException e) {
                throw ApiException.notFound();
            }
        }
        return out;
    }

    /** A numeric path id; anything else names nothing (404). */
    private static long id(Context ctx, String name) {
        try {
            return Long.parseLong(ctx.pathParam(name));
        } catch (NumberFormatException e) {
            throw ApiException.notFound();
        }
    }
}
