package social.atoll.core.relationship;

import java.time.Clock;
import social.atoll.core.account.AccountStore;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.common.ValidationException;
import social.atoll.core.follow.FollowEvents;
import social.atoll.infra.db.Database;
import social.atoll.infra.events.EventBus;
import social.atoll.infra.ids.IdGenerator;

/**
 * Endorsing ("featuring") accounts on one's profile. As in Mastodon only followed accounts can be endorsed, and an
 * unfollow (or a block, which unfollows) ends the endorsement.
 */
public final class EndorsementService {

    private final Database db;
    private final AccountStore accounts;
    private final IdGenerator ids;
    private final Clock clock;

    public EndorsementService(Database db, AccountStore accounts, IdGenerator ids, Clock clock) {
        this.db = db;
        this.accounts = accounts;
        this.ids = ids;
        this.clock = clock;
    }

    public void register(EventBus events) {
        events.inTransaction(FollowEvents.Unfollowed.class, (h, e) ->
                h.createUpdate("DELETE FROM account_pins WHERE account_id = :a AND target_account_id = :t")
                        .bind("a", e.followerId()).bind("t", e.targetId()).execute());
    }

    public void endorse(long accountId, long targetId) {
        db.write(h -> {
            accounts.visibleById(targetId).orElseThrow(() -> new NotFoundException("account"));
            boolean following = h.createQuery("SELECT COUNT(*) FROM follows WHERE account_id = :a AND target_account_id = :t")
                    .bind("a", accountId).bind("t", targetId).mapTo(Integer.class).one() > 0;
            if (!following) throw new ValidationException("You must be already following the person you want to endorse");
            h.createUpdate("""
                            INSERT INTO account_pins (id, account_id, target_account_id, created_at) VALUES (:id, :a, :t, :now)
                            ON CONFLICT (account_id, target_account_id) DO NOTHING""")
                    .bind("id", ids.next()).bind("a", accountId).bind("t", targetId).bind("now", clock.instant()).execute();
            return null;
        });
    }

    public void unendorse(long accountId, long targetId) {
        db.write(h -> {
            accounts.visibleById(targetId).orElseThrow(() -> new NotFoundException("account"));
            h.createUpdate("DELETE FROM account_pins WHERE account_id = :a AND target_account_id = :t")
                    .bind("a", accountId).bind("t", targetId).execute();
            return null;
        });
    }
}
