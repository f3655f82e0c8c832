package social.atoll.federation.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import social.atoll.core.account.Account;
import social.atoll.core.common.NotFoundException;
import social.atoll.federation.vocab.AsValues;

/**
 * {@code Accept} and {@code Reject} of a Follow a local account sent. The Follow is found by its id or by the
 * embedded {actor, object} pair (some servers re-render it, Misskey mints new ids). A Reject of an accepted follow
 * removes it ("remove follower").
 */
final class FollowResponseHandler implements ActivityHandler {

    private final InboxServices s;
    private final boolean accept;

    FollowResponseHandler(InboxServices s, boolean accept) {
        this.s = s;
        this.accept = accept;
    }

    @Override
    public void handle(InboundActivity a) {
        Account target = a.actor();
        Account follower = follower(a).orElse(null);
        if (follower == null) return;
        boolean pending = s.followStore().request(follower.id(), target.id()).isPresent();
        try {
            if (accept && pending) s.follows().authorize(target.id(), follower.id());
            else if (!accept && pending) s.follows().reject(target.id(), follower.id());
            else if (!accept && s.followStore().follow(follower.id(), target.id()).isPresent()) s.follows().unfollow(follower.id(), target.id());
        } catch (NotFoundException e) {
            // answered twice: the first answer already did the work
        }
    }

    /** The local account whose Follow this answers. */
    private Optional<Account> follower(InboundActivity a) {
        JsonNode follow = a.object();
        if (follow != null && follow.isObject()) {
            String object = AsValues.id(follow, "object");
            if (object != null && !object.equals(a.actor().uri())) return Optional.empty();
            Optional<Account> byPair = s.localAccount(AsValues.id(follow, "actor"));
            if (byPair.isPresent()) return byPair;
        }
        String followId = a.objectId();
        if (followId == null) return Optional.empty();
        return s.followStore().followerByUri(followId, a.actor().id()).flatMap(s.accounts()::byId).filter(Account::local);
    }
}
