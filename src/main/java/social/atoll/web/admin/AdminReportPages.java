package social.atoll.web.admin;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import social.atoll.api.entity.AccountViews;
import social.atoll.api.entity.StatusViews;
import social.atoll.core.common.IdRange;
import social.atoll.core.moderation.AccountModeration;
import social.atoll.core.moderation.AdminReport;
import social.atoll.core.moderation.AdminReportStore;
import social.atoll.core.moderation.ReportModeration;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusQueries;
import social.atoll.server.Controller;
import social.atoll.web.BrowserSessions;
import social.atoll.web.Pages;
import social.atoll.web.view.StatusCard;
import social.atoll.web.view.Times;

/**
 * {@code /admin} and {@code /admin/reports}: the reports queue (open and resolved) and a report's page with the
 * reported posts, its handling (assign, resolve, reopen) and one-click actions against the reported account, which
 * go through {@link AccountModeration} with the report's id, so acting also resolves it.
 */
public final class AdminReportPages implements Controller {

    static final int PAGE = 20;

    /** A report in the queue. */
    public record Item(long id, String category, String comment, AccountRows.Row reporter, AccountRows.Row target, AccountRows.Row assignee,
                       int statuses, String createdAt, String createdText) {}

    public record QueueView(List<AdminNav.Entry> nav, boolean resolved, String filter, List<Item> reports, String older, String notice) {}

    /** A report's page. */
    public record ReportView(List<AdminNav.Entry> nav, Item report, boolean resolved, boolean forwarded, AccountRows.Row resolvedBy,
                             List<AdminReportStore.RuleRow> rules, List<StatusCard> statuses, boolean assignedToMe, List<String> actions,
                             String notice, List<Gone> gone, List<Note> notes, List<social.atoll.core.moderation.WarningPreset> presets,
                             String noteDraft, String noteError) {}

    /** A reported post deleted since, shown from the snapshot taken when the report was filed. */
    public record Gone(long statusId, String url, String contentHtml, String spoilerText, boolean sensitive, String visibility,
                       List<social.atoll.core.moderation.ReportSnapshot.Media> media, String createdAt, String createdText) {}

    /** A moderators' note on the report. */
    public record Note(long id, AccountRows.Row author, String content, String createdAt, String createdText) {}

    private final AdminSupport support;
    private final Pages pages;
    private final ReportModeration reports;
    private final AccountModeration accounts;
    private final StatusQueries statuses;
    private final StatusViews statusViews;
    private final AccountRows rows;
    private final social.atoll.core.moderation.WarningPresets presets;

    public AdminReportPages(BrowserSessions sessions, Pages pages, ReportModeration reports, AccountModeration accounts,
                            StatusQueries statuses, StatusViews statusViews, AccountViews accountViews,
                            social.atoll.core.moderation.WarningPresets presets) {
        this.presets = presets;
        this.support = new AdminSupport(sessions, pages);
        this.pages = pages;
        this.reports = reports;
        this.accounts = accounts;
        this.statuses = statuses;
        this.statusViews = statusViews;
        this.rows = new AccountRows(accountViews, pages.messages(), pages.roles());
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/admin", this::home);
        r.get("/admin/reports", this::queue);
        r.get("/admin/reports/{id}", this::show);
        r.post("/admin/reports/{id}/assign_to_self", ctx -> change(ctx, "assigned"));
        r.post("/admin/reports/{id}/unassign", ctx -> change(ctx, "unassigned"));
        r.post("/admin/reports/{id}/resolve", ctx -> change(ctx, "resolved"));
        r.post("/admin/reports/{id}/reopen", ctx -> change(ctx, "reopened"));
        r.post("/admin/reports/{id}/action", this::act);
        r.post("/admin/reports/{id}/notes", this::addNote);
        r.post("/admin/report_notes/{id}/delete", this::deleteNote);
    }

    /** The admin area opens on the first page this staff member may use. */
    private void home(Context ctx) {
        var s = support.viewer(ctx);
        if (s.isEmpty()) return;
        var nav = AdminSupport.nav(s.get());
        ctx.redirect(nav.isEmpty() ? "/admin/audit" : nav.get(0).href(), HttpStatus.SEE_OTHER);
    }

    private void queue(Context ctx) {
        var s = support.viewer(ctx);
        if (s.isEmpty()) return;
        boolean resolved = "true".equals(ctx.queryParam("resolved"));
        Long target = AdminSupport.queryId(ctx, "target"); // an account page's "reports about this account"
        List<AdminReport> list = reports.list(s.get().actor(), new AdminReportStore.Filter(resolved, null, target),
                new IdRange(AdminSupport.queryId(ctx, "max_id"), null, null, PAGE));
        String filter = target == null ? "" : "target=" + target + "&";
        String older = list.size() < PAGE ? null
                : "/admin/reports?" + filter + (resolved ? "resolved=true&" : "") + "max_id=" + list.get(list.size() - 1).id();
        pages.render(ctx, 200, "admin/reports.jte", support.page(ctx, "reports"),
                new QueueView(AdminSupport.nav(s.get()), resolved, filter, items(list), older, AdminSupport.notice(ctx)));
    }

    private void show(Context ctx) {
        var s = support.viewer(ctx);
        if (s.isEmpty()) return;
        renderReport(ctx, 200, s.get(), AdminSupport.id(ctx, "id"), "", null);
    }

    private void renderReport(Context ctx, int status, AdminSupport.Staff staff, long reportId, String noteDraft, String noteError) {
        var s = java.util.Optional.of(staff);
        AdminReport r = reports.get(s.get().actor(), reportId);
        Item item = items(List.of(r)).get(0);
        AccountRows.Row resolvedBy = r.actionTakenByAccountId() == null ? null
                : rows.rows(accounts.entries(List.of(r.actionTakenByAccountId()))).stream().findFirst().orElse(null);
        // the reported posts as the moderator sees them; one deleted since is shown from its snapshot
        Map<Long, Status> found = statuses.byIds(r.statusIds());
        List<Status> list = new ArrayList<>();
        for (long id : r.statusIds()) if (found.containsKey(id)) list.add(found.get(id));
        long viewer = s.get().accountId();
        Instant now = Instant.now();
        List<StatusCard> cards = StatusCard.all(statusViews.renderAll(list, viewer), Long.toString(viewer), now, pages.messages());
        java.util.Set<String> shown = new java.util.HashSet<>();
        for (StatusCard c : cards) shown.add(c.id());
        List<Gone> gone = new ArrayList<>();
        for (var snap : reports.snapshots(s.get().actor(), r.id())) {
            if (shown.contains(Long.toString(snap.statusId()))) continue;
            gone.add(new Gone(snap.statusId(), snap.url() == null ? snap.uri() : snap.url(),
                    social.atoll.core.text.HtmlSanitizer.sanitize(snap.content()), snap.spoilerText(), snap.sensitive(), snap.visibility(),
                    snap.media(), snap.statusCreatedAt().toString(), Times.relative(snap.statusCreatedAt(), now, pages.messages())));
        }
        var noteRows = reports.notes(s.get().actor(), r.id());
        var authors = rows.byId(accounts.entries(noteRows.stream().map(social.atoll.core.moderation.ReportNote::accountId).distinct().toList()));
        List<Note> notes = noteRows.stream().map(n -> new Note(n.id(), authors.get(n.accountId()), n.content(), n.createdAt().toString(),
                Times.relative(n.createdAt(), now, pages.messages()))).toList();
        var actor = s.get().actor();
        var offered = social.atoll.core.moderation.StaffAccess.can(actor, social.atoll.core.moderation.Permission.MANAGE_USERS)
                ? presets.list(actor) : List.<social.atoll.core.moderation.WarningPreset>of();
        var page = support.page(ctx, "report").titled(pages.messages().get("admin.report.heading", r.id()));
        pages.render(ctx, status, "admin/report.jte", page, new ReportView(AdminSupport.nav(s.get()), item, r.resolved(), r.forwarded(),
                resolvedBy, reports.rules(r.ruleIds()), cards, r.assignedAccountId() != null && r.assignedAccountId() == viewer,
                ACTIONS, status == 200 ? AdminSupport.notice(ctx) : null, gone, notes, offered, noteDraft, noteError));
    }

    /** The actions the report page offers, in Mastodon's order. */
    static final List<String> ACTIONS = List.of("none", "sensitive", "silence", "suspend");

    private void change(Context ctx, String notice) {
        var s = support.poster(ctx);
        if (s.isEmpty()) return;
        long id = AdminSupport.id(ctx, "id");
        var actor = s.get().actor();
        switch (notice) {
            case "assigned" -> reports.assignToSelf(actor, id);
            case "unassigned" -> reports.unassign(actor, id);
            case "resolved" -> reports.resolve(actor, id);
            default -> reports.reopen(actor, id);
        }
        AdminSupport.done(ctx, "/admin/reports/" + id, notice);
    }

    private void act(Context ctx) {
        var s = support.poster(ctx);
        if (s.isEmpty()) return;
        long id = AdminSupport.id(ctx, "id");
        AdminReport r = reports.get(s.get().actor(), id);
        accounts.act(s.get().actor(), r.targetAccountId(), new AccountModeration.ActionRequest(AdminSupport.form(ctx, "type"), r.id(),
                AdminSupport.form(ctx, "text"), AdminSupport.formId(ctx, "warning_preset_id"),
                AdminSupport.checked(ctx, "send_email_notification")));
        AdminSupport.done(ctx, "/admin/reports/" + id, "actioned");
    }

    private void addNote(Context ctx) {
        var s = support.poster(ctx);
        if (s.isEmpty()) return;
        long id = AdminSupport.id(ctx, "id");
        String content = AdminSupport.form(ctx, "content");
        try {
            reports.addNote(s.get().actor(), id, content);
        } catch (social.atoll.core.common.ValidationException e) {
            renderReport(ctx, 422, s.get(), id, content, e.getMessage());
            return;
        }
        AdminSupport.done(ctx, "/admin/reports/" + id, "note_added");
    }

    private void deleteNote(Context ctx) {
        var s = support.poster(ctx);
        if (s.isEmpty()) return;
        long reportId = reports.deleteNote(s.get().actor(), AdminSupport.id(ctx, "id"));
        AdminSupport.done(ctx, "/admin/reports/" + reportId, "note_removed");
    }

    private List<Item> items(List<AdminReport> list) {
        Set<Long> ids = new LinkedHashSet<>();
        for (AdminReport r : list) {
            ids.add(r.accountId());
            ids.add(r.targetAccountId());
            if (r.assignedAccountId() != null) ids.add(r.assignedAccountId());
        }
        var byId = rows.byId(accounts.entries(List.copyOf(ids)));
        Instant now = Instant.now();
        List<Item> out = new ArrayList<>();
        for (AdminReport r : list) {
            out.add(new Item(r.id(), r.category(), r.comment() == null ? "" : r.comment(), byId.get(r.accountId()), byId.get(r.targetAccountId()),
                    r.assignedAccountId() == null ? null : byId.get(r.assignedAccountId()), r.statusIds().size(), r.createdAt().toString(),
                    Times.relative(r.createdAt(), now, pages.messages())));
        }
        return out;
    }
}
