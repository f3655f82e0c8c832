package social.atoll.core.tag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import social.atoll.core.common.IdRange;
import social.atoll.core.privacy.VisibilityPolicy;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusStore;
import social.atoll.infra.db.Database;

/**
 * {@code /api/v1/timelines/tag/:hashtag}: public statuses carrying the tag or any of {@code any[]}, all of
 * {@code all[]} and none of {@code none[]}. The query walks the {@code (tag_id, status_id)} index of
 * {@code status_tags} newest first, so a rare tag costs as little as a popular one; the public-timeline rules (no
 * boosts, nothing by suspended or silenced accounts or by accounts the viewer blocks, mutes or is blocked by) and
 * then the visibility policy apply.
 */
public final class TagTimeline {

    /** The statuses of a page and the ids it was cut at (for the Link header). */
    public record Slice(List<Status> statuses, List<Long> cursorIds) {}

    /** Tag ids to match: the path's tag and {@code any[]}; {@code all[]}; {@code none[]}. */
    public record Query(List<Long> anyIds, List<Long> allIds, List<Long> noneIds, boolean localOnly, boolean remoteOnly, boolean onlyMedia) {}

    private final Database db;
    private final VisibilityPolicy visibility;

    public TagTimeline(Database db, VisibilityPolicy visibility) {
        this.db = db;
        this.visibility = visibility;
    }

    public Slice page(Long viewerId, Query q, IdRange range) {
        if (q.anyIds().isEmpty()) return new Slice(List.of(), List.of());
        StringBuilder sql = new StringBuilder("""
                SELECT s.* FROM status_tags st JOIN statuses s ON s.id = st.status_id
                WHERE st.tag_id IN (<any>)
                  AND s.visibility = 'public' AND s.reblog_of_id IS NULL AND s.deleted_at IS NULL""");
        for (int i = 0; i < q.allIds().size(); i++)
            sql.append(" AND EXISTS (SELECT 1 FROM status_tags sa").append(i).append(" WHERE sa").append(i)
                    .append(".status_id = s.id AND sa").append(i).append(".tag_id = :all").append(i).append(")");
        if (!q.noneIds().isEmpty())
            sql.append(" AND NOT EXISTS (SELECT 1 FROM status_tags sn WHERE sn.status_id = s.id AND sn.tag_id IN (<none>))");
        if (q.localOnly()) sql.append(" AND s.local = TRUE");
        else if (q.remoteOnly()) sql.append(" AND s.local = FALSE");
        if (q.onlyMedia()) sql.append(" AND EXISTS (SELECT 1 FROM media_attachments m WHERE m.status_id = s.id)");
        sql.append(" AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.id = s.account_id AND (a.suspended_at IS NOT NULL OR a.silenced_at IS NOT NULL))");
        if (viewerId != null) {
            sql.append(" AND NOT EXISTS (SELECT 1 FROM blocks b WHERE b.account_id = :viewer AND b.target_account_id = s.account_id)")
                    .append(" AND NOT EXISTS (SELECT 1 FROM blocks b2 WHERE b2.account_id = s.account_id AND b2.target_account_id = :viewer)")
                    .append(" AND NOT EXISTS (SELECT 1 FROM mutes mu WHERE mu.account_id = :viewer AND mu.target_account_id = s.account_id)")
                    .append(" AND NOT EXISTS (SELECT 1 FROM accounts da JOIN account_domain_blocks adb ON adb.domain = da.domain")
                    .append(" WHERE da.id = s.account_id AND adb.account_id = :viewer)");
        }
        sql.append(range.conditions("st.status_id")).append(range.orderAndLimit("st.status_id"));
        List<Status> rows = range.newestFirst(db.read(h -> {
            var query = h.createQuery(sql.toString()).bindList("any", q.anyIds());
            for (int i = 0; i < q.allIds().size(); i++) query.bind("all" + i, q.allIds().get(i).longValue());
            if (!q.noneIds().isEmpty()) query.bindList("none", q.noneIds());
            if (viewerId != null) query.bind("viewer", viewerId.longValue());
            return range.bind(query).map(StatusStore.STATUS).list();
        }));
        // a status carrying two of the any-tags comes twice
        Map<Long, Status> unique = new LinkedHashMap<>();
        for (Status s : rows) unique.putIfAbsent(s.id(), s);
        List<Status> distinct = new ArrayList<>(unique.values());
        return new Slice(visibility.filter(viewerId, distinct), rows.stream().map(Status::id).toList());
    }
}
