package social.atoll.api.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import social.atoll.api.Auth;
import social.atoll.api.Page;
import social.atoll.config.Settings;
import social.atoll.core.common.IdRange;
import social.atoll.core.moderation.AccountModeration;
import social.atoll.core.moderation.AdminAccountStore;
import social.atoll.core.moderation.StaffAccess;
import social.atoll.server.ApiException;
import social.atoll.server.Controller;
import social.atoll.server.Params;

/**
 * Mastodon's {@code /api/v1/admin/accounts} (v1 filters) and {@code /api/v2/admin/accounts} (v2 filters), one
 * account, and the actions on it. Scopes {@code admin:read:accounts} / {@code admin:write:accounts}; the staff
 * member's permission is checked by {@link AccountModeration}.
 */
public final class AdminAccountsController implements Controller {

    private static final String READ = "admin:read:accounts";
    private static final String WRITE = "admin:write:accounts";

    private final Settings settings;
    private final Auth auth;
    private final ObjectMapper json;
    private final AccountModeration moderation;
    private final AdminViews views;

    public AdminAccountsController(Settings settings, Auth auth, ObjectMapper json, AccountModeration moderation, AdminViews views) {
        this.settings = settings;
        this.auth = auth;
        this.json = json;
        this.moderation = moderation;
        this.views = views;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/api/v1/admin/accounts", ctx -> list(ctx, v1Filter(ctx)));
        r.get("/api/v2/admin/accounts", ctx -> list(ctx, v2Filter(ctx)));
        r.get("/api/v1/admin/accounts/{id}", ctx -> ctx.json(views.account(moderation.get(auth.staff(ctx, READ), id(ctx)))));
        r.post("/api/v1/admin/accounts/{id}/action", this::action);
        r.post("/api/v1/admin/accounts/{id}/approve", ctx -> after(ctx, (a, id) -> moderation.approve(a, id)));
        r.post("/api/v1/admin/accounts/{id}/reject", ctx -> before(ctx, (a, id) -> moderation.reject(a, id)));
        r.post("/api/v1/admin/accounts/{id}/enable", ctx -> after(ctx, (a, id) -> moderation.enable(a, id)));
        r.post("/api/v1/admin/accounts/{id}/unsilence", ctx -> after(ctx, (a, id) -> moderation.unsilence(a, id)));
        r.post("/api/v1/admin/accounts/{id}/unsuspend", ctx -> after(ctx, (a, id) -> moderation.unsuspend(a, id)));
        r.post("/api/v1/admin/accounts/{id}/unsensitive", ctx -> after(ctx, (a, id) -> moderation.unsensitive(a, id)));
        r.delete("/api/v1/admin/accounts/{id}", ctx -> after(ctx, (a, id) -> moderation.deleteData(a, id)));
    }

    private interface Act { void apply(StaffAccess.Actor actor, long id); }

    /** Acts, then answers the account as it is now. */
    private void after(Context ctx, Act act) {
        StaffAccess.Actor actor = auth.staff(ctx, WRITE);
        long id = id(ctx);
        act.apply(actor, id);
        // the action checked its own bit (delete_user_data needs no manage_users, as on Mastodon): render without another
        ctx.json(views.account(moderation.entries(List.of(id)).get(0)));
    }

    /** Answers the account as it was, then acts (a rejected sign-up is gone afterwards). */
    private void before(Context ctx, Act act) {
        StaffAccess.Actor actor = auth.staff(ctx, WRITE);
        long id = id(ctx);
        var rendered = views.account(moderation.get(actor, id));
        act.apply(actor, id);
        ctx.json(rendered);
    }

    private void action(Context ctx) {
        StaffAccess.Actor actor = auth.staff(ctx, WRITE);
        Params p = Params.from(ctx, json);
        moderation.act(actor, id(ctx), new AccountModeration.ActionRequest(p.string("type").orElse(null),
                p.string("report_id").map(AdminAccountsController::number).orElse(null), p.rawString("text").orElse(null),
                p.string("warning_preset_id").map(AdminAccountsController::number).orElse(null), p.bool("send_email_notification", true)));
        ctx.json(Map.of());
    }

    private void list(Context ctx, AdminAccountStore.Filter filter) {
        StaffAccess.Actor actor = auth.staff(ctx, READ);
        Page page = Page.from(ctx, 100);
        var entries = moderation.list(actor, filter, new IdRange(page.maxId(), page.sinceId(), page.minId(), page.limit()));
        Page.link(ctx, settings.baseUrl(), entries, e -> e.account().id());
        ctx.json(views.accounts(entries));
    }

    /** v1's booleans, translated into the v2 filter as Mastodon's controller does. */
    private AdminAccountStore.Filter v1Filter(Context ctx) {
        Params p = Params.from(ctx, json);
        String origin = p.bool("local", false) ? "local" : p.bool("remote", false) ? "remote" : null;
        String status = null;
        for (String s : List.of("active", "pending", "disabled", "silenced", "suspended", "sensitized")) if (p.bool(s, false)) status = s;
        return new AdminAccountStore.Filter(origin, status, p.bool("staff", false), List.of(), blank(p, "username"),
                blank(p, "display_name"), blank(p, "email"), blank(p, "ip"), blank(p, "by_domain"));
    }

    private AdminAccountStore.Filter v2Filter(Context ctx) {
        Params p = Params.from(ctx, json);
        List<Long> roles = new ArrayList<>();
        for (String id : p.list("role_ids")) {
            try {
                roles.add(Long.parseLong(id.strip()));
            } catch (NumberFormatException e) {
                roles.add(Long.MIN_VALUE); // no role has it: an unknown id matches nobody, as on Mastodon
            }
        }
        return new AdminAccountStore.Filter(blank(p, "origin"), blank(p, "status"), "staff".equals(blank(p, "permissions")), roles,
                blank(p, "username"), blank(p, "display_name"), blank(p, "email"), blank(p, "ip"), blank(p, "by_domain"));
    }

    private static String blank(Params p, String name) { return p.string(name).filter(s -> !s.isBlank()).orElse(null); }

    private static long id(Context ctx) { return number(ctx.pathParam("id")); }

    static long number(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw ApiException.notFound();
        }
    }
}
