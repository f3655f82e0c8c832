package social.atoll.core.timeline;

import java.util.List;
import social.atoll.core.common.IdRange;
import social.atoll.core.privacy.VisibilityPolicy;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusStore;
import social.atoll.infra.db.Database;

/** Reading timelines: the home feed and the public (federated / local / remote) timeline. */
public final class TimelineService {

    /**
     * A page of a timeline: the statuses the viewer may see, and the ids the page was cut at (for the Link header,
     * so paging goes on even if the visibility check dropped some rows).
     */
    public record Slice(List<Status> statuses, List<Long> cursorIds) {}

    /** Which part of the public timeline. */
    public record PublicQuery(boolean localOnly, boolean remoteOnly, boolean onlyMedia) {}

    private final Database db;
    private final HomeFeedStore feed;
    private final StatusStore statuses;
    private final VisibilityPolicy visibility;

    public TimelineService(Database db, HomeFeedStore feed, StatusStore statuses, VisibilityPolicy visibility) {
        this.db = db;
        this.feed = feed;
        this.statuses = statuses;
        this.visibility = visibility;
    }

    public Slice home(long readerId, IdRange range) {
        List<Long> ids = feed.page(readerId, range);
        return new Slice(visibility.filter(readerId, statuses.listByIds(ids)), ids);
    }

    /**
     * Public statuses, newest first: no boosts, no replies to others (threads by one author stay), nothing by
     * suspended or silenced accounts, nor by accounts the viewer blocks, mutes or is blocked by. The partial indexes
     * on public statuses serve it (their predicates are repeated here word for word).
     */
    public Slice publicTimeline(Long viewerId, PublicQuery q, IdRange range) {
        StringBuilder sql = new StringBuilder("""
                SELECT s.* FROM statuses s
                WHERE s.visibility = 'public' AND s.reblog_of_id IS NULL AND s.deleted_at IS NULL""");
        if (q.localOnly()) sql.append(" AND s.local = TRUE");
        else if (q.remoteOnly()) sql.append(" AND s.local = FALSE");
        sql.append(" AND (s.in_reply_to_id IS NULL OR s.in_reply_to_account_id = s.account_id)")
                .append(" AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.id = s.account_id")
                .append(" AND (a.suspended_at IS NOT NULL OR a.silenced_at IS NOT NULL))");
        if (q.onlyMedia()) sql.append(" AND EXISTS (SELECT 1 FROM media_attachments m WHERE m.status_id = s.id)");
        if (viewerId != null) {
            sql.append(" AND NOT EXISTS (SELECT 1 FROM blocks b WHERE b.account_id = :viewer AND b.target_account_id = s.account_id)")
                    .append(" AND NOT EXISTS (SELECT 1 FROM blocks b2 WHERE b2.account_id = s.account_id AND b2.target_account_id = :viewer)")
                    .append(" AND NOT EXISTS (SELECT 1 FROM mutes mu WHERE mu.account_id = :viewer AND mu.target_account_id = s.account_id")
                    .append(" AND (mu.expires_at IS NULL OR mu.expires_at > :now))")
                    .append(" AND NOT EXISTS (SELECT 1 FROM accounts da JOIN account_domain_blocks adb ON adb.domain = da.domain")
                    .append(" WHERE da.id = s.account_id AND adb.account_id = :viewer)");
        }
        sql.append(range.conditions("s.id")).append(range.orderAndLimit("s.id"));
        List<Status> rows = range.newestFirst(db.read(h -> {
            var query = h.createQuery(sql.toString());
            if (viewerId != null) query.bind("viewer", viewerId.longValue()).bind("now", java.time.Instant.now());
            return range.bind(query).map(StatusStore.STATUS).list();
        }));
        return new Slice(visibility.filter(viewerId, rows), rows.stream().map(Status::id).toList());
    }
}
