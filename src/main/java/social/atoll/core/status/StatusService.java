package social.atoll.core.status;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import social.atoll.core.account.AccountStore;
import social.atoll.core.common.NotFoundException;
import social.atoll.infra.db.Database;
import social.atoll.infra.events.EventBus;

/**
 * Deleting statuses, and the counters every status write keeps (posting is {@link PostStatusService}). A delete and
 * its boosts commit in one transaction, or nothing does.
 */
public final class StatusService {

    private final Database db;
    private final StatusStore statuses;
    private final StatusRelations relations;
    private final EventBus events;

    public StatusService(Database db, StatusStore statuses, StatusRelations relations, EventBus events) {
        this.db = db;
        this.statuses = statuses;
        this.relations = relations;
        this.events = events;
    }

    /**
     * Mastodon's counters: direct statuses do not count towards the author's statuses; only public and unlisted
     * replies count towards the parent's replies; a boost counts towards the boosted status's boosts.
     */
    static void countCreated(Handle h, Status s, Instant now) {
        count(h, s, 1);
        if (s.visibilityEnum() != Visibility.DIRECT) StatusStore.touchLastStatus(h, s.accountId(), now);
    }

    static void count(Handle h, Status s, int delta) {
        if (s.visibilityEnum() != Visibility.DIRECT) AccountStore.bump(h, s.accountId(), "statuses_count", delta);
        if (s.isReblog()) bumpStatus(h, s.reblogOfId(), "reblogs_count", delta);
        Visibility v = s.visibilityEnum();
        if (s.inReplyToId() != null && (v == Visibility.PUBLIC || v == Visibility.UNLISTED))
            bumpStatus(h, s.inReplyToId(), "replies_count", delta);
    }

    static void bumpStatus(Handle h, long statusId, String column, int delta) {
        StatusStore.bumpCounter(h, statusId, column, delta);
    }

    /** The status {@code accountId} may delete: their own, else not found. */
    public Status ownStatus(long accountId, long statusId) {
        return statuses.byId(statusId).filter(s -> s.accountId() == accountId).orElseThrow(() -> new NotFoundException("status"));
    }

    /** Deletes a status with its boosts; mentions, favourites, feed rows and notifications go with them. */
    public void delete(Status status) {
        db.write(h -> {
            for (Status boost : statuses.reblogsOf(status.id())) remove(h, boost, status);
            remove(h, status, status.isReblog() ? statuses.byId(status.reblogOfId()).orElse(null) : null);
            return null;
        });
    }

    /** Removes one status row (boost or not) with its counters, then tells listeners. */
    void remove(Handle h, Status s, Status reblogOf) {
        List<Long> mentioned = relations.mentions(List.of(s.id())).getOrDefault(s.id(), List.of());
        count(h, s, -1);
        statuses.delete(s.id());
        events.publish(new StatusEvents.StatusDeleted(s, reblogOf, List.copyOf(mentioned)));
    }
}
