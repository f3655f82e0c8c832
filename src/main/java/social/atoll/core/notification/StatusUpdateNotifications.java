package social.atoll.core.notification;

import java.time.Clock;
import java.util.List;
import social.atoll.core.status.StatusEvents;
import social.atoll.core.status.StatusStore;
import social.atoll.infra.events.EventBus;

/**
 * Tells the local accounts that boosted a status when it is edited ({@code update} notifications, as Mastodon does),
 * in the edit's transaction. A later edit replaces the earlier notification, so the newest edit is the one listed.
 */
public final class StatusUpdateNotifications {

    private final NotificationStore store;
    private final StatusStore statuses;
    private final Clock clock;

    public StatusUpdateNotifications(NotificationStore store, StatusStore statuses, Clock clock) {
        this.store = store;
        this.statuses = statuses;
        this.clock = clock;
    }

    public void register(EventBus events) {
        events.inTransaction(StatusEvents.StatusUpdated.class, (h, e) -> {
            long author = e.status().accountId();
            long statusId = e.status().id();
            List<Long> boosters = statuses.localBoosters(h, statusId);
            for (long booster : boosters) {
                store.remove(h, booster, author, Notification.UPDATE, statusId);
                store.add(h, booster, author, Notification.UPDATE, statusId, clock.instant());
            }
        });
    }
}
