package social.atoll.core.featured;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import social.atoll.core.tag.Tag;
import social.atoll.infra.db.Database;
import social.atoll.infra.db.RecordMapper;

/** SQL for {@code featured_tags}. */
public final class FeaturedTagStore {

    private static final RowMapper<Tag> TAG = RecordMapper.of(Tag.class);

    /** One featured tag of an account: the row id and the tag. */
    public record Row(long id, long tagId) {}

    private final Database db;

    public FeaturedTagStore(Database db) { this.db = db; }

    /** An account's featured tags, in the order they were featured. */
    public List<Row> byAccount(long accountId) {
        return db.read(h -> h.createQuery("SELECT id, tag_id FROM featured_tags WHERE account_id = :a ORDER BY id")
                .bind("a", accountId).map((rs, c) -> new Row(rs.getLong(1), rs.getLong(2))).list());
    }

    public int count(Handle h, long accountId) {
        return h.createQuery("SELECT COUNT(*) FROM featured_tags WHERE account_id = :a").bind("a", accountId).mapTo(Integer.class).one();
    }

    /** Features a tag; returns 0 when the account features it already. */
    public int insert(Handle h, long id, long accountId, long tagId, Instant now) {
        return h.createUpdate("""
                        INSERT INTO featured_tags (id, account_id, tag_id, created_at) VALUES (:id, :a, :t, :now)
                        ON CONFLICT (account_id, tag_id) DO NOTHING""")
                .bind("id", id).bind("a", accountId).bind("t", tagId).bind("now", now).execute();
    }

    /** Removes the account's featured tags other than {@code keepTagIds} (all of them when it is empty). */
    public void deleteOthers(Handle h, long accountId, List<Long> keepTagIds) {
        if (keepTagIds.isEmpty()) {
            h.createUpdate("DELETE FROM featured_tags WHERE account_id = :a").bind("a", accountId).execute();
            return;
        }
        h.createUpdate("DELETE FROM featured_tags WHERE account_id = :a AND tag_id NOT IN (<keep>)")
                .bind("a", accountId).bindList("keep", keepTagIds).execute();
    }

    /** Removes the account's featured tag whose tag has this key, if it features it. */
    public void deleteByTagKey(long accountId, String key) {
        db.write(h -> h.createUpdate("DELETE FROM featured_tags WHERE account_id = :a AND tag_id IN (SELECT id FROM tags WHERE name_key = :k)")
                .bind("a", accountId).bind("k", key).execute());
    }

    /** Removes one of the account's featured tags; returns 0 when it had no such row. */
    public int delete(long accountId, long featuredTagId) {
        return db.write(h -> h.createUpdate("DELETE FROM featured_tags WHERE id = :id AND account_id = :a")
                .bind("id", featuredTagId).bind("a", accountId).execute());
    }

    /**
     * The ten tags the account used most in its live original statuses (from {@code status_tags}) that it does not
     * feature yet, most used first.
     */
    public List<Tag> unfeaturedMostUsed(long accountId) {
        return db.read(h -> h.createQuery("""
                        SELECT t.id, t.name, t.name_key, t.usable, t.trendable, t.created_at
                          FROM tags t JOIN (SELECT st.tag_id, COUNT(*) AS uses FROM status_tags st
                                              JOIN statuses s ON s.id = st.status_id
                                             WHERE s.account_id = :a AND s.deleted_at IS NULL AND s.reblog_of_id IS NULL
                                             GROUP BY st.tag_id) u ON u.tag_id = t.id
                         WHERE NOT EXISTS (SELECT 1 FROM featured_tags f WHERE f.account_id = :a AND f.tag_id = t.id)
                         ORDER BY u.uses DESC, t.id DESC LIMIT 10""")
                .bind("a", accountId).map(TAG).list());
    }
}
