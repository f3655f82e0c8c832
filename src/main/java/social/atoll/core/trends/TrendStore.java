package social.atoll.core.trends;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusStore;
import social.atoll.infra.db.Database;
import social.atoll.infra.db.RecordMapper;

/**
 * SQL of trends: the window's public statuses ranked by interactions, its tags and links (preview cards) ranked by
 * how many distinct accounts used them, and the staff's review of each ({@code trend_reviews}). Every ranking reads
 * only the window's statuses, found by the time-sortable id on the primary key; suspended and silenced authors
 * never count. {@link Review} says which items the public may see.
 */
public final class TrendStore {

    /** Which items a ranking keeps: all (the staff's queue), all but rejected ones, or only approved ones. */
    public enum Review { ALL, NOT_REJECTED, APPROVED }

    /** One staff decision. */
    public record Decision(String kind, long targetId, boolean trendable, Long reviewerId, Instant reviewedAt) {}

    private static final RowMapper<Decision> DECISION = RecordMapper.of(Decision.class);

    private static final String PUBLIC_RECENT = """
            s.id >= :since AND s.visibility = 'public' AND s.reblog_of_id IS NULL AND s.deleted_at IS NULL
            AND NOT EXISTS (SELECT 1 FROM accounts ta WHERE ta.id = s.account_id
                            AND (ta.suspended_at IS NOT NULL OR ta.silenced_at IS NOT NULL))""";

    private final Database db;

    public TrendStore(Database db) { this.db = db; }

    /** The condition {@code review} puts on items of {@code kind} whose id is {@code column}. */
    private static String reviewed(Review review, String kind, String column) {
        return switch (review) {
            case ALL -> "";
            case NOT_REJECTED -> " AND NOT EXISTS (SELECT 1 FROM trend_reviews r WHERE r.kind = '" + kind + "' AND r.target_id = " + column
                    + " AND r.trendable = FALSE)";
            case APPROVED -> " AND EXISTS (SELECT 1 FROM trend_reviews r WHERE r.kind = '" + kind + "' AND r.target_id = " + column
                    + " AND r.trendable = TRUE)";
        };
    }

    /**
     * Public statuses from {@code sinceId} on with at least one interaction, most interactions (boosts + favourites +
     * replies) first, without what the viewer blocks, mutes or is blocked by.
     */
    public List<Status> statuses(Review review, Long viewerId, long sinceId, int offset, int limit, Instant now) {
        String exclusions = viewerId == null ? "" : """
                 AND NOT EXISTS (SELECT 1 FROM blocks b WHERE (b.account_id = :viewer AND b.target_account_id = s.account_id)
                                                           OR (b.account_id = s.account_id AND b.target_account_id = :viewer))
                 AND NOT EXISTS (SELECT 1 FROM mutes m WHERE m.account_id = :viewer AND m.target_account_id = s.account_id
                                                         AND (m.expires_at IS NULL OR m.expires_at > :now))
                 AND NOT EXISTS (SELECT 1 FROM accounts da JOIN account_domain_blocks adb ON adb.domain = da.domain
                                  WHERE da.id = s.account_id AND adb.account_id = :viewer)""";
        return db.read(h -> {
            var q = h.createQuery("SELECT s.* FROM statuses s WHERE " + PUBLIC_RECENT + exclusions + reviewed(review, "status", "s.id")
                            + " AND (s.reblogs_count + s.favourites_count + s.replies_count) > 0"
                            + " ORDER BY (s.reblogs_count + s.favourites_count + s.replies_count) DESC, s.id DESC LIMIT :limit OFFSET :offset")
                    .bind("since", sinceId).bind("limit", limit).bind("offset", offset);
            if (viewerId != null) q.bind("viewer", viewerId.longValue()).bind("now", now);
            return q.map(StatusStore.STATUS).list();
        });
    }

    /**
     * Usable tags of public statuses from {@code sinceId} on, by how many distinct accounts used them, then how
     * often; a tag staff made untrendable only in the staff's list ({@link Review#ALL}).
     */
    public List<Long> tagIds(Review review, long sinceId, int offset, int limit) {
        String trendable = review == Review.ALL ? "" : " AND t.trendable = TRUE";
        return db.read(h -> h.createQuery("SELECT st.tag_id FROM status_tags st JOIN statuses s ON s.id = st.status_id"
                        + " JOIN tags t ON t.id = st.tag_id WHERE t.usable = TRUE" + trendable + reviewed(review, "tag", "t.id")
                        + " AND " + PUBLIC_RECENT
                        + " GROUP BY st.tag_id ORDER BY COUNT(DISTINCT s.account_id) DESC, COUNT(*) DESC, st.tag_id DESC"
                        + " LIMIT :limit OFFSET :offset")
                .bind("since", sinceId).bind("limit", limit).bind("offset", offset).mapTo(Long.class).list());
    }

    /** Fetched preview cards of public statuses from {@code sinceId} on, by how many distinct accounts shared them. */
    public List<Long> linkIds(Review review, long sinceId, int offset, int limit) {
        return db.read(h -> h.createQuery("SELECT spc.card_id FROM status_preview_cards spc JOIN statuses s ON s.id = spc.status_id"
                        + " JOIN preview_cards c ON c.id = spc.card_id WHERE c.state = 'done'" + reviewed(review, "link", "c.id")
                        + " AND " + PUBLIC_RECENT
                        + " GROUP BY spc.card_id ORDER BY COUNT(DISTINCT s.account_id) DESC, COUNT(*) DESC, spc.card_id DESC"
                        + " LIMIT :limit OFFSET :offset")
                .bind("since", sinceId).bind("limit", limit).bind("offset", offset).mapTo(Long.class).list());
    }

    /** Shares of a link on one day (epoch day): statuses and distinct accounts. */
    public record DayUse(long cardId, long day, long statuses, long accounts) {}

    /** Per card and day (UTC), from {@code fromMillis} on: public statuses carrying the card and their distinct authors. */
    public List<DayUse> linkUsePerDay(Collection<Long> cardIds, long fromMillis, long fromId) {
        if (cardIds.isEmpty()) return List.of();
        return db.read(h -> h.createQuery("""
                        SELECT spc.card_id, s.created_at / 86400000 AS day, COUNT(*), COUNT(DISTINCT s.account_id)
                        FROM status_preview_cards spc JOIN statuses s ON s.id = spc.status_id
                        WHERE spc.card_id IN (<ids>) AND s.id >= :from_id AND s.created_at >= :from AND s.deleted_at IS NULL
                          AND s.visibility = 'public'
                        GROUP BY spc.card_id, s.created_at / 86400000""")
                .bindList("ids", List.copyOf(cardIds)).bind("from", fromMillis).bind("from_id", fromId)
                .map((rs, ctx) -> new DayUse(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4))).list());
    }

    /** The decisions on {@code ids} of {@code kind}, by id. */
    public Map<Long, Decision> decisions(String kind, Collection<Long> ids) {
        Map<Long, Decision> out = new HashMap<>();
        if (ids.isEmpty()) return out;
        db.read(h -> h.createQuery("SELECT kind, target_id, trendable, reviewer_id, reviewed_at FROM trend_reviews"
                        + " WHERE kind = :k AND target_id IN (<ids>)")
                .bind("k", kind).bindList("ids", new ArrayList<>(ids)).map(DECISION).list())
                .forEach(d -> out.put(d.targetId(), d));
        return out;
    }

    /** Records (or replaces) a decision; a tag's own {@code trendable} column follows it. */
    public void decide(Handle h, Decision d) {
        h.createUpdate("""
                        INSERT INTO trend_reviews (kind, target_id, trendable, reviewer_id, reviewed_at) VALUES (:k, :t, :trendable, :r, :at)
                        ON CONFLICT (kind, target_id) DO UPDATE SET trendable = excluded.trendable, reviewer_id = excluded.reviewer_id,
                                                                    reviewed_at = excluded.reviewed_at""")
                .bind("k", d.kind()).bind("t", d.targetId()).bind("trendable", d.trendable()).bind("r", d.reviewerId())
                .bind("at", d.reviewedAt()).execute();
        if (d.kind().equals("tag"))
            h.createUpdate("UPDATE tags SET trendable = :trendable WHERE id = :t").bind("trendable", d.trendable()).bind("t", d.targetId()).execute();
    }

    /** How many items of the window's rankings (the first {@code depth} of each) no one has reviewed yet. */
    public int pending(long sinceId, int depth) {
        int n = 0;
        for (String kind : List.of("status", "tag", "link")) {
            List<Long> ids = switch (kind) {
                case "status" -> statuses(Review.ALL, null, sinceId, 0, depth, Instant.EPOCH).stream().map(Status::id).toList();
                case "tag" -> tagIds(Review.ALL, sinceId, 0, depth);
                default -> linkIds(Review.ALL, sinceId, 0, depth);
            };
            n += ids.size() - decisions(kind, ids).size();
        }
        return n;
    }
}
