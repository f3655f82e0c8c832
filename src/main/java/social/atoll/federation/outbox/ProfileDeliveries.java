package social.atoll.federation.outbox;

import social.atoll.core.account.Account;
import social.atoll.core.account.ProfileService;
import social.atoll.infra.events.EventBus;

/** A local profile changed: {@code Update} of the actor, to the servers of its followers. */
final class ProfileDeliveries implements OutboxHandler {

    private final OutboxServices s;

    ProfileDeliveries(OutboxServices s) { this.s = s; }

    @Override
    public void register(EventBus events) {
        events.inTransaction(ProfileService.ProfileUpdated.class, (h, e) -> updated(e.accountId()));
    }

    private void updated(long accountId) {
        Account account = s.audience.local(accountId).orElse(null);
        if (account == null) return;
        s.deliveries.send(s.activities.profileUpdated(account, s.actors.write(account)), account, s.audience.followerInboxes(accountId));
    }
}
