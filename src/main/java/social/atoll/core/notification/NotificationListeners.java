package social.atoll.core.notification;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import social.atoll.core.follow.FollowEvents;
import social.atoll.core.follow.FollowStore;
import social.atoll.core.privacy.VisibilityPolicy;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusEvents;
import social.atoll.infra.events.EventBus;

/**
 * Creates and removes notifications in the same transaction as their cause: a notification never exists without
 * its favourite, boost, follow or status, and never outlives it. (Notifications pointing at a deleted status go with
 * it through the foreign key.)
 */
public final class NotificationListeners {

    /**
     * Asked, in the status's transaction, whether its mentions must wait for a moderator (server-wide spam
     * defence); true: no mention notification now.
     */
    public interface MentionHold {
        boolean hold(Handle h, Status s, java.util.Collection<Long> mentionedAccountIds);
    }

    private volatile MentionHold hold = (h, s, m) -> false;

    private final NotificationStore store;
    private final VisibilityPolicy visibility;
    private final FollowStore follows;
    private final Clock clock;

    public NotificationListeners(NotificationStore store, VisibilityPolicy visibility, FollowStore follows, Clock clock) {
        this.follows = follows;
        this.store = store;
        this.visibility = visibility;
        this.clock = clock;
    }

    public void holdMentionsWith(MentionHold hold) { this.hold = hold; }

    public void register(EventBus events) {
        events.inTransaction(StatusEvents.StatusCreated.class, this::statusCreated);
        events.inTransaction(StatusEvents.StatusDeleted.class, (h, e) -> {
            if (e.reblogOf() != null && e.status().isReblog())
                store.remove(h, e.reblogOf().accountId(), e.status().accountId(), Notification.REBLOG, e.reblogOf().id());
        });
        events.inTransaction(StatusEvents.Favourited.class, (h, e) ->
                store.add(h, e.status().accountId(), e.accountId(), Notification.FAVOURITE, e.status().id(), clock.instant()));
        events.inTransaction(StatusEvents.Unfavourited.class, (h, e) ->
                store.remove(h, e.status().accountId(), e.accountId(), Notification.FAVOURITE, e.status().id()));
        events.inTransaction(FollowEvents.FollowRequested.class, (h, e) ->
                store.add(h, e.targetId(), e.followerId(), Notification.FOLLOW_REQUEST, null, clock.instant()));
        events.inTransaction(FollowEvents.Followed.class, (h, e) -> {
            // an accepted request already told the target; its request notification is done with
            int requests = store.remove(h, e.targetId(), e.followerId(), Notification.FOLLOW_REQUEST, null);
            if (requests == 0) store.add(h, e.targetId(), e.followerId(), Notification.FOLLOW, null, clock.instant());
        });
        events.inTransaction(FollowEvents.Unfollowed.class, (h, e) -> {
            store.remove(h, e.targetId(), e.followerId(), Notification.FOLLOW, null);
            store.remove(h, e.targetId(), e.followerId(), Notification.FOLLOW_REQUEST, null);
        });
        events.inTransaction(FollowEvents.FollowRequestRejected.class, (h, e) ->
                store.remove(h, e.targetId(), e.followerId(), Notification.FOLLOW_REQUEST, null));
    }

    private void statusCreated(Handle h, StatusEvents.StatusCreated e) {
        Status s = e.status();
        var now = clock.instant();
        if (s.isReblog()) {
            if (e.reblogOf() != null) store.add(h, e.reblogOf().accountId(), s.accountId(), Notification.REBLOG, e.reblogOf().id(), now);
            return;
        }
        Set<Long> notified = new HashSet<>();
        boolean held = !e.mentionedAccountIds().isEmpty() && hold.hold(h, s, e.mentionedAccountIds());
        if (!held) for (Long mentioned : e.mentionedAccountIds()) {
            if (store.add(h, mentioned, s.accountId(), Notification.MENTION, s.id(), now)) notified.add(mentioned);
        }
        // "status" notifications for followers who asked to be told; not for replies to others
        if (s.inReplyToAccountId() != null && s.inReplyToAccountId() != s.accountId()) return;
        if (s.inReplyToUri() != null && s.inReplyToAccountId() == null) return;
        String recipients = visibility.recipientCondition(s, "f.account_id");
        List<Long> subscribers = follows.localNotifiedFollowers(h, s.accountId(), recipients, s.id());
        for (Long subscriber : subscribers) {
            if (!notified.contains(subscriber)) store.add(h, subscriber, s.accountId(), Notification.STATUS, s.id(), now);
        }
    }
}
