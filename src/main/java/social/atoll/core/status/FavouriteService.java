package social.atoll.core.status;

import java.time.Clock;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.interaction.InteractionPolicies;
import social.atoll.core.interaction.InteractionPolicy;
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
    private final InteractionPolicies policies;

    public FavouriteService(Database db, StatusStore statuses, StatusRelations relations, VisibilityPolicy visibility, IdGenerator ids, Clock clock, EventBus events,
                            InteractionPolicies policies) {
        this.policies = policies;
        this.db = db;
        this.statuses = statuses;
        this.relations = relations;
        this.visibility = visibility;
        this.ids = ids;
        this.clock = clock;
        this.events = events;
    }

    /** Favourites the status (or the status a boost boosts); not found when the account may not see it. */
    public Status favourite(long accountId, long statusId) { return favourite(accountId, statusId, null); }

    /**
     * As {@link #favourite(long, long)}, under the status's interaction policy: forbidden is refused (403), "with
     * approval" is held until its author answers (nothing counted meanwhile). {@code likeUri} is the Like's id for a
     * remote account's favourite, else null.
     */
    public Status favourite(long accountId, long statusId, String likeUri) {
        Status target = visibleTarget(accountId, statusId);
        InteractionPolicy.Check c = policies.require(accountId, target, InteractionPolicy.Type.FAVOURITE);
        if (c.held(target.local())) {
            db.write(h -> {
                if (policies.existing(accountId, target.id(), InteractionPolicy.Type.FAVOURITE).isEmpty()
                        && !relations.viewerFlags(accountId, java.util.List.of(target.id()), java.util.Set.of()).favourited().contains(target.id())) {
                    String uri = likeUri != null ? likeUri : policies.actorUri(accountId) + "#likes/" + ids.next();
                    policies.hold(h, InteractionPolicy.Type.FAVOURITE, target, accountId, null, uri, null);
                }
                return null;
            });
            return target;
        }
        db.write(h -> {
            if (applyApproved(h, accountId, target, true) && likeUri != null && target.local() && c.onCollection())
                policies.preApprove(h, InteractionPolicy.Type.FAVOURITE, target, accountId, null, likeUri);
            return null;
        });
        return statuses.byId(target.id()).orElse(target);
    }

    /** Records a favourite that may be (allowed, or approved); {@code announce}: tell listeners. True when it is new. */
    public boolean applyApproved(org.jdbi.v3.core.Handle h, long accountId, Status target, boolean announce) {
        int added = relations.insertFavourite(h, ids.next(), accountId, target.id(), clock.instant());
        if (added > 0) {
            StatusService.bumpStatus(h, target.id(), "favourites_count", 1);
            if (announce) events.publish(new StatusEvents.Favourited(accountId, target));
        }
        return added > 0;
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
