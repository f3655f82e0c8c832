package social.atoll.core.emoji;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import social.atoll.infra.db.Database;

/** SQL for {@code custom_emojis}. A local emoji has {@code domain_key} ''; a remote one its server's domain. */
public final class CustomEmojiStore {

    private static final String COLUMNS = """
            id, shortcode, domain_key, uri, image_key, static_key, content_type, image_remote_url, category,
            visible_in_picker, created_at, updated_at""";

    private final Database db;

    public CustomEmojiStore(Database db) { this.db = db; }

    public void insertLocal(Handle h, long id, String shortcode, String uri, String imageKey, String staticKey, String contentType,
                            String category, Instant now) {
        h.createUpdate("""
                        INSERT INTO custom_emojis (id, shortcode, domain_key, uri, image_key, static_key, content_type, category,
                                                   visible_in_picker, created_at, updated_at)
                        VALUES (:id, :s, '', :uri, :img, :st, :ct, :cat, TRUE, :now, :now)""")
                .bind("id", id).bind("s", shortcode).bind("uri", uri).bind("img", imageKey).bind("st", staticKey)
                .bind("ct", contentType).bind("cat", category).bind("now", now).execute();
    }

    /**
     * Records a remote emoji, or points a known one at its new image when the other server says it was updated (or
     * its URL changed); returns its row.
     */
    public CustomEmoji upsertRemote(Handle h, long id, String domain, String shortcode, String uri, String url, Instant now) {
        h.createUpdate("""
                        INSERT INTO custom_emojis (id, shortcode, domain_key, uri, image_remote_url, visible_in_picker, created_at, updated_at)
                        VALUES (:id, :s, :d, :uri, :url, FALSE, :now, :now)
                        ON CONFLICT (domain_key, shortcode) DO UPDATE SET image_remote_url = :url, uri = :uri, updated_at = :now
                         WHERE custom_emojis.image_remote_url <> :url OR custom_emojis.uri IS NULL""")
                .bind("id", id).bind("s", shortcode).bind("d", domain).bind("uri", uri).bind("url", url).bind("now", now).execute();
        return find(h, domain, shortcode).orElseThrow();
    }

    public Optional<CustomEmoji> find(Handle h, String domainKey, String shortcode) {
        return h.createQuery("SELECT " + COLUMNS + " FROM custom_emojis WHERE domain_key = :d AND shortcode = :s")
                .bind("d", domainKey).bind("s", shortcode).map((rs, c) -> row(rs)).findOne();
    }

    public Optional<CustomEmoji> find(String domainKey, String shortcode) { return db.read(h -> find(h, domainKey, shortcode)); }

    public Optional<CustomEmoji> byId(long id) {
        return db.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM custom_emojis WHERE id = :id")
                .bind("id", id).map((rs, c) -> row(rs)).findOne());
    }

    /** The emoji of one server ('' for this one) among {@code shortcodes}. */
    public List<CustomEmoji> among(String domainKey, Collection<String> shortcodes) {
        if (shortcodes.isEmpty()) return List.of();
        return db.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM custom_emojis WHERE domain_key = :d AND shortcode IN (<s>)")
                .bind("d", domainKey).bindList("s", new ArrayList<>(shortcodes)).map((rs, c) -> row(rs)).list());
    }

    public List<CustomEmoji> byIds(Collection<Long> ids) {
        if (ids.isEmpty()) return List.of();
        return db.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM custom_emojis WHERE id IN (<ids>)")
                .bindList("ids", new ArrayList<>(ids)).map((rs, c) -> row(rs)).list());
    }

    /** This server's emoji, by category then shortcode. */
    public List<CustomEmoji> local() {
        return db.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM custom_emojis WHERE domain_key = '' ORDER BY CASE WHEN category IS NULL THEN 0 ELSE 1 END, category, shortcode")
                .map((rs, c) -> row(rs)).list());
    }

    public int update(Handle h, long id, String category, boolean visibleInPicker, Instant now) {
        return h.createUpdate("UPDATE custom_emojis SET category = :cat, visible_in_picker = :v, updated_at = :now WHERE id = :id")
                .bind("cat", category).bind("v", visibleInPicker).bind("now", now).bind("id", id).execute();
    }

    public int delete(Handle h, long id) {
        return h.createUpdate("DELETE FROM custom_emojis WHERE id = :id").bind("id", id).execute();
    }

    private static CustomEmoji row(ResultSet rs) throws SQLException {
        String d = rs.getString("domain_key");
        return new CustomEmoji(rs.getLong("id"), rs.getString("shortcode"), d == null || d.isEmpty() ? null : d, rs.getString("uri"),
                rs.getString("image_key"), rs.getString("static_key"), rs.getString("content_type"), rs.getString("image_remote_url"),
                rs.getString("category"), rs.getBoolean("visible_in_picker"), Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")));
    }
}
