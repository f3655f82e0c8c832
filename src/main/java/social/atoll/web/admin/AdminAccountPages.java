package social.atoll.web.admin;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import social.atoll.api.entity.AccountViews;
import social.atoll.core.common.IdRange;
import social.atoll.core.moderation.AccountModeration;
import social.atoll.core.moderation.AccountWarning;
import social.atoll.core.moderation.AdminAccountStore;
import social.atoll.server.Controller;
import social.atoll.web.BrowserSessions;
import social.atoll.web.Pages;
import social.atoll.web.view.Times;

/**
 * {@code /admin/accounts}: accounts with Mastodon's filters (origin, status, username), an account's page with the
 * actions staff may take and the strikes it received, and the pending sign-ups' approve and reject. Every change
 * goes through {@link AccountModeration}, which checks the permission, audits and strikes.
 */
public final class AdminAccountPages implements Controller {

    static final int PAGE = 40;
    static final List<String> ORIGINS = List.of("local", "remote");
    static final List<String> STATUSES = List.of("active", "pending", "disabled", "silenced", "suspended");

    /** The list's filters as the form shows them (empty: any). */
    public record Filters(String origin, String status, String username) {}

    public record ListView(List<AdminNav.Entry> nav, Filters filters, List<AccountRows.Row> accounts, String older, String notice) {}

    /** A strike as the account page lists it. */
    public record Strike(String action, String text, Long reportId, String createdAt, String createdText, boolean overruled,
                         Long appealId, String appealText, String appealState) {}

    public record AccountView(List<AdminNav.Entry> nav, AccountRows.Row account, List<String> actions, List<Strike> strikes,
                              List<social.atoll.core.moderation.WarningPreset> presets, boolean canDecideAppeals, String notice,
                              AdminRolePages.Choice roleChoice) {}

    private final AdminSupport support;
    private final Pages pages;
    private final AccountModeration moderation;
    private final AccountRows rows;

    private final social.atoll.core.moderation.WarningPresets presets;

    public AdminAccountPages(BrowserSessions sessions, Pages pages, AccountModeration moderation, AccountViews accountViews,
                             social.atoll.core.moderation.WarningPresets presets) {
        this.presets = presets;
        this.support = new AdminSupport(sessions, pages);
        this.pages = pages;
        this.moderation = moderation;
        this.rows = new AccountRows(accountViews, pages.messages(), pages.roles());
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/admin/accounts", this::list);
        r.get("/admin/accounts/{id}", this::show);
        r.post("/admin/accounts/{id}/action", this::act);
        r.post("/admin/accounts/{id}/approve", ctx -> change(ctx, "approved"));
        r.post("/admin/accounts/{id}/confirm", ctx -> change(ctx, "confirmed"));
        r.post("/admin/accounts/{id}/reject", ctx -> change(ctx, "rejected"));
        r.post("/admin/accounts/{id}/enable", ctx -> change(ctx, "enabled"));
        r.post("/admin/accounts/{id}/unsilence", ctx -> change(ctx, "unsilenced"));
        r.post("/admin/accounts/{id}/unsuspend", ctx -> change(ctx, "unsuspended"));
        r.post("/admin/accounts/{id}/unsensitive", ctx -> change(ctx, "unsensitized"));
        r.post("/admin/accounts/{id}/delete", ctx -> change(ctx, "deleted"));
    }

    private void list(Context ctx) {
        var s = support.viewer(ctx);
        if (s.isEmpty()) return;
        String origin = oneOf(ctx.queryParam("origin"), ORIGINS);
        String status = oneOf(ctx.queryParam("status"), STATUSES);
        String username = ctx.queryParam("username") == null ? "" : ctx.queryParam("username").strip();
        var filter = new AdminAccountStore.Filter(origin, status, false, List.of(), username.isEmpty() ? null : username, null, null, null, null);
        var entries = moderation.list(s.get().actor(), filter, new IdRange(AdminSupport.queryId(ctx, "max_id"), null, null, PAGE));
        String older = null;
        if (entries.size() >= PAGE) {
            StringBuilder q = new StringBuilder("/admin/accounts?");
            if (origin != null) q.append("origin=").append(origin).append('&');
            if (status != null) q.append("status=").append(status).append('&');
            if (!username.isEmpty()) q.append("username=").append(java.net.URLEncoder.encode(username, java.nio.charset.StandardCharsets.UTF_8)).append('&');
            older = q.append("max_id=").append(entries.get(entries.size() - 1).account().id()).toString();
        }
        pages.render(ctx, 200, "admin/accounts.jte", support.page(ctx, "accounts"), new ListView(AdminSupport.nav(s.get()),
                new Filters(origin == null ? "" : origin, status == null ? "" : status, username), rows.rows(entries), older,
                AdminSupport.notice(ctx)));
    }

    private void show(Context ctx) {
        var s = support.viewer(ctx);
        if (s.isEmpty()) return;
        long id = AdminSupport.id(ctx, "id");
        var entry = moderation.get(s.get().actor(), id);
        AccountRows.Row row = rows.row(entry);
        Instant now = Instant.now();
        List<AccountWarning> warnings = moderation.strikes(s.get().actor(), id);
        var appeals = moderation.appeals(warnings.stream().map(AccountWarning::id).toList());
        List<Strike> strikes = warnings.stream()
                .map((AccountWarning w) -> {
                    var a = appeals.get(w.id());
                    return new Strike(w.action(), w.text() == null ? "" : w.text(), w.reportId(), w.createdAt().toString(),
                            Times.relative(w.createdAt(), now, pages.messages()), w.overruledAt() != null, a == null ? null : a.id(),
                            a == null ? null : a.text(), a == null ? null : a.state());
                })
                .toList();
        // disabling is for local accounts only (a remote one has no sign-in here)
        List<String> actions = row.local() ? List.of("none", "sensitive", "disable", "silence", "suspend") : List.of("none", "sensitive", "silence", "suspend");
        var page = support.page(ctx, "account").titled("@" + row.acct());
        pages.render(ctx, 200, "admin/account.jte", page, new AccountView(AdminSupport.nav(s.get()), row, actions, strikes,
                presets.list(s.get().actor()), social.atoll.core.moderation.StaffAccess.can(s.get().actor(),
                social.atoll.core.moderation.Permission.MANAGE_APPEALS), AdminSupport.notice(ctx),
                AdminRolePages.choice(pages.roles(), pages.messages(), s.get().actor(), id, entry.user())));
    }

    private void act(Context ctx) {
        var s = support.poster(ctx);
        if (s.isEmpty()) return;
        long id = AdminSupport.id(ctx, "id");
        moderation.act(s.get().actor(), id, new AccountModeration.ActionRequest(AdminSupport.form(ctx, "type"), null, AdminSupport.form(ctx, "text"),
                AdminSupport.formId(ctx, "warning_preset_id"),
                AdminSupport.checked(ctx, "send_email_notification")));
        AdminSupport.done(ctx, "/admin/accounts/" + id, "actioned");
    }

    private void change(Context ctx, String notice) {
        var s = support.poster(ctx);
        if (s.isEmpty()) return;
        long id = AdminSupport.id(ctx, "id");
        var actor = s.get().actor();
        switch (notice) {
            case "approved" -> moderation.approve(actor, id);
            case "confirmed" -> moderation.confirm(actor, id);
            case "rejected" -> moderation.reject(actor, id);
            case "enabled" -> moderation.enable(actor, id);
            case "unsilenced" -> moderation.unsilence(actor, id);
            case "unsuspended" -> moderation.unsuspend(actor, id);
            case "deleted" -> moderation.deleteData(actor, id);
            default -> moderation.unsensitive(actor, id);
        }
        // an approved or rejected sign-up goes back to the queue it came from; the rejected account is gone
        if (Set.of("approved", "rejected").contains(notice)) AdminSupport.done(ctx, "/admin/accounts?status=pending", notice);
        else AdminSupport.done(ctx, "/admin/accounts/" + id, notice);
    }

    private static String oneOf(String v, List<String> allowed) { return v != null && allowed.contains(v) ? v : null; }
}
