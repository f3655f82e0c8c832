package social.atoll.core.relationship;

import java.time.Clock;
import social.atoll.core.account.AccountStore;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.common.ValidationException;
import social.atoll.core.follow.FollowEvents;
import social.atoll.core.follow.FollowStore;
import social.atoll.infra.db.Database;
import social.atoll.infra.events.EventBus;
import social.atoll.infra.ids.IdGenerator;

/**
 * Endorsing ("featuring") accounts on one's profile. As in Mastodon only followed accounts can be endorsed, and an
 * unfollow (or a block, which unfollows) ends the endorsement.
 */
public final class EndorsementService {

    private final Database db;
    private final RelationshipStore store;
    private final AccountStore accounts;
    private final FollowStore follows;
    private final IdGenerator ids;
    private final Clock clock;

    public EndorsementService(Database db, RelationshipStore store, AccountStore accounts, FollowStore follows, IdGenerator ids, Clock clock) {
        this.follows = follows;
        this.db = db;
        this.store = store;
        this.accounts = accounts;
        this.ids = ids;
        this.clock = clock;
    }

    public void register(EventBus events) {
        events.inTransaction(FollowEvents.Unfollowed.class, (h, e) -> store.deleteEndorsement(h, e.followerId(), e.targetId()));
    }

    public void endorse(long accountId, long targetId) {
        db.write(h -> {
            accounts.visibleById(targetId).orElseThrow(() -> new NotFoundException("account"));
            if (!follows.follows(accountId, targetId)) throw new ValidationException("You must be already following the person you want to endorse");
            store.insertEndorsement(h, ids.next(), accountId, targetId, clock.instant());
            return null;
        });
    }

    public void unendorse(long accountId, long targetId) {
        db.write(h -> {
            accounts.visibleById(targetId).orElseThrow(() -> new NotFoundException("account"));
            store.deleteEndorsement(h, accountId, targetId);
            return null;
        });
    }
}
