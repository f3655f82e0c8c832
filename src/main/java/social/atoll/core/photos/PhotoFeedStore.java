package social.atoll.core.photos;

import java.time.Instant;
import java.util.List;
import social.atoll.core.common.IdRange;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusStore;
import social.atoll.infra.db.Database;

/**
 * Public photo posts across accounts, for Discover: the newest, and the most favourited and boosted of the last days.
 * Both walk the partial index of public statuses ({@code statuses_public_idx}, whose predicate is repeated word for
 * word) and test each row's pictures through {@code media_attachments (status_id)}: no join that multiplies rows, no
 * query per post. The public timeline's exclusions apply (replies to others, suspended and silenced authors, and for
 * a signed-in reader the accounts and domains they block or mute).
 */
public final class PhotoFeedStore {

    private static final String PHOTOS = """
            SELECT s.* FROM statuses s
            WHERE s.visibility = 'public' AND s.reblog_of_id IS NULL AND s.deleted_at IS NULL
              AND (s.in_reply_to_id IS NULL OR s.in_reply_to_account_id = s.account_id)
              AND EXISTS (SELECT 1 FROM media_attachments m WHERE m.status_id = s.id AND m.type = 'image')
              AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.id = s.account_id AND (a.suspended_at IS NOT NULL OR a.silenced_at IS NOT NULL))""";

    private static final String VIEWER = """
             AND NOT EXISTS (SELECT 1 FROM blocks b WHERE (b.account_id = :viewer AND b.target_account_id = s.account_id)
                                                       OR (b.account_id = s.account_id AND b.target_account_id = :viewer))
             AND NOT EXISTS (SELECT 1 FROM mutes mu WHERE mu.account_id = :viewer AND mu.target_account_id = s.account_id
                                                     AND (mu.expires_at IS NULL OR mu.expires_at > :now))
             AND NOT EXISTS (SELECT 1 FROM accounts da JOIN account_domain_blocks adb ON adb.domain = da.domain
                              WHERE da.id = s.account_id AND adb.account_id = :viewer)""";

    private final Database db;

    public PhotoFeedStore(Database db) { this.db = db; }

    /** The newest public photo posts, paged by id. */
    public List<Status> recent(Long viewerId, IdRange range, Instant now) {
        String sql = PHOTOS + (viewerId == null ? "" : VIEWER) + range.conditions("s.id") + range.orderAndLimit("s.id");
        return range.newestFirst(db.read(h -> {
            var q = h.createQuery(sql);
            if (viewerId != null) q.bind("viewer", viewerId.longValue()).bind("now", now);
            return range.bind(q).map(StatusStore.STATUS).list();
        }));
    }

    /** Public photo posts from {@code sinceId} on with favourites or boosts, the most of both first. */
    public List<Status> popular(Long viewerId, long sinceId, int offset, int limit, Instant now) {
        String sql = PHOTOS + (viewerId == null ? "" : VIEWER) + " AND s.id >= :since AND (s.favourites_count + s.reblogs_count) > 0"
                + " ORDER BY (s.favourites_count + s.reblogs_count) DESC, s.id DESC LIMIT :limit OFFSET :offset";
        return db.read(h -> {
            var q = h.createQuery(sql).bind("since", sinceId).bind("limit", limit).bind("offset", offset);
            if (viewerId != null) q.bind("viewer", viewerId.longValue()).bind("now", now);
            return q.map(StatusStore.STATUS).list();
        });
    }
}
