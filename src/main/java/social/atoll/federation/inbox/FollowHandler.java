package social.atoll.federation.inbox;

import social.atoll.core.account.Account;
import social.atoll.core.common.ForbiddenException;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.follow.FollowOptions;
import social.atoll.federation.outbox.FollowAnswers;

/**
 * {@code Follow} of a local account: a locked account gets a follow request, an open one a follow — the Accept goes
 * out from the outbox when the follow exists. A Follow repeated for an existing follow (Mastodon re-follows after
 * key changes) is accepted again; one across a block is rejected.
 */
final class FollowHandler implements ActivityHandler {

    private final InboxServices s;
    private final FollowAnswers answers;

    FollowHandler(InboxServices s, FollowAnswers answers) {
        this.s = s;
        this.answers = answers;
    }

    @Override
    public void handle(InboundActivity a) {
        Account target = s.localAccount(a.objectId()).orElse(null);
        if (target == null) return; // not ours (or a relay Follow of as:Public, which Atoll does not serve)
        Account follower = a.actor();
        if (s.followStore().follow(follower.id(), target.id()).isPresent()) {
            answers.answer(follower, target, a.id(), "Accept");
            return;
        }
        try {
            s.follows().follow(follower.id(), target.id(), FollowOptions.DEFAULTS, a.id());
        } catch (ForbiddenException | NotFoundException e) {
            answers.answer(follower, target, a.id(), "Reject");
        }
    }
}
