package social.atoll.core.status;

import java.time.Clock;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.privacy.VisibilityPolicy;
import social.atoll.infra.db.Database;
import social.atoll.infra.ids.IdGenerator;

/** Bookmarking; both directions are idempotent, and a bookmark of a boost is a bookmark of the boosted status. */
public final class BookmarkService {

    private final Database db;
    private final StatusStore statuses;
    private final VisibilityPolicy visibility;
    private final IdGenerator ids;
    private final Clock clock;

    public BookmarkService(Database db, StatusStore statuses, VisibilityPolicy visibility, IdGenerator ids, Clock clock) {
        this.db = db;
        this.statuses = statuses;
        this.visibility = visibility;
        this.ids = ids;
        this.clock = clock;
    }

    public Status bookmark(long accountId, long statusId) {
        Status target = visibleOriginal(statuses, visibility, accountId, statusId);
        db.write(h -> h.createUpdate("""
                        INSERT INTO bookmarks (id, account_id, status_id, created_at) VALUES (:id, :a, :s, :now)
                        ON CONFLICT (account_id, status_id) DO NOTHING""")
                .bind("id", ids.next()).bind("a", accountId).bind("s", target.id()).bind("now", clock.instant()).execute());
        return target;
    }

    public Status unbookmark(long accountId, long statusId) {
        Status target = visibleOriginal(statuses, visibility, accountId, statusId);
        db.write(h -> h.createUpdate("DELETE FROM bookmarks WHERE account_id = :a AND status_id = :s")
                .bind("a", accountId).bind("s", target.id()).execute());
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
