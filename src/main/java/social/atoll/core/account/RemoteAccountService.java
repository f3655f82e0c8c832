package social.atoll.core.account;

import java.time.Clock;
import social.atoll.core.follow.FollowService;
import social.atoll.core.follow.FollowStore;
import social.atoll.infra.db.Database;

/** Changes that remote servers make to their own accounts: the account going away (moves: {@code core/migration}). */
public final class RemoteAccountService {

    private final Database db;
    private final AccountStore accounts;
    private final FollowStore followStore;
    private final FollowService follows;
    private final Clock clock;

    public RemoteAccountService(Database db, AccountStore accounts, FollowStore followStore, FollowService follows, Clock clock) {
        this.db = db;
        this.accounts = accounts;
        this.followStore = followStore;
        this.follows = follows;
        this.clock = clock;
    }

    /**
     * A remote account deleted itself: its follows end both ways and it is kept only as a suspended stub, so late
     * activities signed by it can still be recognised and nothing of it is shown.
     */
    public void gone(long accountId) {
        db.write(h -> {
            for (long t : followStore.followedOrRequested(h, accountId)) follows.unfollow(accountId, t);
            for (long f : followStore.followersOrRequesters(h, accountId)) follows.unfollow(f, accountId);
            accounts.suspendRemote(h, accountId, clock.instant());
            accounts.dropProfileMedia(h, accountId); // its cached avatar and header are removed next
            return null;
        });
    }
}
