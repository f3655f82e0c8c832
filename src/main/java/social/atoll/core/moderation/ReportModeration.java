package social.atoll.core.moderation;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import social.atoll.core.common.IdRange;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.common.ValidationException;
import social.atoll.infra.db.Database;

/** Staff handling of reports ({@code manage_reports}): list, read, assign, resolve, reopen, re-categorize; each step audited. */
public final class ReportModeration {

    private final Database db;
    private final AdminReportStore reports;
    private final ActionLogStore log;
    private final Clock clock;

    public ReportModeration(Database db, AdminReportStore reports, ActionLogStore log, Clock clock) {
        this.db = db;
        this.reports = reports;
        this.log = log;
        this.clock = clock;
    }

    public List<AdminReport> list(StaffAccess.Actor actor, AdminReportStore.Filter filter, IdRange range) {
        StaffAccess.require(actor, Permission.MANAGE_REPORTS);
        return reports.list(filter, range);
    }

    public AdminReport get(StaffAccess.Actor actor, long id) {
        StaffAccess.require(actor, Permission.MANAGE_REPORTS);
        return reports.byId(id).orElseThrow(() -> new NotFoundException("report"));
    }

    /** The rules a report names, for rendering. */
    public List<AdminReportStore.RuleRow> rules(List<Long> ids) { return reports.rules(ids); }

    public AdminReport assignToSelf(StaffAccess.Actor actor, long id) {
        return change(actor, id, "assigned_to_self", (h, now) -> reports.assign(h, id, actor.accountId(), now));
    }

    public AdminReport unassign(StaffAccess.Actor actor, long id) {
        return change(actor, id, "unassigned", (h, now) -> reports.assign(h, id, null, now));
    }

    public AdminReport resolve(StaffAccess.Actor actor, long id) {
        return change(actor, id, "resolve", (h, now) -> reports.resolution(h, id, now, actor.accountId(), now));
    }

    public AdminReport reopen(StaffAccess.Actor actor, long id) {
        return change(actor, id, "reopen", (h, now) -> reports.resolution(h, id, null, null, now));
    }

    /** {@code PUT /api/v1/admin/reports/:id}: rules make the category {@code violation}, as when filing. */
    public AdminReport update(StaffAccess.Actor actor, long id, String category, List<Long> ruleIds) {
        StaffAccess.require(actor, Permission.MANAGE_REPORTS);
        AdminReport r = get(actor, id);
        String cat = category == null ? r.category() : category;
        if (!Report.CATEGORIES.contains(cat)) throw new ValidationException("Category is not included in the list");
        List<Long> rules = ruleIds == null ? (cat.equals("violation") ? r.ruleIds() : List.of()) : ruleIds;
        if (!rules.isEmpty() && !cat.equals("violation")) cat = "violation";
        String finalCat = cat;
        return change(actor, id, "update", (h, now) -> {
            if (reports.countRules(h, rules) != rules.size()) throw new ValidationException("Rule ids are invalid");
            reports.categorize(h, id, finalCat, rules, now);
        });
    }

    private interface Step { void apply(org.jdbi.v3.core.Handle h, Instant now); }

    private AdminReport change(StaffAccess.Actor actor, long id, String action, Step step) {
        StaffAccess.require(actor, Permission.MANAGE_REPORTS);
        return db.write(h -> {
            reports.byId(h, id).orElseThrow(() -> new NotFoundException("report"));
            step.apply(h, clock.instant());
            log.record(h, actor, action, "Report", id, Long.toString(id), Map.of());
            return reports.byId(h, id).orElseThrow();
        });
    }
}
