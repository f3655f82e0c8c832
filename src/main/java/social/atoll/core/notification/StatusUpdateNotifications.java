package social.atoll.core.notification;

import java.time.Clock;
import java.util.List;
import social.atoll.core.status.StatusEvents;
import social.atoll.infra.events.EventBus;

/**
 * Tells the local accounts that boosted a status when it is edited ({@code update} notifications, as Mastodon does),
 * in the edit's transaction. A later edit replaces the earlier notification, so the newest edit is the one listed.
 */
public final class StatusUpdateNotifications {

    private final NotificationStore store;
    private final Clock clock;

    public StatusUpdateNotifications(NotificationStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public void register(EventBus events) {
        events.inTransaction(StatusEvents.StatusUpdated.class, (h, e) -> {
            long author = e.status().accountId();
            long statusId = e.status().id();
            List<Long> boosters = h.createQuery("""
                            SELECT DISTINCT s.account_id FROM statuses s JOIN accounts a ON a.id = s.account_id
                            WHERE s.reblog_of_id = :id AND s.deleted_at IS NULL AND a.domain IS NULL""")
                    .bind("id", statusId).mapTo(Long.class).list();
            for (long booster : boosters) {
                store.remove(h, booster, author, Notification.UPDATE, statusId);
                store.add(h, booster, author, Notification.UPDATE, statusId, clock.instant());
            }
        });
    }
}
