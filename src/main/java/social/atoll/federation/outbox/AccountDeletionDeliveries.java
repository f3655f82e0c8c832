package social.atoll.federation.outbox;

import social.atoll.core.account.Account;
import social.atoll.core.deletion.AccountDeletionEvents;
import social.atoll.infra.events.EventBus;

/**
 * A local account is being deleted: one {@code Delete} of the actor, signed with its key, to every server that
 * knows it (followers and followed accounts, and those that interacted with it or it with them), one delivery per
 * shared inbox. Read in the transaction that began the deletion, before the purge removes those links.
 */
final class AccountDeletionDeliveries implements OutboxHandler {

    private final OutboxServices s;

    AccountDeletionDeliveries(OutboxServices s) { this.s = s; }

    @Override
    public void register(EventBus events) {
        events.inTransaction(AccountDeletionEvents.DeletionStarted.class, (h, e) -> started(e.accountId()));
    }

    private void started(long accountId) {
        Account account = s.audience.local(accountId).orElse(null);
        if (account == null) return;
        s.deliveries.send(s.activities.actorDeleted(account), account, s.audience.knowing(accountId));
    }
}
