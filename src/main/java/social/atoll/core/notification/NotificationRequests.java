package social.atoll.core.notification;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import social.atoll.core.common.IdRange;
import social.atoll.infra.db.Database;
import social.atoll.infra.events.EventBus;

/**
 * A person's notification policy, the requests it holds (Mastodon 4.3) and their notification mail choices. Accepting
 * a request lets its sender through from then on and brings the filtered notifications back into the lists, in one
 * transaction; streaming then says {@code notifications_merged}, as Mastodon does when its merge job finishes.
 */
public final class NotificationRequests {

    private final Database db;
    private final NotificationPolicyStore store;
    private final EventBus events;
    private final Clock clock;

    public NotificationRequests(Database db, NotificationPolicyStore store, EventBus events, Clock clock) {
        this.db = db;
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    public NotificationPolicy policy(long accountId) { return store.policy(accountId); }

    public NotificationPolicy.Summary summary(long accountId) { return store.summary(accountId); }

    /** Applies the change and answers the policy as it now is. */
    public NotificationPolicy update(long accountId, NotificationPolicy.Update change) {
        return db.write(h -> {
            NotificationPolicy p = store.policy(h, accountId).with(change);
            store.savePolicy(h, accountId, p, clock.instant());
            return p;
        });
    }

    public List<NotificationRequest> page(long accountId, IdRange range) { return store.requests(accountId, range); }

    public Optional<NotificationRequest> find(long accountId, long id) { return store.request(accountId, id); }

    /** False when the account has no such request. */
    public boolean accept(long accountId, long requestId) { return acceptAll(accountId, List.of(requestId)) > 0; }

    /** False when the account has no such request. */
    public boolean dismiss(long accountId, long requestId) { return dismissAll(accountId, List.of(requestId)) > 0; }

    /** Accepts those of the requests that are the account's (others are ignored, as Mastodon does); how many. */
    public int acceptAll(long accountId, Collection<Long> requestIds) {
        int n = db.write(h -> {
            int done = 0;
            for (Long id : requestIds) {
                var r = store.request(h, accountId, id).orElse(null);
                if (r == null) continue;
                store.accept(h, accountId, r.fromAccountId(), clock.instant());
                done++;
            }
            if (done > 0) events.publish(new NotificationEvents.Merged(accountId));
            return done;
        });
        return n;
    }

    /** Dismisses those of the requests that are the account's, with their filtered notifications; how many. */
    public int dismissAll(long accountId, Collection<Long> requestIds) {
        return db.write(h -> {
            int done = 0;
            for (Long id : requestIds) {
                var r = store.request(h, accountId, id).orElse(null);
                if (r == null) continue;
                store.dismiss(h, accountId, r.fromAccountId());
                done++;
            }
            return done;
        });
    }

    /**
     * Whether every accepted request's notifications are back in the lists: always, since accepting merges them in
     * its own transaction (Mastodon merges in a background job and clients poll this).
     */
    public boolean merged(long accountId) { return true; }

    public NotificationMailChoices mailChoices(long accountId) { return store.mailChoices(accountId); }

    public void saveMailChoices(long accountId, NotificationMailChoices choices) {
        db.write(h -> {
            store.saveMailChoices(h, accountId, choices, clock.instant());
            return null;
        });
    }
}
