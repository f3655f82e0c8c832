package social.atoll.core.notification;

import social.atoll.core.relationship.BlockEvents;
import social.atoll.infra.events.EventBus;

/**
 * A block, or a domain block, takes the notifications from the blocked account(s) away with it, as in Mastodon. New
 * ones are never created ({@link NotificationStore#add} checks blocks, mutes and domain blocks).
 */
public final class BlockNotificationCleanup {

    public void register(EventBus events) {
        events.inTransaction(BlockEvents.Blocked.class, (h, e) ->
                h.createUpdate("DELETE FROM notifications WHERE account_id = :a AND from_account_id = :t")
                        .bind("a", e.accountId()).bind("t", e.targetId()).execute());
        events.inTransaction(BlockEvents.DomainBlocked.class, (h, e) ->
                h.createUpdate("DELETE FROM notifications WHERE account_id = :a"
                                + " AND from_account_id IN (SELECT id FROM accounts WHERE domain = :d)")
                        .bind("a", e.accountId()).bind("d", e.domain()).execute());
    }
}
