package social.atoll.core.trends;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.mapper.RowMapper;
import social.atoll.core.privacy.VisibilityPolicy;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusStore;
import social.atoll.core.tag.Tag;
import social.atoll.infra.db.Database;
import social.atoll.infra.db.RecordMapper;
import social.atoll.infra.ids.IdGenerator;

/**
 * What is trending, computed from the last {@link #WINDOW} of real activity (no review queue yet): tags by how many
 * distinct accounts used them in public statuses, statuses by interactions (boosts + favourites + replies). Both read
 * only the window's statuses, found by the time-sortable id on the primary key; suspended and silenced authors and
 * untrendable tags are left out. Links need preview cards, which Atoll does not fetch yet, so there are none.
 */
public final class TrendsService {

    public static final Duration WINDOW = Duration.ofDays(7);

    private static final RowMapper<Tag> TAG = RecordMapper.of(Tag.class);

    private static final String PUBLIC_RECENT = """
            s.id >= :since AND s.visibility = 'public' AND s.reblog_of_id IS NULL AND s.deleted_at IS NULL
            AND NOT EXISTS (SELECT 1 FROM accounts ta WHERE ta.id = s.account_id
                            AND (ta.suspended_at IS NOT NULL OR ta.silenced_at IS NOT NULL))""";

    private final Database db;
    private final Clock clock;
    private final VisibilityPolicy visibility;

    public TrendsService(Database db, Clock clock, VisibilityPolicy visibility) {
        this.db = db;
        this.visibility = visibility;
        this.clock = clock;
    }

    private long since() { return IdGenerator.lowestAt(clock.instant().minus(WINDOW)); }

    public List<Tag> tags(int offset, int limit) {
        List<Long> ids = db.read(h -> h.createQuery("SELECT st.tag_id FROM status_tags st JOIN statuses s ON s.id = st.status_id"
                        + " JOIN tags t ON t.id = st.tag_id WHERE t.trendable = TRUE AND t.usable = TRUE AND " + PUBLIC_RECENT
                        + " GROUP BY st.tag_id ORDER BY COUNT(DISTINCT s.account_id) DESC, COUNT(*) DESC, st.tag_id DESC"
                        + " LIMIT :limit OFFSET :offset")
                .bind("since", since()).bind("limit", limit).bind("offset", offset).mapTo(Long.class).list());
        if (ids.isEmpty()) return List.of();
        Map<Long, Tag> found = new java.util.HashMap<>();
        db.read(h -> h.createQuery("SELECT id, name, name_key, usable, trendable, created_at FROM tags WHERE id IN (<ids>)")
                .bindList("ids", ids).map(TAG).list()).forEach(t -> found.put(t.id(), t));
        return ids.stream().filter(found::containsKey).map(found::get).toList();
    }

    /** Public statuses of the window with at least one interaction that the viewer may see, most interactions first. */
    public List<Status> statuses(Long viewerId, int offset, int limit) {
        String exclusions = viewerId == null ? "" : """
                 AND NOT EXISTS (SELECT 1 FROM blocks b WHERE (b.account_id = :viewer AND b.target_account_id = s.account_id)
                                                           OR (b.account_id = s.account_id AND b.target_account_id = :viewer))
                 AND NOT EXISTS (SELECT 1 FROM mutes m WHERE m.account_id = :viewer AND m.target_account_id = s.account_id
                                                         AND (m.expires_at IS NULL OR m.expires_at > :now))
                 AND NOT EXISTS (SELECT 1 FROM accounts da JOIN account_domain_blocks adb ON adb.domain = da.domain
                                  WHERE da.id = s.account_id AND adb.account_id = :viewer)""";
        return visibility.filter(viewerId, db.read(h -> {
            var q = h.createQuery("SELECT s.* FROM statuses s WHERE " + PUBLIC_RECENT + exclusions
                            + " AND (s.reblogs_count + s.favourites_count + s.replies_count) > 0"
                            + " ORDER BY (s.reblogs_count + s.favourites_count + s.replies_count) DESC, s.id DESC LIMIT :limit OFFSET :offset")
                    .bind("since", since()).bind("limit", limit).bind("offset", offset);
            if (viewerId != null) q.bind("viewer", viewerId.longValue()).bind("now", clock.instant());
            return q.map(StatusStore.STATUS).list();
        }));
    }
}
