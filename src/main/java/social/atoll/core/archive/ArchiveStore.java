package social.atoll.core.archive;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import social.atoll.infra.db.Database;

/**
 * SQL of archives: the archives built for download ({@code account_archives}), archive imports and their posts
 * ({@code archive_imports}, {@code archive_import_items}) and the posts each account brought from elsewhere
 * ({@code imported_statuses}); and, for the archive's contents, an account's own posts, likes and bookmarks read
 * whole, oldest first.
 */
public final class ArchiveStore {

    public record Archive(long id, long accountId, String state, String blobKey, Long size, String error, long createdAt,
                          Long finishedAt, Long expiresAt) {}

    public record Import(long id, long accountId, String sourceSha, String dir, boolean includeDirect, String state, int totalPosts,
                         String error, long createdAt) {}

    public record Item(int postIndex, String outcome, int media, String detail) {}

    private static final RowMapper<Archive> ARCHIVE = (rs, ctx) -> new Archive(rs.getLong("id"), rs.getLong("account_id"),
            rs.getString("state"), rs.getString("blob_key"), nullableLong(rs, "size"), rs.getString("error"), rs.getLong("created_at"),
            nullableLong(rs, "finished_at"), nullableLong(rs, "expires_at"));

    private static final RowMapper<Import> IMPORT = (rs, ctx) -> new Import(rs.getLong("id"), rs.getLong("account_id"),
            rs.getString("source_sha"), rs.getString("dir"), rs.getBoolean("include_direct"), rs.getString("state"),
            rs.getInt("total_posts"), rs.getString("error"), rs.getLong("created_at"));

    private final Database db;

    public ArchiveStore(Database db) { this.db = db; }

    // ---- archives for download ----

    public void insertArchive(Handle h, long id, long accountId, long now) {
        h.createUpdate("INSERT INTO account_archives (id, account_id, state, created_at) VALUES (:id, :a, 'running', :now)")
                .bind("id", id).bind("a", accountId).bind("now", now).execute();
    }

    public Optional<Archive> archive(long id) {
        return db.read(h -> h.createQuery("SELECT * FROM account_archives WHERE id = :id").bind("id", id).map(ARCHIVE).findOne());
    }

    public List<Archive> archives(long accountId) {
        return db.read(h -> h.createQuery("SELECT * FROM account_archives WHERE account_id = :a ORDER BY id DESC LIMIT 10")
                .bind("a", accountId).map(ARCHIVE).list());
    }

    public void archiveDone(long id, String blobKey, long size, long now, long expiresAt) {
        db.write(h -> h.createUpdate("""
                        UPDATE account_archives SET state = 'done', blob_key = :key, size = :size, finished_at = :now, expires_at = :exp
                        WHERE id = :id""")
                .bind("key", blobKey).bind("size", size).bind("now", now).bind("exp", expiresAt).bind("id", id).execute());
    }

    public void archiveFailed(long id, String error, long now) {
        db.write(h -> h.createUpdate("UPDATE account_archives SET state = 'failed', error = :e, finished_at = :now WHERE id = :id")
                .bind("e", error).bind("now", now).bind("id", id).execute());
    }

    /** Archives past their week (their files are removed by the caller, then the rows). */
    public List<Archive> expired(long now) {
        return db.read(h -> h.createQuery("SELECT * FROM account_archives WHERE expires_at IS NOT NULL AND expires_at <= :now")
                .bind("now", now).map(ARCHIVE).list());
    }

    public void deleteArchive(long id) {
        db.write(h -> h.createUpdate("DELETE FROM account_archives WHERE id = :id").bind("id", id).execute());
    }

    // ---- what an archive holds ----

    /** Ids of the account's own posts and boosts, oldest first, after {@code afterId}. */
    public List<Long> ownStatusIds(long accountId, long afterId, int limit) {
        return db.read(h -> h.createQuery("""
                        SELECT id FROM statuses WHERE account_id = :a AND deleted_at IS NULL AND id > :after
                        ORDER BY id LIMIT :n""")
                .bind("a", accountId).bind("after", afterId).bind("n", limit).mapTo(Long.class).list());
    }

    public List<String> likedUris(long accountId) {
        return db.read(h -> h.createQuery("""
                        SELECT s.uri FROM favourites f JOIN statuses s ON s.id = f.status_id
                        WHERE f.account_id = :a AND s.deleted_at IS NULL ORDER BY f.id""")
                .bind("a", accountId).mapTo(String.class).list());
    }

    public List<String> bookmarkedUris(long accountId) {
        return db.read(h -> h.createQuery("""
                        SELECT s.uri FROM bookmarks b JOIN statuses s ON s.id = b.status_id
                        WHERE b.account_id = :a AND s.deleted_at IS NULL ORDER BY b.id""")
                .bind("a", accountId).mapTo(String.class).list());
    }

    // ---- imports ----

    public void insertImport(Handle h, Import i, long now) {
        h.createUpdate("""
                        INSERT INTO archive_imports (id, account_id, source_sha, dir, include_direct, state, total_posts, created_at)
                        VALUES (:id, :a, :sha, :dir, :direct, 'running', :total, :now)""")
                .bind("id", i.id()).bind("a", i.accountId()).bind("sha", i.sourceSha()).bind("dir", i.dir())
                .bind("direct", i.includeDirect()).bind("total", i.totalPosts()).bind("now", now).execute();
    }

    public Optional<Import> importById(long id) {
        return db.read(h -> h.createQuery("SELECT * FROM archive_imports WHERE id = :id").bind("id", id).map(IMPORT).findOne());
    }

    public Optional<Import> running(long accountId, String sha) {
        return db.read(h -> h.createQuery("""
                        SELECT * FROM archive_imports WHERE account_id = :a AND source_sha = :sha AND state = 'running' ORDER BY id DESC LIMIT 1""")
                .bind("a", accountId).bind("sha", sha).map(IMPORT).findOne());
    }

    public List<Import> imports(long accountId) {
        return db.read(h -> h.createQuery("SELECT * FROM archive_imports WHERE account_id = :a ORDER BY id DESC LIMIT 5")
                .bind("a", accountId).map(IMPORT).list());
    }

    public void finishImport(long id, String state, String error, long now) {
        db.write(h -> h.createUpdate("UPDATE archive_imports SET state = :s, error = :e, finished_at = :now WHERE id = :id")
                .bind("s", state).bind("e", error).bind("now", now).bind("id", id).execute());
    }

    public void addItem(Handle h, long importId, Item item) {
        h.createUpdate("INSERT INTO archive_import_items (import_id, post_index, outcome, media, detail) VALUES (:id, :i, :o, :m, :d)")
                .bind("id", importId).bind("i", item.postIndex()).bind("o", item.outcome()).bind("m", item.media()).bind("d", item.detail())
                .execute();
    }

    public List<Item> items(long importId) {
        return db.read(h -> h.createQuery("SELECT * FROM archive_import_items WHERE import_id = :id ORDER BY post_index")
                .bind("id", importId)
                .map((rs, c) -> new Item(rs.getInt("post_index"), rs.getString("outcome"), rs.getInt("media"), rs.getString("detail"))).list());
    }

    public int done(long importId) {
        return db.read(h -> h.createQuery("SELECT COUNT(*) FROM archive_import_items WHERE import_id = :id")
                .bind("id", importId).mapTo(Integer.class).one());
    }

    /** The post brought here from {@code oldUri} by this account, if it was. */
    public Optional<Long> imported(long accountId, String oldUri) {
        return db.read(h -> h.createQuery("SELECT status_id FROM imported_statuses WHERE account_id = :a AND old_uri = :u")
                .bind("a", accountId).bind("u", oldUri).mapTo(Long.class).findOne());
    }

    public void remember(Handle h, long accountId, String oldUri, long statusId) {
        h.createUpdate("INSERT INTO imported_statuses (account_id, old_uri, status_id) VALUES (:a, :u, :s)")
                .bind("a", accountId).bind("u", oldUri).bind("s", statusId).execute();
    }

    private static Long nullableLong(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }
}
