package social.atoll.core.instagram;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import social.atoll.infra.db.Database;

/** SQL of Instagram imports: the imports, their done posts, and the posts each account has imported. */
public final class InstagramImportStore {

    public record Import(long id, long accountId, String sourceSha, String dir, String visibility, boolean announce,
                         String state, int totalPosts, String error) {}

    public record Item(int postIndex, String outcome, int media, String detail) {}

    private final Database db;

    public InstagramImportStore(Database db) { this.db = db; }

    public void insert(Handle h, Import i, long now) {
        h.createUpdate("""
                        INSERT INTO instagram_imports (id, account_id, source_sha, dir, visibility, announce, state, total_posts, created_at)
                        VALUES (:id, :account, :sha, :dir, :vis, :announce, 'running', :total, :now)""")
                .bind("id", i.id()).bind("account", i.accountId()).bind("sha", i.sourceSha()).bind("dir", i.dir())
                .bind("vis", i.visibility()).bind("announce", i.announce()).bind("total", i.totalPosts()).bind("now", now)
                .execute();
    }

    private static final org.jdbi.v3.core.mapper.RowMapper<Import> IMPORT = (rs, ctx) -> new Import(rs.getLong("id"),
            rs.getLong("account_id"), rs.getString("source_sha"), rs.getString("dir"), rs.getString("visibility"),
            rs.getBoolean("announce"), rs.getString("state"), rs.getInt("total_posts"), rs.getString("error"));

    public Optional<Import> byId(long id) {
        return db.read(h -> h.createQuery("SELECT * FROM instagram_imports WHERE id = :id").bind("id", id).map(IMPORT).findOne());
    }

    /** The account's imports, newest first. */
    public List<Import> byAccount(long accountId, int limit) {
        return db.read(h -> h.createQuery("SELECT * FROM instagram_imports WHERE account_id = :a ORDER BY id DESC LIMIT :n")
                .bind("a", accountId).bind("n", limit).map(IMPORT).list());
    }

    public Optional<Import> running(long accountId, String sourceSha) {
        return db.read(h -> h.createQuery("""
                        SELECT * FROM instagram_imports WHERE account_id = :a AND source_sha = :sha AND state = 'running'
                        ORDER BY id DESC LIMIT 1""")
                .bind("a", accountId).bind("sha", sourceSha).map(IMPORT).findOne());
    }

    public void finish(long id, String state, String error, long now) {
        db.write(h -> h.createUpdate("UPDATE instagram_imports SET state = :state, error = :error, finished_at = :now WHERE id = :id")
                .bind("state", state).bind("error", error).bind("now", now).bind("id", id).execute());
    }

    public void addItem(Handle h, long importId, Item item) {
        h.createUpdate("""
                        INSERT INTO instagram_import_items (import_id, post_index, outcome, media, detail)
                        VALUES (:id, :idx, :outcome, :media, :detail)""")
                .bind("id", importId).bind("idx", item.postIndex()).bind("outcome", item.outcome())
                .bind("media", item.media()).bind("detail", item.detail()).execute();
    }

    public List<Item> items(long importId) {
        return db.read(h -> h.createQuery("SELECT * FROM instagram_import_items WHERE import_id = :id ORDER BY post_index")
                .bind("id", importId)
                .map((rs, ctx) -> new Item(rs.getInt("post_index"), rs.getString("outcome"), rs.getInt("media"), rs.getString("detail")))
                .list());
    }

    /** Posts done so far (imported or skipped): the index of the next one. */
    public int done(long importId) {
        return db.read(h -> h.createQuery("SELECT COUNT(*) FROM instagram_import_items WHERE import_id = :id")
                .bind("id", importId).mapTo(Integer.class).one());
    }

    public boolean imported(long accountId, String postKey) {
        return db.read(h -> h.createQuery("SELECT COUNT(*) FROM instagram_imported WHERE account_id = :a AND post_key = :k")
                .bind("a", accountId).bind("k", postKey).mapTo(Integer.class).one() > 0);
    }

    public void remember(Handle h, long accountId, String postKey, long statusId) {
        h.createUpdate("INSERT INTO instagram_imported (account_id, post_key, status_id) VALUES (:a, :k, :s)")
                .bind("a", accountId).bind("k", postKey).bind("s", statusId).execute();
    }
}
