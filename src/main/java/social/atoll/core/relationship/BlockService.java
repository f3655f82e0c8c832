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
    private final RelationshipStore store;
    private final AccountStore accounts;
    private final FollowService follows;
    private final IdGenerator ids;
    private final Clock clock;
    private final EventBus events;

    public BlockService(Database db, RelationshipStore store, AccountStore accounts, FollowService follows, IdGenerator ids, Clock clock, EventBus events) {
        this.db = db;
        this.store = store;
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
            int added = store.insertBlock(h, ids.next(), accountId, targetId, clock.instant());
            if (added > 0) events.publish(new BlockEvents.Blocked(accountId, targetId));
            return null;
        });
    }

    public void unblock(long accountId, long targetId) {
        db.write(h -> {
            accounts.visibleById(targetId).orElseThrow(() -> new NotFoundException("account"));
            int removed = store.deleteBlock(h, accountId, targetId);
            if (removed > 0) events.publish(new BlockEvents.Unblocked(accountId, targetId));
            return null;
        });
    }
}
