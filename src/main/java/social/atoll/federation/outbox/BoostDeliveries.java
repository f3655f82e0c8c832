package social.atoll.federation.outbox;

import java.util.List;
import java.util.Set;
import social.atoll.core.account.Account;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusEvents;
import social.atoll.infra.events.EventBus;

/** A local boost, or its removal: {@code Announce} or its {@code Undo}, to the booster's followers and the boosted author. */
final class BoostDeliveries implements OutboxHandler {

    private final OutboxServices s;

    BoostDeliveries(OutboxServices s) { this.s = s; }

    @Override
    public void register(EventBus events) {
        events.inTransaction(StatusEvents.StatusCreated.class, (h, e) -> boosted(e.status(), e.reblogOf()));
        events.inTransaction(StatusEvents.StatusDeleted.class, (h, e) -> unboosted(e.status(), e.reblogOf()));
    }

    private void boosted(Status boost, Status original) {
        if (!boost.local() || !boost.isReblog() || original == null || boost.localOnly() || original.localOnly()) return;
        Account booster = s.audience.local(boost.accountId()).orElse(null);
        if (booster == null) return;
        s.deliveries.send(s.notes.announce(boost, original), booster, inboxes(booster, original));
    }

    private void unboosted(Status boost, Status original) {
        if (!boost.local() || !boost.isReblog() || boost.localOnly()) return;
        Account booster = s.audience.local(boost.accountId()).orElse(null);
        if (booster == null) return;
        s.deliveries.send(s.activities.boostUndone(booster, boost, original), booster, inboxes(booster, original));
    }

    private Set<String> inboxes(Account booster, Status original) {
        Set<String> inboxes = s.audience.followerInboxes(booster.id());
        if (original != null) inboxes.addAll(s.audience.inboxesOf(List.of(original.accountId())));
        return inboxes;
    }
}
