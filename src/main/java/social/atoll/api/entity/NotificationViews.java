package social.atoll.api.entity;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import social.atoll.core.moderation.ReportService;
import social.atoll.core.notification.Notification;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusQueries;

/** Core notifications → Mastodon Notification JSON, a page at a time (accounts, statuses and reports batched). */
public final class NotificationViews {

    private final StatusQueries statuses;
    private final StatusViews statusViews;
    private final AccountViews accounts;
    private final ReportService reports;
    private final ReportViews reportViews;
    private final social.atoll.core.moderation.AccountModeration warnings;

    public NotificationViews(StatusQueries statuses, StatusViews statusViews, AccountViews accounts, ReportService reports,
                             social.atoll.core.moderation.AccountModeration warnings) {
        this.warnings = warnings;
        this.statuses = statuses;
        this.statusViews = statusViews;
        this.accounts = accounts;
        this.reports = reports;
        this.reportViews = new ReportViews(accounts);
    }

    public NotificationEntity render(Notification n, long viewerId) { return renderAll(List.of(n), viewerId).get(0); }

    /**
     * Renders in order. A notification whose actor or status can no longer be rendered is left out rather than sent
     * with a null Mastodon clients would choke on.
     */
    public List<NotificationEntity> renderAll(List<Notification> list, long viewerId) {
        Set<Long> actorIds = new HashSet<>();
        Set<Long> statusIds = new HashSet<>();
        Set<Long> reportIds = new HashSet<>();
        Set<Long> warningIds = new HashSet<>();
        for (Notification n : list) {
            actorIds.add(n.fromAccountId());
            if (n.statusId() != null) statusIds.add(n.statusId());
            if (n.reportId() != null) reportIds.add(n.reportId());
            if (n.accountWarningId() != null) warningIds.add(n.accountWarningId());
        }
        Map<Long, social.atoll.core.moderation.AccountWarning> warningsById = warnings.warnings(warningIds);
        Map<Long, ReportEntity> reportsById = reportIds.isEmpty()
                ? Map.of() : reportViews.renderAll(reports.byIds(reportIds).values());
        Map<Long, AccountEntity> actors = accounts.renderByIds(actorIds);
        List<Status> found = new ArrayList<>(statuses.byIds(statusIds).values());
        // the notifications filter context: a status hidden by a filter takes its notification with it
        List<StatusEntity> rendered = statusViews.renderAll(found, viewerId, "notifications");
        Map<String, StatusEntity> byId = new java.util.HashMap<>();
        for (StatusEntity e : rendered) byId.put(e.id(), e);
        List<NotificationEntity> out = new ArrayList<>(list.size());
        for (Notification n : list) {
            AccountEntity actor = actors.get(n.fromAccountId());
            StatusEntity status = n.statusId() == null ? null : byId.get(n.statusId().toString());
            ReportEntity report = n.reportId() == null ? null : reportsById.get(n.reportId());
            if (actor == null || (n.statusId() != null && status == null)) continue;
            if (Notification.ADMIN_REPORT.equals(n.type()) && report == null) continue;
            String id = Long.toString(n.id());
            AccountWarningEntity warning = null;
            if (n.accountWarningId() != null) {
                var w = warningsById.get(n.accountWarningId());
                if (w == null) continue;
                warning = new AccountWarningEntity(Long.toString(w.id()), w.action(), w.text(),
                        w.statusIds().stream().map(String::valueOf).toList(), actor, null, Dates.datetime(w.createdAt()));
            }
            out.add(new NotificationEntity(id, n.type(), Dates.datetime(n.createdAt()), "ungrouped-" + id, actor, status, report, warning));
        }
        return out;
    }
}
