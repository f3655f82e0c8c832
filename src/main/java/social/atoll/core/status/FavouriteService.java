package social.atoll.core.status;

import java.time.Clock;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.privacy.VisibilityPolicy;
import social.atoll.infra.db.Database;
import social.atoll.infra.events.EventBus;
import social.atoll.infra.ids.IdGenerator;

/** Favouriting and un-favouriting. Both are idempotent; a favourite of a boost is a favourite of the boosted status. */
public final class FavouriteService {

    private final Database db;
    private final StatusStore statuses;
    private final StatusRelations relations;
    private final VisibilityPolicy visibility;
    private final IdGenerator ids;
    private final Clock clock;
    private final EventBus events;

    public FavouriteService(Database db, StatusStore statuses, StatusRelations relations, VisibilityPolicy visibility, IdGenerator ids, Clock clock, EventBus events) {
        this.db = db;
        this.statuses = statuses;
        this.relations = relations;
        this.visibility = visibility;
        this.ids = ids;
        this.clock = clock;
        this.events = events;
    }

    /** Favourites the status (or the status a boost boosts); not found when the account may not see it. */
    public Status favourite(long accountId, long statusId) {
        Status target = visibleTarget(accountId, statusId);
        db.write(h -> {
            int added = relations.insertFavourite(h, ids.next(), accountId, target.id(), clock.instant());
            if (added > 0) {
                StatusService.bumpStatus(h, target.id(), "favourites_count", 1);
                events.publish(new StatusEvents.Favourited(accountId, target));
            }
            return null;
        });
        return statuses.byId(target.id()).orElse(target);
    }

    public Status unfavourite(long accountId, long statusId) {
        Status target = visibleTarget(accountId, statusId);
        db.write(h -> {
            int removed = relations.deleteFavourite(h, accountId, target.id());
            if (removed > 0) {
                StatusService.bumpStatus(h, target.id(), "favourites_count", -1);
                events.publish(new StatusEvents.Unfavourited(accountId, target));
            }
            return null;
        });
        return statuses.byId(target.id()).orElse(target);
    }

    private Status visibleTarget(long accountId, long statusId) {
        Status s = statuses.byId(statusId).orElseThrow(() -> new NotFoundException("status"));
        if (!visibility.canSee(accountId, s)) throw new NotFoundException("status");
        if (s.isReblog()) s = statuses.byId(s.reblogOfId()).orElseThrow(() -> new NotFoundException("status"));
        return s;
    }
}
