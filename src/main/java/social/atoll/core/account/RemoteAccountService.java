package social.atoll.core.account;

import java.time.Clock;
import java.util.List;
import social.atoll.core.follow.FollowService;
import social.atoll.infra.db.Database;

/** Changes that remote servers make to their own accounts: a move to another account, the account going away. */
public final class RemoteAccountService {

    private final Database db;
    private final FollowService follows;
    private final Clock clock;

    public RemoteAccountService(Database db, FollowService follows, Clock clock) {
        this.db = db;
        this.follows = follows;
        this.clock = clock;
    }

    /** Records that remote {@code accountId} moved to {@code targetId} (the caller verified the two-way link). */
    public void recordMove(long accountId, long targetId) {
        db.write(h -> h.createUpdate("UPDATE accounts SET moved_to_account_id = :t, updated_at = :now WHERE id = :id AND domain IS NOT NULL")
                .bind("t", targetId).bind("now", clock.instant()).bind("id", accountId).execute());
    }

    /**
     * A remote account deleted itself: its follows end both ways and it is kept only as a suspended stub, so late
     * activities signed by it can still be recognised and nothing of it is shown.
     */
    public void gone(long accountId) {
        db.write(h -> {
            List<Long> following = h.createQuery("SELECT target_account_id FROM follows WHERE account_id = :a UNION SELECT target_account_id FROM follow_requests WHERE account_id = :a")
                    .bind("a", accountId).mapTo(Long.class).list();
            for (long t : following) follows.unfollow(accountId, t);
            List<Long> followers = h.createQuery("SELECT account_id FROM follows WHERE target_account_id = :a UNION SELECT account_id FROM follow_requests WHERE target_account_id = :a")
                    .bind("a", accountId).mapTo(Long.class).list();
            for (long f : followers) follows.unfollow(f, accountId);
            h.createUpdate("UPDATE accounts SET suspended_at = :now, updated_at = :now WHERE id = :id AND domain IS NOT NULL")
                    .bind("now", clock.instant()).bind("id", accountId).execute();
            return null;
        });
    }
}
