package social.atoll.core.tag;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.mapper.RowMapper;
import social.atoll.core.common.IdRange;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.common.ValidationException;
import social.atoll.infra.db.Database;
import social.atoll.infra.db.RecordMapper;
import social.atoll.infra.ids.IdGenerator;

/** Hashtags: lookup, prefix search, daily use history, and the tags an account follows. */
public final class TagService {

    /** Uses of a tag on one day (UTC): statuses and distinct accounts. */
    public record DayUse(Instant day, long uses, long accounts) {}

    /** A followed tag with the id of the follow (the cursor of {@code /api/v1/followed_tags}). */
    public record Followed(long followId, Tag tag) {}

    static final RowMapper<Tag> TAG = RecordMapper.of(Tag.class);
    private static final long DAY = 86_400_000L;
    public static final int HISTORY_DAYS = 7;

    private final Database db;
    private final IdGenerator ids;
    private final Clock clock;

    public TagService(Database db, IdGenerator ids, Clock clock) {
        this.db = db;
        this.ids = ids;
        this.clock = clock;
    }

    public Optional<Tag> byName(String name) {
        return db.read(h -> h.createQuery("SELECT id, name, name_key, usable, trendable, created_at FROM tags WHERE name_key = :k")
                .bind("k", Tag.key(name)).map(TAG).findOne());
    }

    /** Ids of the tags with these names (unknown names are absent). */
    public Map<String, Long> idsByName(Collection<String> names) {
        Map<String, Long> out = new HashMap<>();
        if (names.isEmpty()) return out;
        List<String> keys = names.stream().map(Tag::key).distinct().toList();
        db.read(h -> h.createQuery("SELECT name_key, id FROM tags WHERE name_key IN (<k>)").bindList("k", keys)
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2))).list()).forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /**
     * Usable tags whose name starts with {@code prefix}, exact match first, then shortest. The range on
     * {@code name_key} uses its unique index; the LIKE keeps the answer exact whatever the collation.
     */
    public List<Tag> search(String prefix, int offset, int limit) {
        String key = Tag.key(prefix.trim());
        if (key.isEmpty() || !Tag.valid(key)) return List.of();
        String like = key.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        return db.read(h -> h.createQuery("""
                        SELECT id, name, name_key, usable, trendable, created_at FROM tags
                        WHERE name_key >= :lo AND name_key < :hi AND name_key LIKE :like ESCAPE '!' AND usable = TRUE
                        ORDER BY CASE WHEN name_key = :lo THEN 0 ELSE 1 END, LENGTH(name_key), name_key
                        LIMIT :limit OFFSET :offset""")
                .bind("lo", key).bind("hi", key + "\uffff").bind("like", like)
                .bind("limit", limit).bind("offset", offset).map(TAG).list());
    }

    /** The last {@value #HISTORY_DAYS} days of use per tag, newest day first, days without use included. */
    public Map<Long, List<DayUse>> history(Collection<Long> tagIds) {
        Map<Long, List<DayUse>> out = new HashMap<>();
        if (tagIds.isEmpty()) return out;
        long today = clock.millis() / DAY;
        long from = (today - HISTORY_DAYS + 1) * DAY;
        Map<Long, Map<Long, long[]>> counts = new HashMap<>();
        db.read(h -> h.createQuery("""
                        SELECT st.tag_id, s.created_at / 86400000 AS day, COUNT(*), COUNT(DISTINCT s.account_id)
                        FROM status_tags st JOIN statuses s ON s.id = st.status_id
                        WHERE st.tag_id IN (<ids>) AND st.status_id >= :from_id AND s.created_at >= :from AND s.deleted_at IS NULL
                        GROUP BY st.tag_id, s.created_at / 86400000""")
                .bindList("ids", List.copyOf(tagIds)).bind("from", from)
                .bind("from_id", IdGenerator.lowestAt(Instant.ofEpochMilli(from)))
                .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)}).list())
                .forEach(r -> counts.computeIfAbsent(r[0], k -> new HashMap<>()).put(r[1], new long[] {r[2], r[3]}));
        for (Long id : tagIds) {
            List<DayUse> days = new ArrayList<>(HISTORY_DAYS);
            for (long d = today; d > today - HISTORY_DAYS; d--) {
                long[] c = counts.getOrDefault(id, Map.of()).getOrDefault(d, new long[] {0, 0});
                days.add(new DayUse(Instant.ofEpochMilli(d * DAY), c[0], c[1]));
            }
            out.put(id, days);
        }
        return out;
    }

    /** Which of {@code tagIds} the account follows. */
    public Set<Long> followed(long accountId, Collection<Long> tagIds) {
        if (tagIds.isEmpty()) return Set.of();
        return db.read(h -> new HashSet<>(h.createQuery("SELECT tag_id FROM tag_follows WHERE account_id = :a AND tag_id IN (<ids>)")
                .bind("a", accountId).bindList("ids", List.copyOf(tagIds)).mapTo(Long.class).list()));
    }

    /** Follows a tag (idempotent), creating it on first use as Mastodon does. */
    public Tag follow(long accountId, String name) {
        if (!Tag.valid(name)) throw new ValidationException("Name is not a valid hashtag");
        return db.write(h -> {
            Instant now = clock.instant();
            String key = Tag.key(name);
            h.createUpdate("INSERT INTO tags (id, name, name_key, created_at) VALUES (:id, :name, :key, :now) ON CONFLICT (name_key) DO NOTHING")
                    .bind("id", ids.next()).bind("name", name.startsWith("#") ? name.substring(1) : name).bind("key", key).bind("now", now).execute();
            Tag tag = h.createQuery("SELECT id, name, name_key, usable, trendable, created_at FROM tags WHERE name_key = :k")
                    .bind("k", key).map(TAG).one();
            h.createUpdate("INSERT INTO tag_follows (id, account_id, tag_id, created_at) VALUES (:id, :a, :t, :now) ON CONFLICT DO NOTHING")
                    .bind("id", ids.next()).bind("a", accountId).bind("t", tag.id()).bind("now", now).execute();
            return tag;
        });
    }

    /** Stops following a tag (idempotent); 404 for a tag that does not exist. */
    public Tag unfollow(long accountId, String name) {
        Tag tag = byName(name).orElseThrow(() -> new NotFoundException("tag"));
        db.write(h -> h.createUpdate("DELETE FROM tag_follows WHERE account_id = :a AND tag_id = :t")
                .bind("a", accountId).bind("t", tag.id()).execute());
        return tag;
    }

    /** A page of the tags an account follows, newest follow first, by follow id. */
    public List<Followed> followedTags(long accountId, IdRange range) {
        return range.newestFirst(db.read(h -> range.bind(h.createQuery("""
                        SELECT tf.id AS follow_id, t.id, t.name, t.name_key, t.usable, t.trendable, t.created_at
                        FROM tag_follows tf JOIN tags t ON t.id = tf.tag_id WHERE tf.account_id = :a"""
                        + range.conditions("tf.id") + range.orderAndLimit("tf.id")).bind("a", accountId))
                .map((rs, ctx) -> new Followed(rs.getLong("follow_id"), TAG.map(rs, ctx))).list()));
    }
}
