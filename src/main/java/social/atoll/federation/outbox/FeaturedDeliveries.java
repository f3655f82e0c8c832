package social.atoll.federation.outbox;

import social.atoll.core.account.Account;
import social.atoll.core.status.PinEvents;
import social.atoll.core.status.Status;
import social.atoll.infra.events.EventBus;

/** Pinning or unpinning a post: {@code Add}/{@code Remove} on the featured collection, to followers (Mastodon). */
final class FeaturedDeliveries implements OutboxHandler {

    private final OutboxServices s;

    FeaturedDeliveries(OutboxServices s) { this.s = s; }

    @Override
    public void register(EventBus events) {
        events.inTransaction(PinEvents.Pinned.class, (h, e) -> featured(e.accountId(), e.status(), true));
        events.inTransaction(PinEvents.Unpinned.class, (h, e) -> featured(e.accountId(), e.status(), false));
    }

    private void featured(long accountId, Status status, boolean add) {
        Account actor = s.audience.local(accountId).orElse(null);
        // a local-only post is not featured elsewhere: other servers could not fetch it anyway
        if (actor == null || actor.featuredUrl() == null || status.localOnly()) return;
        s.deliveries.send(s.activities.featured(actor, status, add), actor, s.audience.followerInboxes(accountId));
    }
}
