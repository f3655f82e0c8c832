package social.atoll.federation.outbox;

import social.atoll.core.account.Account;
import social.atoll.core.relationship.BlockEvents;
import social.atoll.infra.events.EventBus;

/** A local account blocking or unblocking a remote one: {@code Block} or its {@code Undo}, to the blocked account. */
final class BlockDeliveries implements OutboxHandler {

    private final OutboxServices s;

    BlockDeliveries(OutboxServices s) { this.s = s; }

    @Override
    public void register(EventBus events) {
        events.inTransaction(BlockEvents.Blocked.class, (h, e) -> block(e.accountId(), e.targetId(), false));
        events.inTransaction(BlockEvents.Unblocked.class, (h, e) -> block(e.accountId(), e.targetId(), true));
    }

    private void block(long accountId, long targetId, boolean undo) {
        Account actor = s.audience.local(accountId).orElse(null);
        Account target = s.audience.remote(targetId).orElse(null);
        if (actor == null || target == null) return;
        s.deliveries.send(s.activities.block(actor, target, undo), actor, s.audience.personalInbox(targetId));
    }
}
