package social.atoll.core.tag;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import social.atoll.core.common.IdRange;
import social.atoll.infra.db.Database;
import social.atoll.infra.db.RecordMapper;

/** SQL for {@code tags} and {@code tag_follows}. (How statuses use tags is the status store's: {@code status_tags}.) */
public final class TagStore {

    static final RowMapper<Tag> TAG = RecordMapper.of(Tag.class);

    private static final String COLUMNS = "id, name, name_key, usable, trendable, created_at";

    private final Database db;

    public TagStore(Database db) { this.db = db; }

    // ---- tags ----

    public Optional<Tag> byKey(String key) {
        return db.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM tags WHERE name_key = :k")
                .bind("k", key).map(TAG).findOne());
    }

    /** Tags by id, in one query; missing ids are absent. */
    public Map<Long, Tag> byIds(Collection<Long> ids) {
        Map<Long, Tag> out = new HashMap<>();
        if (ids.isEmpty()) return out;
        db.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM tags WHERE id IN (<ids>)")
                .bindList("ids", List.copyOf(ids)).map(TAG).list()).forEach(t -> out.put(t.id(), t));
        return out;
    }

    /** Ids of the tags with these keys (unknown keys are absent). */
    public Map<String, Long> idsByKeys(List<String> keys) {
        Map<String, Long> out = new HashMap<>();
        db.read(h -> h.createQuery("SELECT name_key, id FROM tags WHERE name_key IN (<k>)").bindList("k", keys)
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2))).list()).forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /**
     * Usable tags whose key starts with {@code key}, exact match first, then shortest. The range on {@code name_key}
     * uses its unique index; the LIKE ({@code like}, escaped with {@code !}) keeps the answer exact whatever the
     * collation.
     */
    public List<Tag> byKeyPrefix(String key, String like, int offset, int limit) {
        return db.read(h -> h.createQuery("""
                        SELECT id, name, name_key, usable, trendable, created_at FROM tags
                        WHERE name_key >= :lo AND name_key < :hi AND name_key LIKE :like ESCAPE '!' AND usable = TRUE
                        ORDER BY CASE WHEN name_key = :lo THEN 0 ELSE 1 END, LENGTH(name_key), name_key
                        LIMIT :limit OFFSET :offset""")
                .bind("lo", key).bind("hi", key + "\uffff").bind("like", like)
                .bind("limit", limit).bind("offset", offset).map(TAG).list());
    }

    /** The tag with this key, created (as {@code newId}, named {@code name}) if there is none yet. */
    public Tag insertIfAbsent(Handle h, long newId, String name, String key, Instant now) {
        h.createUpdate("INSERT INTO tags (id, name, name_key, created_at) VALUES (:id, :name, :key, :now) ON CONFLICT (name_key) DO NOTHING")
                .bind("id", newId).bind("name", name).bind("key", key).bind("now", now).execute();
        return h.createQuery("SELECT " + COLUMNS + " FROM tags WHERE name_key = :k").bind("k", key).map(TAG).one();
    }

    // ---- tag_follows ----

    /** Which of {@code tagIds} the account follows. */
    public Set<Long> followedAmong(long accountId, Collection<Long> tagIds) {
        return db.read(h -> new HashSet<>(h.createQuery("SELECT tag_id FROM tag_follows WHERE account_id = :a AND tag_id IN (<ids>)")
                .bind("a", accountId).bindList("ids", List.copyOf(tagIds)).mapTo(Long.class).list()));
    }

    public void insertFollow(Handle h, long id, long accountId, long tagId, Instant now) {
        h.createUpdate("INSERT INTO tag_follows (id, account_id, tag_id, created_at) VALUES (:id, :a, :t, :now) ON CONFLICT DO NOTHING")
                .bind("id", id).bind("a", accountId).bind("t", tagId).bind("now", now).execute();
    }

    public void deleteFollow(long accountId, long tagId) {
        db.write(h -> h.createUpdate("DELETE FROM tag_follows WHERE account_id = :a AND tag_id = :t")
                .bind("a", accountId).bind("t", tagId).execute());
    }

    /** A page of the tags an account follows, newest follow first, by follow id. */
    public List<TagService.Followed> followedTags(long accountId, IdRange range) {
        return range.newestFirst(db.read(h -> range.bind(h.createQuery("""
                        SELECT tf.id AS follow_id, t.id, t.name, t.name_key, t.usable, t.trendable, t.created_at
                        FROM tag_follows tf JOIN tags t ON t.id = tf.tag_id WHERE tf.account_id = :a"""
                        + range.conditions("tf.id") + range.orderAndLimit("tf.id")).bind("a", accountId))
                .map((rs, ctx) -> new TagService.Followed(rs.getLong("follow_id"), TAG.map(rs, ctx))).list()));
    }

    /** True when some account follows one of the tags of status {@code statusId}. */
    public boolean anyFollowedOn(Handle h, long statusId) {
        return h.createQuery("""
                        SELECT COUNT(*) FROM status_tags st WHERE st.status_id = :s
                          AND EXISTS (SELECT 1 FROM tag_follows tf WHERE tf.tag_id = st.tag_id)""")
                .bind("s", statusId).mapTo(Integer.class).one() > 0;
    }
}
