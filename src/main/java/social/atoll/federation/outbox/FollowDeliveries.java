package social.atoll.federation.outbox;

import social.atoll.core.account.Account;
import social.atoll.core.follow.FollowEvents;
import social.atoll.infra.events.EventBus;

/**
 * Follows across servers: a local account's {@code Follow} of a remote one and its {@code Undo}; a local account's
 * {@code Accept} or {@code Reject} of a remote follower, with the original Follow embedded. Each goes to the other
 * account's own inbox.
 */
final class FollowDeliveries implements OutboxHandler {

    private final OutboxServices s;

    FollowDeliveries(OutboxServices s) { this.s = s; }

    @Override
    public void register(EventBus events) {
        events.inTransaction(FollowEvents.FollowRequested.class, (h, e) -> requested(e.followerId(), e.targetId()));
        events.inTransaction(FollowEvents.Followed.class, (h, e) -> answered(e.followerId(), e.targetId(), true));
        events.inTransaction(FollowEvents.FollowRequestRejected.class, (h, e) -> answered(e.followerId(), e.targetId(), false));
        events.inTransaction(FollowEvents.Unfollowed.class, (h, e) -> unfollowed(e.followerId(), e.targetId()));
    }

    /** The Follow's id is made from the request's row and kept on it, so that the answer can be matched. */
    private void requested(long followerId, long targetId) {
        Account follower = s.audience.local(followerId).orElse(null);
        Account target = s.audience.remote(targetId).orElse(null);
        if (follower == null || target == null) return;
        long requestId = s.follows.request(followerId, targetId).map(f -> f.id()).orElse(s.ids.next());
        var follow = s.activities.follow(follower, target, requestId);
        s.follows.recordUri(followerId, targetId, follow.path("id").asText());
        s.deliveries.send(follow, follower, s.audience.personalInbox(targetId));
    }

    private void answered(long followerId, long targetId, boolean accept) {
        Account follower = s.audience.remote(followerId).orElse(null);
        Account target = s.audience.local(targetId).orElse(null);
        if (follower == null || target == null) return;
        String followUri = s.follows.follow(followerId, targetId).map(f -> f.uri()).orElse(null);
        s.deliveries.send(s.activities.followAnswer(accept, target, follower, followUri), target, s.audience.personalInbox(followerId));
    }

    private void unfollowed(long followerId, long targetId) {
        Account follower = s.audience.local(followerId).orElse(null);
        Account target = s.audience.remote(targetId).orElse(null);
        if (follower == null || target == null || s.audience.deleting(follower)) return;
        s.deliveries.send(s.activities.unfollow(follower, target), follower, s.audience.personalInbox(targetId));
    }
}
