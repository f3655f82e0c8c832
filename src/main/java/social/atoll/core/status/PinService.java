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
    private final VisibilityPolicy visibility;
    private final IdGenerator ids;
    private final Clock clock;
    private final EventBus events;

    public PinService(Database db, StatusStore statuses, VisibilityPolicy visibility, IdGenerator ids, Clock clock, EventBus events) {
        this.events = events;
        this.db = db;
        this.statuses = statuses;
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
            boolean already = h.createQuery("SELECT COUNT(*) FROM status_pins WHERE account_id = :a AND status_id = :s")
                    .bind("a", accountId).bind("s", s.id()).mapTo(Integer.class).one() > 0;
            if (already) return null;
            int count = h.createQuery("SELECT COUNT(*) FROM status_pins WHERE account_id = :a").bind("a", accountId).mapTo(Integer.class).one();
            if (count >= InstanceLimits.MAX_PINNED_STATUSES)
                throw new ValidationException("You have already pinned the maximum number of posts");
            int added = h.createUpdate("INSERT INTO status_pins (id, account_id, status_id, created_at) VALUES (:id, :a, :s, :now) ON CONFLICT DO NOTHING")
                    .bind("id", ids.next()).bind("a", accountId).bind("s", s.id()).bind("now", clock.instant()).execute();
            if (added > 0) events.publish(new PinEvents.Pinned(accountId, s));
            return null;
        });
        return s;
    }

    public Status unpin(long accountId, long statusId) {
        Status s = visible(accountId, statusId);
        db.write(h -> {
            int removed = h.createUpdate("DELETE FROM status_pins WHERE account_id = :a AND status_id = :s")
                    .bind("a", accountId).bind("s", s.id()).execute();
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
