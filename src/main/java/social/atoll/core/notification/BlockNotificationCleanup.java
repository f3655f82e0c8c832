package social.atoll.core.notification;

import social.atoll.core.relationship.BlockEvents;
import social.atoll.infra.events.EventBus;

/**
 * A block, or a domain block, takes the notifications from the blocked account(s) away with it, as in Mastodon. New
 * ones are never created ({@link NotificationStore#add} checks blocks, mutes and domain blocks).
 */
public final class BlockNotificationCleanup {

    private final NotificationStore store;

    public BlockNotificationCleanup(NotificationStore store) { this.store = store; }

    public void register(EventBus events) {
        events.inTransaction(BlockEvents.Blocked.class, (h, e) -> store.removeAllFrom(h, e.accountId(), e.targetId()));
        events.inTransaction(BlockEvents.DomainBlocked.class, (h, e) -> store.removeAllFromDomain(h, e.accountId(), e.domain()));
    }
}
