package social.atoll.api.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import social.atoll.api.Auth;
import social.atoll.api.Page;
import social.atoll.config.Settings;
import social.atoll.core.common.IdRange;
import social.atoll.core.moderation.AdminReport;
import social.atoll.core.moderation.AdminReportStore;
import social.atoll.core.moderation.ReportModeration;
import social.atoll.core.moderation.StaffAccess;
import social.atoll.server.Controller;
import social.atoll.server.Params;

/**
 * Mastodon's {@code /api/v1/admin/reports}: list ({@code resolved}, {@code account_id}, {@code target_account_id}),
 * one report, {@code assign_to_self}, {@code unassign}, {@code resolve}, {@code reopen}, and {@code PUT} of
 * {@code category} and {@code rule_ids}. Scopes {@code admin:read:reports} / {@code admin:write:reports}.
 */
public final class AdminReportsController implements Controller {

    private static final String READ = "admin:read:reports";
    private static final String WRITE = "admin:write:reports";

    private final Settings settings;
    private final Auth auth;
    private final ObjectMapper json;
    private final ReportModeration reports;
    private final AdminViews views;

    public AdminReportsController(Settings settings, Auth auth, ObjectMapper json, ReportModeration reports, AdminViews views) {
        this.settings = settings;
        this.auth = auth;
        this.json = json;
        this.reports = reports;
        this.views = views;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/api/v1/admin/reports", this::list);
        r.get("/api/v1/admin/reports/{id}", ctx -> {
            StaffAccess.Actor a = auth.staff(ctx, READ);
            render(ctx, a, reports.get(a, id(ctx)));
        });
        r.put("/api/v1/admin/reports/{id}", ctx -> {
            StaffAccess.Actor a = auth.staff(ctx, WRITE);
            Params p = Params.from(ctx, json);
            List<Long> rules = p.has("rule_ids") ? p.list("rule_ids").stream().map(AdminAccountsController::number).toList() : null;
            render(ctx, a, reports.update(a, id(ctx), p.string("category").orElse(null), rules));
        });
        r.post("/api/v1/admin/reports/{id}/assign_to_self", ctx -> write(ctx, reports::assignToSelf));
        r.post("/api/v1/admin/reports/{id}/unassign", ctx -> write(ctx, reports::unassign));
        r.post("/api/v1/admin/reports/{id}/resolve", ctx -> write(ctx, reports::resolve));
        r.post("/api/v1/admin/reports/{id}/reopen", ctx -> write(ctx, reports::reopen));
    }

    private interface Step { AdminReport apply(StaffAccess.Actor actor, long id); }

    private void write(Context ctx, Step step) {
        StaffAccess.Actor a = auth.staff(ctx, WRITE);
        render(ctx, a, step.apply(a, id(ctx)));
    }

    private void render(Context ctx, StaffAccess.Actor a, AdminReport r) { ctx.json(views.report(r, a.accountId())); }

    private void list(Context ctx) {
        StaffAccess.Actor a = auth.staff(ctx, READ);
        Params p = Params.from(ctx, json);
        Page page = Page.from(ctx, 100);
        var filter = new AdminReportStore.Filter(p.bool("resolved", false),
                p.string("account_id").map(AdminAccountsController::number).orElse(null),
                p.string("target_account_id").map(AdminAccountsController::number).orElse(null));
        var list = reports.list(a, filter, new IdRange(page.maxId(), page.sinceId(), page.minId(), page.limit()));
        Page.link(ctx, settings.baseUrl(), list, AdminReport::id);
        ctx.json(views.reports(list, a.accountId()));
    }

    private static long id(Context ctx) { return AdminAccountsController.number(ctx.pathParam("id")); }
}
