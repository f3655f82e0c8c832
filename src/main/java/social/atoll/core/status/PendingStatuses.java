package social.atoll.core.status;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import social.atoll.infra.events.EventBus;

/**
 * Replies and boosts held for the approval of the author they interact with (interaction policies): stored, but not
 * counted, not announced (no feeds, no notifications, no deliveries) until released; then they count and are
 * announced as if posted then. Both run in the caller's transaction.
 */
public final class PendingStatuses {

    private final StatusStore statuses;
    private final StatusRelations relations;
    private final Clock clock;
    private final EventBus events;

    public PendingStatuses(StatusStore statuses, StatusRelations relations, Clock clock, EventBus events) {
        this.statuses = statuses;
        this.relations = relations;
        this.clock = clock;
        this.events = events;
    }

    /** Marks a just-stored status as held: it was stored without counting or announcing it. */
    public Status hold(Handle h, Status s) { return statuses.setPendingApproval(h, s.id(), true); }

    /** Lets a held status out: it counts and is announced now, with its mentions (or its boosted status). */
    public Status release(Handle h, Status held) {
        if (!held.pendingApproval()) return held;
        Status s = statuses.setPendingApproval(h, held.id(), false);
        Instant now = clock.instant();
        StatusService.countCreated(h, s, now);
        Status original = s.isReblog() ? statuses.byId(s.reblogOfId()).orElse(null) : null;
        List<Long> mentioned = relations.mentions(List.of(s.id())).getOrDefault(s.id(), List.of());
        events.publish(new StatusEvents.StatusCreated(s, original, List.copyOf(mentioned)));
        return s;
    }
}
