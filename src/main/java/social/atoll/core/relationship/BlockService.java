package social.atoll.core.relationship;

import java.time.Clock;
import social.atoll.core.account.AccountStore;
import social.atoll.core.common.ForbiddenException;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.follow.FollowService;
import social.atoll.infra.db.Database;
import social.atoll.infra.events.EventBus;
import social.atoll.infra.ids.IdGenerator;

/**
 * Blocking, as Mastodon does it: the follows between the two accounts end both ways (pending requests too), through
 * {@link FollowService} so that counts, feeds and notifications follow; then the block is stored and announced
 * ({@link BlockEvents.Blocked}: feeds and notifications of the blocker drop the blocked account, federation sends a
 * Block). Everything commits together.
 */
public final class BlockService {

    private final Database db;
    private final AccountStore accounts;
    private final FollowService follows;
    private final IdGenerator ids;
    private final Clock clock;
    private final EventBus events;

    public BlockService(Database db, AccountStore accounts, FollowService follows, IdGenerator ids, Clock clock, EventBus events) {
        this.db = db;
        this.accounts = accounts;
        this.follows = follows;
        this.ids = ids;
        this.clock = clock;
        this.events = events;
    }

    /** Blocks {@code targetId}; blocking again changes nothing. */
    public void block(long accountId, long targetId) {
        if (accountId == targetId) throw new ForbiddenException("This action is not allowed");
        db.write(h -> {
            accounts.visibleById(targetId).orElseThrow(() -> new NotFoundException("account"));
            follows.unfollow(accountId, targetId);
            follows.unfollow(targetId, accountId);
            int added = h.createUpdate("""
                            INSERT INTO blocks (id, account_id, target_account_id, created_at) VALUES (:id, :a, :t, :now)
                            ON CONFLICT (account_id, target_account_id) DO NOTHING""")
                    .bind("id", ids.next()).bind("a", accountId).bind("t", targetId).bind("now", clock.instant()).execute();
            if (added > 0) events.publish(new BlockEvents.Blocked(accountId, targetId));
            return null;
        });
    }

    public void unblock(long accountId, long targetId) {
        db.write(h -> {
            accounts.visibleById(targetId).orElseThrow(() -> new NotFoundException("account"));
            int removed = h.createUpdate("DELETE FROM blocks WHERE account_id = :a AND target_account_id = :t")
                    .bind("a", accountId).bind("t", targetId).execute();
            if (removed > 0) events.publish(new BlockEvents.Unblocked(accountId, targetId));
            return null;
        });
    }
}
