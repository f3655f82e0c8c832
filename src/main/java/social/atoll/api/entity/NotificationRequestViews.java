package social.atoll.api.entity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import social.atoll.core.notification.NotificationRequest;
import social.atoll.core.status.StatusQueries;

/** Core notification requests → Mastodon NotificationRequest JSON, a page at a time (accounts and statuses batched). */
public final class NotificationRequestViews {

    private final StatusQueries statuses;
    private final StatusViews statusViews;
    private final AccountViews accounts;

    public NotificationRequestViews(StatusQueries statuses, StatusViews statusViews, AccountViews accounts) {
        this.statuses = statuses;
        this.statusViews = statusViews;
        this.accounts = accounts;
    }

    /** In order; a request whose sender can no longer be rendered is left out. */
    public List<NotificationRequestEntity> renderAll(List<NotificationRequest> list, long viewerId) {
        Set<Long> senders = new HashSet<>();
        Set<Long> statusIds = new HashSet<>();
        for (NotificationRequest r : list) {
            senders.add(r.fromAccountId());
            if (r.lastStatusId() != null) statusIds.add(r.lastStatusId());
        }
        Map<Long, AccountEntity> rendered = accounts.renderByIds(senders);
        Map<String, StatusEntity> byId = new HashMap<>();
        for (StatusEntity e : statusViews.renderAll(new ArrayList<>(statuses.visible(viewerId, List.copyOf(statusIds))), viewerId))
            byId.put(e.id(), e);
        List<NotificationRequestEntity> out = new ArrayList<>(list.size());
        for (NotificationRequest r : list) {
            AccountEntity account = rendered.get(r.fromAccountId());
            if (account == null) continue;
            StatusEntity last = r.lastStatusId() == null ? null : byId.get(r.lastStatusId().toString());
            out.add(new NotificationRequestEntity(Long.toString(r.id()), Dates.datetime(r.createdAt()), Dates.datetime(r.updatedAt()), account,
                    Integer.toString(r.notificationsCount()), last));
        }
        return out;
    }
}
