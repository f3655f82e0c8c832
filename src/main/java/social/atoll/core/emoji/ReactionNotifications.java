package social.atoll.core.emoji;

import java.time.Clock;
import social.atoll.core.notification.NotificationStore;
import social.atoll.infra.events.EventBus;

/**
 * A reaction to a local post tells its author ({@code pleroma:emoji_reaction}). One notification per reacting account
 * and post, showing its first reaction; it goes when that account has taken all its reactions back.
 */
public final class ReactionNotifications {

    /** Pleroma's and Akkoma's notification type, which their clients and megalodon read. */
    public static final String TYPE = "pleroma:emoji_reaction";

    private final NotificationStore notifications;
    private final ReactionStore reactions;
    private final Clock clock;

    public ReactionNotifications(NotificationStore notifications, ReactionStore reactions, Clock clock) {
        this.notifications = notifications;
        this.reactions = reactions;
        this.clock = clock;
    }

    public void register(EventBus events) {
        events.inTransaction(ReactionEvents.Reacted.class, (h, e) ->
                notifications.add(h, e.status().accountId(), e.accountId(), TYPE, e.status().id(), clock.instant()));
        events.inTransaction(ReactionEvents.Unreacted.class, (h, e) -> {
            if (!reactions.anyOf(h, e.status().id(), e.accountId()))
                notifications.remove(h, e.status().accountId(), e.accountId(), TYPE, e.status().id());
        });
    }
}
