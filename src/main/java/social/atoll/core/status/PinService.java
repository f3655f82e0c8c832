package social.atoll.core.status;

import java.time.Clock;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.common.ValidationException;
import social.atoll.core.instance.InstanceLimits;
import social.atoll.core.privacy.VisibilityPolicy;
import social.atoll.infra.db.Database;
import social.atoll.infra.events.EventBus;
import social.atoll.infra.ids.IdGenerator;

/**
 * Pinning statuses to one's profile: own public, unlisted or followers-only originals, at most
 * {@link InstanceLimits#MAX_PINNED_STATUSES}, with Mastodon's wording for each refusal.
 */
public final class PinService {

    private final Database db;
    private final StatusStore statuses;
    private final StatusRelations relations;
    private final VisibilityPolicy visibility;
    private final IdGenerator ids;
    private final Clock clock;
    private final EventBus events;

    public PinService(Database db, StatusStore statuses, StatusRelations relations, VisibilityPolicy visibility, IdGenerator ids, Clock clock, EventBus events) {
        this.events = events;
        this.db = db;
        this.statuses = statuses;
        this.relations = relations;
        this.visibility = visibility;
        this.ids = ids;
        this.clock = clock;
    }

    public Status pin(long accountId, long statusId) {
        Status s = visible(accountId, statusId);
        if (s.isReblog()) throw new ValidationException("A boost cannot be pinned");
        if (s.accountId() != accountId) throw new ValidationException("Someone else's post cannot be pinned");
        Visibility v = s.visibilityEnum();
        if (v == Visibility.DIRECT || v == Visibility.LIMITED)
            throw new ValidationException("Posts that are only visible to mentioned users cannot be pinned");
        db.write(h -> {
            if (relations.pinned(h, accountId, s.id())) return null;
            int count = relations.countPins(h, accountId);
            if (count >= InstanceLimits.MAX_PINNED_STATUSES)
                throw new ValidationException("You have already pinned the maximum number of posts");
            int added = relations.insertPin(h, ids.next(), accountId, s.id(), clock.instant());
            if (added > 0) events.publish(new PinEvents.Pinned(accountId, s));
            return null;
        });
        return s;
    }

    public Status unpin(long accountId, long statusId) {
        Status s = visible(accountId, statusId);
        db.write(h -> {
            int removed = relations.deletePin(h, accountId, s.id());
            if (removed > 0) events.publish(new PinEvents.Unpinned(accountId, s));
            return null;
        });
        return s;
    }

    private Status visible(long accountId, long statusId) {
        Status s = statuses.byId(statusId).orElseThrow(() -> new NotFoundException("status"));
        if (!visibility.canSee(accountId, s)) throw new NotFoundException("status");
        return s;
    }
}
