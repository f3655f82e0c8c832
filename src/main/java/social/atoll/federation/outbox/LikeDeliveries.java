package social.atoll.federation.outbox;

import social.atoll.core.account.Account;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusEvents;
import social.atoll.infra.events.EventBus;

/** A local account's favourite of a remote status, or its removal: {@code Like} or its {@code Undo}, to the author. */
final class LikeDeliveries implements OutboxHandler {

    private final OutboxServices s;

    LikeDeliveries(OutboxServices s) { this.s = s; }

    @Override
    public void register(EventBus events) {
        events.inTransaction(StatusEvents.Favourited.class, (h, e) -> like(e.accountId(), e.status(), false));
        events.inTransaction(StatusEvents.Unfavourited.class, (h, e) -> like(e.accountId(), e.status(), true));
    }

    private void like(long accountId, Status status, boolean undo) {
        Account actor = s.audience.local(accountId).orElse(null);
        if (actor == null || status.local()) return;
        s.deliveries.send(s.activities.like(actor, status, undo), actor, s.audience.personalInbox(status.accountId()));
    }
}
