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
    private final ModerationExtrasStore extras;
    private final ModerationNotices notices;
    private final social.atoll.core.account.AccountStore accounts;
    private final social.atoll.infra.ids.IdGenerator ids;
    private final Roles roles;

    /** Mastodon's {@code ReportNote::CONTENT_SIZE_LIMIT}. */
    public static final int MAX_NOTE = 500;

    public ReportModeration(Database db, AdminReportStore reports, ActionLogStore log, Clock clock, ModerationExtrasStore extras,
                            ModerationNotices notices, social.atoll.core.account.AccountStore accounts, social.atoll.infra.ids.IdGenerator ids, Roles roles) {
        this.roles = roles;
        this.extras = extras;
        this.notices = notices;
        this.accounts = accounts;
        this.ids = ids;
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

    /** Resolves; the reporter, when local, is told (a notification and a mail). */
    public AdminReport resolve(StaffAccess.Actor actor, long id) {
        return change(actor, id, "resolve", (h, now) -> {
            boolean wasOpen = reports.byId(h, id).map(r -> !r.resolved()).orElse(false);
            reports.resolution(h, id, now, actor.accountId(), now);
            if (wasOpen) notices.reportResolved(h, reports.byId(h, id).orElseThrow(), now);
        });
    }

    /** The posts of a report as they were when it was filed (the evidence, whatever became of the posts). */
    public List<ReportSnapshot> snapshots(StaffAccess.Actor actor, long id) {
        StaffAccess.require(actor, Permission.MANAGE_REPORTS);
        return extras.snapshots(id);
    }

    /** The moderators' notes on a report, oldest first. */
    public List<ReportNote> notes(StaffAccess.Actor actor, long id) {
        StaffAccess.require(actor, Permission.MANAGE_REPORTS);
        return extras.notes(id);
    }

    /** Adds a note (Mastodon: at most 500 characters), audited as {@code create ReportNote}. */
    public ReportNote addNote(StaffAccess.Actor actor, long reportId, String content) {
        StaffAccess.require(actor, Permission.MANAGE_REPORTS);
        if (actor.accountId() == null) throw new ValidationException("A note needs an author");
        String c = content == null ? "" : social.atoll.core.common.UserText.multiLine(content).strip();
        if (c.isEmpty()) throw new ValidationException("Content can't be blank");
        if (c.codePointCount(0, c.length()) > MAX_NOTE) throw new ValidationException("Content is too long (maximum is 500 characters)");
        return db.write(h -> {
            reports.byId(h, reportId).orElseThrow(() -> new NotFoundException("report"));
            ReportNote n = new ReportNote(ids.next(), reportId, actor.accountId(), c, clock.instant());
            extras.insertNote(h, n);
            log.record(h, actor, "create", "ReportNote", n.id(), Long.toString(reportId), Map.of("report_id", Long.toString(reportId)));
            return n;
        });
    }

    /**
     * Deletes a note: its author may, and so may staff placed above the author (Mastodon's {@code ReportNotePolicy});
     * audited as {@code destroy ReportNote}. Returns the report it was on.
     */
    public long deleteNote(StaffAccess.Actor actor, long noteId) {
        StaffAccess.require(actor, Permission.MANAGE_REPORTS);
        return db.write(h -> {
            ReportNote n = extras.note(h, noteId).orElseThrow(() -> new NotFoundException("note"));
            boolean author = actor.accountId() != null && actor.accountId() == n.accountId();
            if (!author) StaffAccess.requireOutranks(actor, accounts.userByAccountId(n.accountId()).map(roles::of).orElse(null));
            extras.deleteNote(h, noteId);
            log.record(h, actor, "destroy", "ReportNote", noteId, Long.toString(n.reportId()), Map.of("report_id", Long.toString(n.reportId())));
            return n.reportId();
        });
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
