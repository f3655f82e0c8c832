package social.atoll.core.timeline;

import org.jdbi.v3.core.Handle;
import social.atoll.core.follow.FollowStore;
import social.atoll.core.list.ListStore;
import social.atoll.core.relationship.BlockEvents;
import social.atoll.infra.events.EventBus;
import social.atoll.infra.jobs.JobQueue;

/**
 * Takes what a user no longer wants out of their home feed and list feeds when they block or mute an account or
 * block a domain: the account's statuses and boosts of them. Fan-out keeps them out afterwards (see
 * {@link HomeFeedStore}). An unmute back-fills the account's recent statuses, as a new follow does.
 */
public final class FeedCleanup {

    private final HomeFeedStore homeFeed;
    private final ListStore lists;
    private final FollowStore follows;
    private final JobQueue jobs;

    public FeedCleanup(HomeFeedStore homeFeed, ListStore lists, FollowStore follows, JobQueue jobs) {
        this.homeFeed = homeFeed;
        this.lists = lists;
        this.follows = follows;
        this.jobs = jobs;
    }

    public void register(EventBus events) {
        events.inTransaction(BlockEvents.Blocked.class, (h, e) -> removeAccount(h, e.accountId(), e.targetId()));
        events.inTransaction(BlockEvents.Muted.class, (h, e) -> removeAccount(h, e.accountId(), e.targetId()));
        events.inTransaction(BlockEvents.Unmuted.class, (h, e) -> {
            if (follows.localFollows(h, e.accountId(), e.targetId()))
                jobs.enqueue(HomeFeedFanout.MERGE, e.accountId() + ":" + e.targetId(), new HomeFeedFanout.Merge(e.accountId(), e.targetId()));
        });
        events.inTransaction(BlockEvents.DomainBlocked.class, (h, e) -> {
            homeFeed.removeDomain(h, e.accountId(), e.domain());
            lists.removeDomainFromFeeds(h, e.accountId(), e.domain());
        });
    }

    private void removeAccount(Handle h, long readerId, long targetId) {
        homeFeed.removeAccount(h, readerId, targetId);
        lists.removeAccountFromFeeds(h, readerId, targetId);
    }
}
