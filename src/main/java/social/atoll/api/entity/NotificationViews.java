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
    /** The emoji of {@code pleroma:emoji_reaction} notifications. */
    private final social.atoll.core.emoji.ReactionService reactions;
    private final EmojiViews emojis;

    public NotificationViews(StatusQueries statuses, StatusViews statusViews, AccountViews accounts, ReportService reports,
                             social.atoll.core.moderation.AccountModeration warnings, social.atoll.core.emoji.ReactionService reactions,
                             EmojiViews emojis) {
        this.reactions = reactions;
        this.emojis = emojis;
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
        Map<Long, social.atoll.core.moderation.Appeal> appealsByWarning = warningIds.isEmpty() ? Map.of() : warnings.appeals(warningIds);
        Map<Long, ReportEntity> reportsById = reportIds.isEmpty()
                ? Map.of() : reportViews.renderAll(reports.byIds(reportIds).values());
        Map<Long, AccountEntity> actors = accounts.renderByIds(actorIds);
        List<Status> found = new ArrayList<>(statuses.byIds(statusIds).values());
        // the notifications filter context: a status hidden by a filter takes its notification with it
        List<StatusEntity> rendered = statusViews.renderAll(found, viewerId, "notifications");
        Map<String, StatusEntity> byId = new java.util.HashMap<>();
        for (StatusEntity e : rendered) byId.put(e.id(), e);
        List<long[]> reacted = new ArrayList<>();
        for (Notification n : list)
            if (social.atoll.core.emoji.ReactionNotifications.TYPE.equals(n.type()) && n.statusId() != null)
                reacted.add(new long[] {n.statusId(), n.fromAccountId()});
        var reactionsOf = reacted.isEmpty() ? Map.<String, social.atoll.core.emoji.ReactionService.Summary>of() : reactions.notificationReactions(reacted);
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
                        w.statusIds().stream().map(String::valueOf).toList(), actor, appeal(appealsByWarning.get(w.id())),
                        Dates.datetime(w.createdAt()));
            }
            // a move's new account is where its old one moved to: rendered with it, as its `moved`
            AccountEntity target = Notification.MOVE.equals(n.type()) ? actor.moved() : null;
            if (Notification.MOVE.equals(n.type()) && target == null) continue;
            if (social.atoll.core.emoji.ReactionNotifications.TYPE.equals(n.type())) {
                var r = reactionsOf.get(n.statusId() + ":" + n.fromAccountId());
                if (r == null) continue;
                out.add(new NotificationEntity(id, n.type(), Dates.datetime(n.createdAt()), n.effectiveGroupKey(), actor, status, report, warning,
                        target, r.emoji() == null ? r.name() : r.emoji().colons(), emojis.url(r.emoji())));
                continue;
            }
            out.add(new NotificationEntity(id, n.type(), Dates.datetime(n.createdAt()), n.effectiveGroupKey(), actor, status, report, warning,
                    target));
        }
        return out;
    }

    private static AccountWarningEntity.AppealEntity appeal(social.atoll.core.moderation.Appeal a) {
        return a == null ? null : new AccountWarningEntity.AppealEntity(a.text(), a.state());
    }

    /** Mastodon's NotificationGroup entity. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS)
    public record NotificationGroupEntity(
            String groupKey, int notificationsCount, String type, String mostRecentNotificationId,
            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) String pageMinId,
            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) String pageMaxId,
            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) String latestPageNotificationAt,
            List<String> sampleAccountIds, String statusId,
            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) ReportEntity report,
            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) AccountWarningEntity moderationWarning) {}

    /** Mastodon's GroupedNotificationsResults: the groups, and each account and status they name, once. */
    public record GroupedResults(List<AccountEntity> accounts, List<StatusEntity> statuses, List<NotificationGroupEntity> notificationGroups) {}

    /**
     * Renders groups in order. A group whose newest notification cannot be rendered (its status gone or filtered, its
     * actor gone) is left out, as {@link #renderAll} leaves out such a notification.
     */
    public GroupedResults renderGroups(List<social.atoll.core.notification.GroupedNotifications.Group> groups, long viewerId) {
        List<NotificationEntity> latest = renderAll(groups.stream().map(g -> g.latest()).toList(), viewerId);
        Map<String, NotificationEntity> byId = new java.util.HashMap<>();
        for (NotificationEntity e : latest) byId.put(e.id(), e);
        Set<Long> accountIds = new java.util.LinkedHashSet<>();
        List<NotificationGroupEntity> out = new ArrayList<>();
        Map<String, StatusEntity> statusesById = new java.util.LinkedHashMap<>();
        for (var g : groups) {
            NotificationEntity e = byId.get(Long.toString(g.latest().id()));
            if (e == null) continue;
            accountIds.addAll(g.sampleAccountIds());
            if (e.status() != null) statusesById.putIfAbsent(e.status().id(), e.status());
            out.add(new NotificationGroupEntity(g.groupKey(), g.notificationsCount(), g.latest().type(),
                    Long.toString(g.mostRecentNotificationId()),
                    g.pageMinId() == null ? null : g.pageMinId().toString(), g.pageMaxId() == null ? null : g.pageMaxId().toString(),
                    g.latestPageNotificationAt() == null ? null : Dates.datetime(g.latestPageNotificationAt()),
                    g.sampleAccountIds().stream().map(String::valueOf).toList(), e.status() == null ? null : e.status().id(),
                    e.report(), e.moderationWarning()));
        }
        Map<Long, AccountEntity> rendered = accounts.renderByIds(accountIds);
        List<AccountEntity> accountList = new ArrayList<>();
        for (Long id : accountIds) if (rendered.containsKey(id)) accountList.add(rendered.get(id));
        return new GroupedResults(accountList, new ArrayList<>(statusesById.values()), out);
    }
}
