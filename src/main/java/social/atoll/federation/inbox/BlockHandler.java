package social.atoll.federation.inbox;

import social.atoll.core.common.ForbiddenException;
import social.atoll.core.common.NotFoundException;

/**
 * {@code Block} of a local account by a remote one: follows end both ways and the block is stored, so the local
 * account's posts stop going to the blocker and the blocker's posts are hidden from them.
 */
final class BlockHandler implements ActivityHandler {

    private final InboxServices s;

    BlockHandler(InboxServices s) { this.s = s; }

    @Override
    public void handle(InboundActivity a) {
        s.localAccount(a.objectId()).ifPresent(target -> {
            try {
                s.blocks().block(a.actor().id(), target.id());
            } catch (ForbiddenException | NotFoundException ignored) {
                // the local account is not visible (pending sign-up): nothing to block
            }
        });
    }
}
