package social.atoll.core.timeline;

import org.jdbi.v3.core.Handle;
import social.atoll.core.relationship.BlockEvents;
import social.atoll.infra.events.EventBus;
import social.atoll.infra.jobs.JobQueue;

/**
 * Takes what a user no longer wants out of their home feed and list feeds when they block or mute an account or
 * block a domain: the account's statuses and boosts of them. Fan-out keeps them out afterwards (see
 * {@link HomeFeedStore}). An unmute back-fills the account's recent statuses, as a new follow does.
 */
public final class FeedCleanup {

    private static final String BY_ACCOUNT = "(author_id = :t OR reblog_of_id IN (SELECT s.id FROM statuses s WHERE s.account_id = :t))";
    private static final String BY_DOMAIN = "(author_id IN (SELECT a.id FROM accounts a WHERE a.domain = :d)"
            + " OR reblog_of_id IN (SELECT s.id FROM statuses s JOIN accounts a ON a.id = s.account_id WHERE a.domain = :d))";

    private final JobQueue jobs;

    public FeedCleanup(JobQueue jobs) { this.jobs = jobs; }

    public void register(EventBus events) {
        events.inTransaction(BlockEvents.Blocked.class, (h, e) -> removeAccount(h, e.accountId(), e.targetId()));
        events.inTransaction(BlockEvents.Muted.class, (h, e) -> removeAccount(h, e.accountId(), e.targetId()));
        events.inTransaction(BlockEvents.Unmuted.class, (h, e) -> {
            boolean following = h.createQuery("SELECT COUNT(*) FROM follows f JOIN accounts r ON r.id = f.account_id"
                            + " WHERE f.account_id = :r AND f.target_account_id = :t AND r.domain IS NULL")
                    .bind("r", e.accountId()).bind("t", e.targetId()).mapTo(Integer.class).one() > 0;
            if (following) jobs.enqueue(HomeFeedFanout.MERGE, e.accountId() + ":" + e.targetId(),
                    new HomeFeedFanout.Merge(e.accountId(), e.targetId()));
        });
        events.inTransaction(BlockEvents.DomainBlocked.class, (h, e) -> {
            h.createUpdate("DELETE FROM home_feed WHERE account_id = :r AND " + BY_DOMAIN)
                    .bind("r", e.accountId()).bind("d", e.domain()).execute();
            h.createUpdate("DELETE FROM list_feed WHERE list_id IN (SELECT l.id FROM lists l WHERE l.account_id = :r) AND " + BY_DOMAIN)
                    .bind("r", e.accountId()).bind("d", e.domain()).execute();
        });
    }

    private static void removeAccount(Handle h, long readerId, long targetId) {
        h.createUpdate("DELETE FROM home_feed WHERE account_id = :r AND " + BY_ACCOUNT)
                .bind("r", readerId).bind("t", targetId).execute();
        h.createUpdate("DELETE FROM list_feed WHERE list_id IN (SELECT l.id FROM lists l WHERE l.account_id = :r) AND " + BY_ACCOUNT)
                .bind("r", readerId).bind("t", targetId).execute();
    }
}
