package social.atoll.federation.outbox;

import social.atoll.core.account.Account;
import social.atoll.core.migration.MigrationEvents;
import social.atoll.infra.events.EventBus;

/**
 * A local account moved: {@code Move} to the servers of its followers, one delivery per shared inbox. (The
 * {@code Update} of the actor, now carrying {@code movedTo}, goes out as any profile change does.)
 */
final class MoveDeliveries implements OutboxHandler {

    private final OutboxServices s;

    MoveDeliveries(OutboxServices s) { this.s = s; }

    @Override
    public void register(EventBus events) {
        events.inTransaction(MigrationEvents.AccountMoved.class, (h, e) -> {
            if (e.local()) moved(e.moveId(), e.accountId(), e.targetId());
        });
    }

    private void moved(long moveId, long accountId, long targetId) {
        Account account = s.audience.local(accountId).orElse(null);
        Account target = s.audience.local(targetId).or(() -> s.audience.remote(targetId)).orElse(null);
        if (account == null || target == null) return;
        s.deliveries.send(s.activities.move(account, target, moveId), account, s.audience.followerInboxes(accountId));
    }
}
