package social.atoll.core.status;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.mapper.RowMapper;
import social.atoll.infra.db.Dialect;
import social.atoll.core.common.IdRange;
import social.atoll.infra.db.Database;

/**
 * Reads of statuses across accounts: the public and hashtag timelines, full-text search (FTS5 on SQLite, a GIN
 * {@code tsvector} index on PostgreSQL), and how often tags are used (trends are {@code TrendStore}'s). Rows by id, threads,
 * an account's statuses and all writes are {@link StatusStore}'s.
 */
public final class StatusFeedStore {

    private static final RowMapper<Status> STATUS = StatusStore.STATUS;

    private final Database db;

    public StatusFeedStore(Database db) { this.db = db; }

    /**
     * Public statuses, newest first: no boosts, no replies to others (threads by one author stay), nothing by
     * suspended or silenced accounts, nor by accounts the viewer blocks, mutes or is blocked by, nor of a domain the
     * viewer blocks. The partial indexes on public statuses serve it (their predicates are repeated here word for word).
     */
    public List<Status> publicTimeline(Long viewerId, boolean localOnly, boolean remoteOnly, boolean onlyMedia, IdRange range, Instant now) {
        StringBuilder sql = new StringBuilder("""
                SELECT s.* FROM statuses s
                WHERE s.visibility = 'public' AND s.reblog_of_id IS NULL AND s.deleted_at IS NULL""");
        if (localOnly) sql.append(" AND s.local = TRUE");
        else if (remoteOnly) sql.append(" AND s.local = FALSE");
        sql.append(" AND (s.in_reply_to_id IS NULL OR s.in_reply_to_account_id = s.account_id)")
                .append(" AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.id = s.account_id")
                .append(" AND (a.suspended_at IS NOT NULL OR a.silenced_at IS NOT NULL))");
        if (onlyMedia) sql.append(" AND EXISTS (SELECT 1 FROM media_attachments m WHERE m.status_id = s.id)");
        if (viewerId != null) {
            sql.append(" AND NOT EXISTS (SELECT 1 FROM blocks b WHERE b.account_id = :viewer AND b.target_account_id = s.account_id)")
                    .append(" AND NOT EXISTS (SELECT 1 FROM blocks b2 WHERE b2.account_id = s.account_id AND b2.target_account_id = :viewer)")
                    .append(" AND NOT EXISTS (SELECT 1 FROM mutes mu WHERE mu.account_id = :viewer AND mu.target_account_id = s.account_id")
                    .append(" AND (mu.expires_at IS NULL OR mu.expires_at > :now))")
                    .append(" AND NOT EXISTS (SELECT 1 FROM accounts da JOIN account_domain_blocks adb ON adb.domain = da.domain")
                    .append(" WHERE da.id = s.account_id AND adb.account_id = :viewer)");
        }
        sql.append(range.conditions("s.id")).append(range.orderAndLimit("s.id"));
        return range.newestFirst(db.read(h -> {
            var query = h.createQuery(sql.toString());
            if (viewerId != null) query.bind("viewer", viewerId.longValue()).bind("now", now);
            return range.bind(query).map(STATUS).list();
        }));
    }

    /**
     * Public statuses carrying any of {@code anyIds}, all of {@code allIds} and none of {@code noneIds}, newest first,
     * by the public timeline's rules. Walks the {@code (tag_id, status_id)} index of {@code status_tags}; a status
     * carrying two of the any-tags comes twice.
     */
    public List<Status> tagTimeline(Long viewerId, List<Long> anyIds, List<Long> allIds, List<Long> noneIds,
                                    boolean localOnly, boolean remoteOnly, boolean onlyMedia, IdRange range) {
        StringBuilder sql = new StringBuilder("""
                SELECT s.* FROM status_tags st JOIN statuses s ON s.id = st.status_id
                WHERE st.tag_id IN (<any>)
                  AND s.visibility = 'public' AND s.reblog_of_id IS NULL AND s.deleted_at IS NULL""");
        for (int i = 0; i < allIds.size(); i++)
            sql.append(" AND EXISTS (SELECT 1 FROM status_tags sa").append(i).append(" WHERE sa").append(i)
                    .append(".status_id = s.id AND sa").append(i).append(".tag_id = :all").append(i).append(")");
        if (!noneIds.isEmpty())
            sql.append(" AND NOT EXISTS (SELECT 1 FROM status_tags sn WHERE sn.status_id = s.id AND sn.tag_id IN (<none>))");
        if (localOnly) sql.append(" AND s.local = TRUE");
        else if (remoteOnly) sql.append(" AND s.local = FALSE");
        if (onlyMedia) sql.append(" AND EXISTS (SELECT 1 FROM media_attachments m WHERE m.status_id = s.id)");
        sql.append(" AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.id = s.account_id AND (a.suspended_at IS NOT NULL OR a.silenced_at IS NOT NULL))");
        if (viewerId != null) {
            sql.append(" AND NOT EXISTS (SELECT 1 FROM blocks b WHERE b.account_id = :viewer AND b.target_account_id = s.account_id)")
                    .append(" AND NOT EXISTS (SELECT 1 FROM blocks b2 WHERE b2.account_id = s.account_id AND b2.target_account_id = :viewer)")
                    .append(" AND NOT EXISTS (SELECT 1 FROM mutes mu WHERE mu.account_id = :viewer AND mu.target_account_id = s.account_id)")
                    .append(" AND NOT EXISTS (SELECT 1 FROM accounts da JOIN account_domain_blocks adb ON adb.domain = da.domain")
                    .append(" WHERE da.id = s.account_id AND adb.account_id = :viewer)");
        }
        sql.append(range.conditions("st.status_id")).append(range.orderAndLimit("st.status_id"));
        return range.newestFirst(db.read(h -> {
            var query = h.createQuery(sql.toString()).bindList("any", anyIds);
            for (int i = 0; i < allIds.size(); i++) query.bind("all" + i, allIds.get(i).longValue());
            if (!noneIds.isEmpty()) query.bindList("none", noneIds);
            if (viewerId != null) query.bind("viewer", viewerId.longValue());
            return range.bind(query).map(STATUS).list();
        }));
    }

    /** The indexed text, word for word as in the PostgreSQL index (V70) so that the planner uses it. */
    static final String PG_VECTOR = "to_tsvector('simple', s.spoiler_text || ' ' || CASE WHEN s.text <> '' THEN s.text ELSE s.content END)";

    /**
     * Statuses containing every one of {@code words} (full-text index: FTS5 on SQLite, the V70 {@code tsvector} index
     * on PostgreSQL), narrowed to what is searchable for the viewer as Mastodon decides it: one's own posts, posts one
     * was mentioned in, favourited, boosted or bookmarked, and public posts of authors who opted in to search
     * (indexable). Unlisted and followers-only posts of others are never found by words, even when the viewer may
     * read them. Nothing by accounts the viewer blocks, mutes or is blocked by.
     */
    public List<Status> search(long viewerId, List<String> words, Long authorId, IdRange range, int offset) {
        boolean sqlite = db.dialect() == Dialect.SQLITE;
        StringBuilder sql = new StringBuilder(sqlite
                ? "SELECT s.* FROM statuses_fts JOIN statuses s ON s.id = statuses_fts.rowid WHERE statuses_fts MATCH :match"
                : "SELECT s.* FROM statuses s WHERE " + PG_VECTOR + " @@ plainto_tsquery('simple', :match)");
        sql.append(" AND s.reblog_of_id IS NULL AND s.deleted_at IS NULL");
        sql.append(" AND (s.account_id = :viewer")
                .append(" OR (s.visibility = 'public' AND EXISTS (SELECT 1 FROM accounts ia WHERE ia.id = s.account_id AND ia.indexable = TRUE))")
                .append(" OR EXISTS (SELECT 1 FROM mentions vm WHERE vm.status_id = s.id AND vm.account_id = :viewer)")
                .append(" OR EXISTS (SELECT 1 FROM favourites vfa WHERE vfa.status_id = s.id AND vfa.account_id = :viewer)")
                .append(" OR EXISTS (SELECT 1 FROM bookmarks vb WHERE vb.status_id = s.id AND vb.account_id = :viewer)")
                .append(" OR EXISTS (SELECT 1 FROM statuses vr WHERE vr.reblog_of_id = s.id AND vr.account_id = :viewer))")
                .append(" AND NOT EXISTS (SELECT 1 FROM blocks b WHERE b.account_id = :viewer AND b.target_account_id = s.account_id)")
                .append(" AND NOT EXISTS (SELECT 1 FROM blocks b2 WHERE b2.account_id = s.account_id AND b2.target_account_id = :viewer)")
                .append(" AND NOT EXISTS (SELECT 1 FROM mutes mu WHERE mu.account_id = :viewer AND mu.target_account_id = s.account_id)");
        if (authorId != null) sql.append(" AND s.account_id = :author");
        sql.append(range.conditions("s.id")).append(range.orderAndLimit("s.id")).append(" OFFSET :offset");
        String match = sqlite ? ftsQuery(words) : String.join(" ", words);
        return range.newestFirst(db.read(h -> {
            var query = h.createQuery(sql.toString()).bind("match", match).bind("viewer", viewerId).bind("offset", offset);
            if (authorId != null) query.bind("author", authorId.longValue());
            return range.bind(query).map(STATUS).list();
        }));
    }

    /** Every word must occur; each is quoted, so FTS5 operators in the input are just words. */
    private static String ftsQuery(List<String> words) {
        StringBuilder b = new StringBuilder();
        for (String w : words) b.append(b.isEmpty() ? "" : " ").append('"').append(w.replace("\"", "\"\"")).append('"');
        return b.toString();
    }

    /** Public, original statuses from {@code sinceId} on by authors neither suspended nor silenced (trends). */
    /** Uses of a tag on one day (epoch day): statuses and distinct accounts. */
    public record TagDayUse(long tagId, long day, long statuses, long accounts) {}

    /** Per tag and day (UTC), from {@code fromMillis} on: statuses carrying the tag and their distinct authors. */
    public List<TagDayUse> tagUsePerDay(Collection<Long> tagIds, long fromMillis, long fromId) {
        return db.read(h -> h.createQuery("""
                        SELECT st.tag_id, s.created_at / 86400000 AS day, COUNT(*), COUNT(DISTINCT s.account_id)
                        FROM status_tags st JOIN statuses s ON s.id = st.status_id
                        WHERE st.tag_id IN (<ids>) AND st.status_id >= :from_id AND s.created_at >= :from AND s.deleted_at IS NULL
                        GROUP BY st.tag_id, s.created_at / 86400000""")
                .bindList("ids", List.copyOf(tagIds)).bind("from", fromMillis).bind("from_id", fromId)
                .map((rs, ctx) -> new TagDayUse(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4))).list());
    }

    /** How often an account used a tag in its public and unlisted original statuses, and when last. */
    public record TagUse(long tagId, long count, Instant lastUsedAt) {}

    public Map<Long, TagUse> tagUseBy(long accountId, Collection<Long> tagIds) {
        Map<Long, TagUse> out = new HashMap<>();
        if (tagIds.isEmpty()) return out;
        db.read(h -> h.createQuery("""
                        SELECT st.tag_id, COUNT(*), MAX(s.created_at) FROM status_tags st JOIN statuses s ON s.id = st.status_id
                         WHERE st.tag_id IN (<ids>) AND s.account_id = :a AND s.visibility IN ('public', 'unlisted')
                           AND s.deleted_at IS NULL AND s.reblog_of_id IS NULL
                         GROUP BY st.tag_id""")
                .bindList("ids", List.copyOf(tagIds)).bind("a", accountId)
                .map((rs, c) -> {
                    long last = rs.getLong(3);
                    return new TagUse(rs.getLong(1), rs.getLong(2), last == 0 ? null : Instant.ofEpochMilli(last));
                }).list())
                .forEach(u -> out.put(u.tagId(), u));
        return out;
    }
}
