package social.atoll.core.featured;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.mapper.RowMapper;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.common.ValidationException;
import social.atoll.core.instance.InstanceLimits;
import social.atoll.core.tag.Tag;
import social.atoll.infra.db.Database;
import social.atoll.infra.db.RecordMapper;
import social.atoll.infra.ids.IdGenerator;

/**
 * Hashtags an account features on its profile, with how many of its public statuses carry each and when it last
 * used it (counted from {@code status_tags}, one grouped query for all of an account's featured tags).
 */
public final class FeaturedTagService {

    /** A featured tag with its counts. */
    public record FeaturedTag(long id, long accountId, Tag tag, long statusesCount, Instant lastStatusAt) {}

    private static final RowMapper<Tag> TAG = RecordMapper.of(Tag.class);

    private final Database db;
    private final IdGenerator ids;
    private final Clock clock;

    public FeaturedTagService(Database db, IdGenerator ids, Clock clock) {
        this.db = db;
        this.ids = ids;
        this.clock = clock;
    }

    public List<FeaturedTag> of(long accountId) {
        return db.read(h -> {
            record Row(long id, long tagId) {}
            List<Row> rows = h.createQuery("SELECT id, tag_id FROM featured_tags WHERE account_id = :a ORDER BY id")
                    .bind("a", accountId).map((rs, c) -> new Row(rs.getLong(1), rs.getLong(2))).list();
            if (rows.isEmpty()) return List.of();
            List<Long> tagIds = rows.stream().map(Row::tagId).toList();
            Map<Long, Tag> tags = new HashMap<>();
            h.createQuery("SELECT id, name, name_key, usable, trendable, created_at FROM tags WHERE id IN (<ids>)")
                    .bindList("ids", tagIds).map(TAG).forEach(t -> tags.put(t.id(), t));
            Map<Long, long[]> counts = new HashMap<>();
            h.createQuery("""
                            SELECT st.tag_id, COUNT(*), MAX(s.created_at) FROM status_tags st JOIN statuses s ON s.id = st.status_id
                             WHERE st.tag_id IN (<ids>) AND s.account_id = :a AND s.visibility IN ('public', 'unlisted')
                               AND s.deleted_at IS NULL AND s.reblog_of_id IS NULL
                             GROUP BY st.tag_id""")
                    .bindList("ids", tagIds).bind("a", accountId)
                    .map((rs, c) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)})
                    .forEach(r -> counts.put(r[0], r));
            List<FeaturedTag> out = new ArrayList<>();
            for (Row r : rows) {
                Tag t = tags.get(r.tagId);
                if (t == null) continue;
                long[] c = counts.get(r.tagId);
                out.add(new FeaturedTag(r.id, accountId, t, c == null ? 0 : c[1], c == null || c[2] == 0 ? null : Instant.ofEpochMilli(c[2])));
            }
            return out;
        });
    }

    /** Features a tag (creating the tag if needed); featuring it again is a 422, as the limit is. */
    public FeaturedTag feature(long accountId, String rawName) {
        String name = rawName == null ? "" : rawName.strip();
        if (name.startsWith("#")) name = name.substring(1);
        if (!Tag.valid(name)) throw new ValidationException("Tag is invalid");
        String n = name;
        long id = db.write(h -> {
            int count = h.createQuery("SELECT COUNT(*) FROM featured_tags WHERE account_id = :a").bind("a", accountId).mapTo(Integer.class).one();
            if (count >= InstanceLimits.MAX_FEATURED_TAGS)
                throw new ValidationException("You cannot feature more than " + InstanceLimits.MAX_FEATURED_TAGS + " hashtags");
            Instant now = clock.instant();
            h.createUpdate("INSERT INTO tags (id, name, name_key, created_at) VALUES (:id, :name, :key, :now) ON CONFLICT (name_key) DO NOTHING")
                    .bind("id", ids.next()).bind("name", n).bind("key", Tag.key(n)).bind("now", now).execute();
            long tagId = h.createQuery("SELECT id FROM tags WHERE name_key = :k").bind("k", Tag.key(n)).mapTo(Long.class).one();
            long rowId = ids.next();
            int added = h.createUpdate("""
                            INSERT INTO featured_tags (id, account_id, tag_id, created_at) VALUES (:id, :a, :t, :now)
                            ON CONFLICT (account_id, tag_id) DO NOTHING""")
                    .bind("id", rowId).bind("a", accountId).bind("t", tagId).bind("now", now).execute();
            if (added == 0) throw new ValidationException("Tag has already been taken");
            return rowId;
        });
        return of(accountId).stream().filter(f -> f.id() == id).findFirst().orElseThrow();
    }

    public void unfeature(long accountId, long featuredTagId) {
        int removed = db.write(h -> h.createUpdate("DELETE FROM featured_tags WHERE id = :id AND account_id = :a")
                .bind("id", featuredTagId).bind("a", accountId).execute());
        if (removed == 0) throw new NotFoundException("featured tag");
    }

    /** Tags the account used most in its recent statuses and does not feature yet (Mastodon: up to 10). */
    public List<Tag> suggestions(long accountId) {
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
