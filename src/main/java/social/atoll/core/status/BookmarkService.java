package social.atoll.core.status;

import java.time.Clock;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.privacy.VisibilityPolicy;
import social.atoll.infra.ids.IdGenerator;

/** Bookmarking; both directions are idempotent, and a bookmark of a boost is a bookmark of the boosted status. */
public final class BookmarkService {

    private final StatusStore statuses;
    private final StatusRelations relations;
    private final VisibilityPolicy visibility;
    private final IdGenerator ids;
    private final Clock clock;

    public BookmarkService(StatusStore statuses, StatusRelations relations, VisibilityPolicy visibility, IdGenerator ids, Clock clock) {
        this.statuses = statuses;
        this.relations = relations;
        this.visibility = visibility;
        this.ids = ids;
        this.clock = clock;
    }

    public Status bookmark(long accountId, long statusId) {
        Status target = visibleOriginal(statuses, visibility, accountId, statusId);
        relations.insertBookmark(ids.next(), accountId, target.id(), clock.instant());
        return target;
    }

    public Status unbookmark(long accountId, long statusId) {
        Status target = visibleOriginal(statuses, visibility, accountId, statusId);
        relations.deleteBookmark(accountId, target.id());
        return target;
    }

    /** The status (the boosted one for a boost) if the account may see it, else not found. */
    static Status visibleOriginal(StatusStore statuses, VisibilityPolicy visibility, long accountId, long statusId) {
        Status s = statuses.byId(statusId).orElseThrow(() -> new NotFoundException("status"));
        if (!visibility.canSee(accountId, s)) throw new NotFoundException("status");
        if (s.isReblog()) s = statuses.byId(s.reblogOfId()).orElseThrow(() -> new NotFoundException("status"));
        return s;
    }
}
