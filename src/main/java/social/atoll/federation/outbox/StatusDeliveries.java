package social.atoll.federation.outbox;

import social.atoll.core.account.Account;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusEvents;
import social.atoll.infra.events.EventBus;

/**
 * A local status posted, edited or deleted: {@code Create}, {@code Update} or {@code Delete} to its audience
 * (followers' servers by visibility, the mentioned, the author replied to); an edit and a deletion also reach the
 * servers of those who boosted, favourited or replied to it, as Mastodon's do. The events carry the complete status
 * (poll and media attached), so the activity is rendered and enqueued in the posting transaction.
 */
final class StatusDeliveries implements OutboxHandler {

    private final OutboxServices s;

    StatusDeliveries(OutboxServices s) { this.s = s; }

    @Override
    public void register(EventBus events) {
        events.inTransaction(StatusEvents.StatusCreated.class, (h, e) -> created(e));
        events.inTransaction(StatusEvents.StatusUpdated.class, (h, e) -> updated(e));
        events.inTransaction(StatusEvents.StatusDeleted.class, (h, e) -> deleted(e));
    }

    private void created(StatusEvents.StatusCreated e) {
        Status status = e.status();
        if (!status.local() || status.isReblog()) return;
        Account author = s.audience.local(status.accountId()).orElse(null);
        if (author == null) return;
        var inboxes = s.audience.ofStatus(status, author, e.mentionedAccountIds());
        if (!inboxes.isEmpty()) s.deliveries.send(s.notes.create(status), author, inboxes);
    }

    /** An edit goes to the post's audience (plus anyone newly mentioned) and to the servers that interacted with it. */
    private void updated(StatusEvents.StatusUpdated e) {
        Status status = e.status();
        if (!status.local() || status.isReblog()) return;
        Account author = s.audience.local(status.accountId()).orElse(null);
        if (author == null) return;
        var inboxes = s.audience.ofEdit(status, author, e.mentionedAccountIds());
        if (!inboxes.isEmpty()) s.deliveries.send(s.activities.statusEdited(author, status, s.notes.object(status)), author, inboxes);
    }

    private void deleted(StatusEvents.StatusDeleted e) {
        Status status = e.status();
        if (!status.local() || status.isReblog()) return;
        Account author = s.audience.local(status.accountId()).orElse(null);
        if (author == null || s.audience.deleting(author)) return;
        s.deliveries.send(s.activities.statusDeleted(author, status, s.audience.accounts(e.mentionedAccountIds())), author,
                s.audience.ofDeletion(status, author, e.mentionedAccountIds(), e.reachedAccountIds()));
    }
}
