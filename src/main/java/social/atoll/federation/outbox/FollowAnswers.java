package social.atoll.federation.outbox;

import social.atoll.core.account.Account;

/**
 * Accept or Reject of a remote Follow that core has no event for: a Follow repeated for a follow that already
 * exists, or one refused across a block. (Answers to new follows go out from {@link FollowDeliveries}.)
 */
public final class FollowAnswers {

    private final OutboxServices s;

    public FollowAnswers(OutboxServices s) { this.s = s; }

    /** Sends {@code type} (Accept or Reject) of the Follow {@code followId} from remote {@code follower} to local {@code target}. */
    public void answer(Account follower, Account target, String followId, String type) {
        s.deliveries.send(s.activities.followAnswer(type.equals("Accept"), target, follower, followId), target,
                s.audience.personalInbox(follower.id()));
    }
}
