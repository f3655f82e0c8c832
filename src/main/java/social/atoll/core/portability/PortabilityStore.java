package social.atoll.core.portability;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.PreparedBatch;
import social.atoll.infra.db.Database;

/**
 * SQL of CSV exports and imports. Its own tables are {@code csv_imports} and {@code csv_import_rows}; the export
 * reads (one query per file, joined with the accounts for their addresses) and the counts of the stats read the
 * tables of follows, relationships, lists and bookmarks as one whole-list read each, which their own stores only
 * offer page by page, one account at a time.
 */
public final class PortabilityStore {

    /** An account on a line of an export, with what the line says about it. */
    public record AccountLine(String username, String domain, boolean flagA, boolean flagB, String languages, String listName) {}

    public record Import(long id, long accountId, CsvKind kind, boolean overwrite, String state, int totalRows, String error,
                         long createdAt, Long finishedAt) {}

    public record Row(int index, String address, String listName, Boolean showReblogs, Boolean notifyPosts, String languages,
                      Boolean hideNotifications, String state, String error, Long targetId) {
        public static Row pending(int index, String address) { return new Row(index, address, null, null, null, null, null, "pending", null, null); }
    }

    public record Counts(int done, int failed, int pending) {}

    public record Stats(long mediaBytes, int followers, int following, int statuses, int lists, int blocks, int mutes) {}

    private static final RowMapper<Import> IMPORT = (rs, ctx) -> {
        long fin = rs.getLong("finished_at");
        Long finished = rs.wasNull() ? null : fin;
        return new Import(rs.getLong("id"), rs.getLong("account_id"), CsvKind.bySlug(rs.getString("kind")).orElseThrow(),
                rs.getBoolean("overwrite"), rs.getString("state"), rs.getInt("total_rows"), rs.getString("error"),
                rs.getLong("created_at"), finished);
    };

    private static final RowMapper<Row> ROW = (rs, ctx) -> new Row(rs.getInt("row_index"), rs.getString("address"), rs.getString("list_name"),
            bool(rs, "show_reblogs"), bool(rs, "notify"), rs.getString("languages"), bool(rs, "hide_notifications"),
            rs.getString("state"), rs.getString("error"), nullableLong(rs, "target_id"));

    private final Database db;

    public PortabilityStore(Database db) { this.db = db; }

    // ---- exports ----

    public List<AccountLine> following(long accountId) {
        return accountLines("""
                SELECT a.username, a.domain, f.show_reblogs AS flag_a, f.notify AS flag_b, f.languages, NULL AS list_name
                FROM follows f JOIN accounts a ON a.id = f.target_account_id WHERE f.account_id = :a ORDER BY f.id""", accountId);
    }

    public List<AccountLine> followers(long accountId) {
        return accountLines("""
                SELECT a.username, a.domain, FALSE AS flag_a, FALSE AS flag_b, NULL AS languages, NULL AS list_name
                FROM follows f JOIN accounts a ON a.id = f.account_id WHERE f.target_account_id = :a ORDER BY f.id""", accountId);
    }

    public List<AccountLine> blocks(long accountId) {
        return accountLines("""
                SELECT a.username, a.domain, FALSE AS flag_a, FALSE AS flag_b, NULL AS languages, NULL AS list_name
                FROM blocks b JOIN accounts a ON a.id = b.target_account_id WHERE b.account_id = :a ORDER BY b.id""", accountId);
    }

    /** Mutes still in force ({@code flagA}: notifications hidden too). */
    public List<AccountLine> mutes(long accountId, long now) {
        return db.read(h -> h.createQuery("""
                        SELECT a.username, a.domain, m.hide_notifications AS flag_a, FALSE AS flag_b, NULL AS languages, NULL AS list_name
                        FROM mutes m JOIN accounts a ON a.id = m.target_account_id
                        WHERE m.account_id = :a AND (m.expires_at IS NULL OR m.expires_at > :now) ORDER BY m.id""")
                .bind("a", accountId).bind("now", now).map(LINE).list());
    }

    public List<AccountLine> listMembers(long accountId) {
        return accountLines("""
                SELECT a.username, a.domain, FALSE AS flag_a, FALSE AS flag_b, NULL AS languages, l.title AS list_name
                FROM lists l JOIN list_accounts la ON la.list_id = l.id JOIN accounts a ON a.id = la.account_id
                WHERE l.account_id = :a ORDER BY l.id, la.id""", accountId);
    }

    public List<String> domainBlocks(long accountId) {
        return db.read(h -> h.createQuery("SELECT domain FROM account_domain_blocks WHERE account_id = :a ORDER BY id")
                .bind("a", accountId).mapTo(String.class).list());
    }

    public List<String> bookmarkUris(long accountId) {
        return db.read(h -> h.createQuery("""
                        SELECT s.uri FROM bookmarks b JOIN statuses s ON s.id = b.status_id
                        WHERE b.account_id = :a AND s.deleted_at IS NULL ORDER BY b.id""")
                .bind("a", accountId).mapTo(String.class).list());
    }

    public Stats stats(long accountId, long now) {
        return db.read(h -> {
            int followers = count(h, "SELECT COUNT(*) FROM follows WHERE target_account_id = :a", accountId);
            int following = count(h, "SELECT COUNT(*) FROM follows WHERE account_id = :a", accountId);
            int statuses = count(h, "SELECT COUNT(*) FROM statuses WHERE account_id = :a AND deleted_at IS NULL", accountId);
            int lists = count(h, "SELECT COUNT(*) FROM lists WHERE account_id = :a", accountId);
            int blocks = count(h, "SELECT COUNT(*) FROM blocks WHERE account_id = :a", accountId);
            int mutes = h.createQuery("SELECT COUNT(*) FROM mutes WHERE account_id = :a AND (expires_at IS NULL OR expires_at > :now)")
                    .bind("a", accountId).bind("now", now).mapTo(Integer.class).one();
            long media = h.createQuery("SELECT COALESCE(SUM(file_size), 0) FROM media_attachments WHERE account_id = :a AND remote_url IS NULL")
                    .bind("a", accountId).mapTo(Long.class).one();
            return new Stats(media, followers, following, statuses, lists, blocks, mutes);
        });
    }

    private List<AccountLine> accountLines(String sql, long accountId) {
        return db.read(h -> h.createQuery(sql).bind("a", accountId).map(LINE).list());
    }

    private static final RowMapper<AccountLine> LINE = (rs, ctx) -> new AccountLine(rs.getString("username"), rs.getString("domain"),
            rs.getBoolean("flag_a"), rs.getBoolean("flag_b"), rs.getString("languages"), rs.getString("list_name"));

    private static int count(Handle h, String sql, long accountId) {
        return h.createQuery(sql).bind("a", accountId).mapTo(Integer.class).one();
    }

    // ---- imports ----

    public void insertImport(Handle h, Import i) {
        h.createUpdate("""
                        INSERT INTO csv_imports (id, account_id, kind, overwrite, state, total_rows, created_at)
                        VALUES (:id, :a, :kind, :overwrite, 'running', :total, :now)""")
                .bind("id", i.id()).bind("a", i.accountId()).bind("kind", i.kind().slug()).bind("overwrite", i.overwrite())
                .bind("total", i.totalRows()).bind("now", i.createdAt()).execute();
    }

    public void insertRows(Handle h, long importId, List<Row> rows) {
        PreparedBatch batch = h.prepareBatch("""
                INSERT INTO csv_import_rows (import_id, row_index, address, list_name, show_reblogs, notify, languages, hide_notifications, state)
                VALUES (:id, :idx, :address, :list, :reblogs, :notify, :languages, :hide, 'pending')""");
        for (Row r : rows) {
            batch.bind("id", importId).bind("idx", r.index()).bind("address", r.address()).bind("list", r.listName())
                    .bind("reblogs", r.showReblogs()).bind("notify", r.notifyPosts()).bind("languages", r.languages())
                    .bind("hide", r.hideNotifications()).add();
        }
        if (!rows.isEmpty()) batch.execute();
    }

    public Optional<Import> byId(long id) {
        return db.read(h -> h.createQuery("SELECT * FROM csv_imports WHERE id = :id").bind("id", id).map(IMPORT).findOne());
    }

    public List<Import> recent(long accountId, int limit) {
        return db.read(h -> h.createQuery("SELECT * FROM csv_imports WHERE account_id = :a ORDER BY id DESC LIMIT :n")
                .bind("a", accountId).bind("n", limit).map(IMPORT).list());
    }

    public List<Row> pending(long importId, int limit) {
        return db.read(h -> h.createQuery("""
                        SELECT * FROM csv_import_rows WHERE import_id = :id AND state = 'pending' ORDER BY row_index LIMIT :n""")
                .bind("id", importId).bind("n", limit).map(ROW).list());
    }

    public List<Row> rows(long importId, String state, int limit) {
        return db.read(h -> h.createQuery("""
                        SELECT * FROM csv_import_rows WHERE import_id = :id AND state = :state ORDER BY row_index LIMIT :n""")
                .bind("id", importId).bind("state", state).bind("n", limit).map(ROW).list());
    }

    public void markRow(long importId, int index, String state, String error, Long targetId) {
        db.write(h -> h.createUpdate("""
                        UPDATE csv_import_rows SET state = :state, error = :error, target_id = :target
                        WHERE import_id = :id AND row_index = :idx""")
                .bind("state", state).bind("error", error).bind("target", targetId).bind("id", importId).bind("idx", index).execute());
    }

    public Counts counts(long importId) {
        return db.read(h -> {
            int done = 0, failed = 0, pending = 0;
            for (var r : h.createQuery("SELECT state, COUNT(*) AS n FROM csv_import_rows WHERE import_id = :id GROUP BY state")
                    .bind("id", importId).map((rs, c) -> java.util.Map.entry(rs.getString("state"), rs.getInt("n"))).list()) {
                switch (r.getKey()) {
                    case "done" -> done = r.getValue();
                    case "failed" -> failed = r.getValue();
                    default -> pending = r.getValue();
                }
            }
            return new Counts(done, failed, pending);
        });
    }

    public void finish(long id, String state, String error, long now) {
        db.write(h -> h.createUpdate("UPDATE csv_imports SET state = :state, error = :error, finished_at = :now WHERE id = :id")
                .bind("state", state).bind("error", error).bind("now", now).bind("id", id).execute());
    }

    // ---- what an overwrite compares the file with ----

    public List<Long> followedIds(long accountId) {
        return ids("SELECT target_account_id FROM follows WHERE account_id = :a UNION SELECT target_account_id FROM follow_requests WHERE account_id = :a", accountId);
    }

    /** Whether {@code accountId} follows {@code targetId} (a request is not a follow). */
    public boolean follows(long accountId, long targetId) {
        return db.read(h -> h.createQuery("SELECT COUNT(*) FROM follows WHERE account_id = :a AND target_account_id = :t")
                .bind("a", accountId).bind("t", targetId).mapTo(Integer.class).one()) > 0;
    }

    public List<Long> blockedIds(long accountId) { return ids("SELECT target_account_id FROM blocks WHERE account_id = :a", accountId); }

    public List<Long> mutedIds(long accountId) { return ids("SELECT target_account_id FROM mutes WHERE account_id = :a", accountId); }

    public List<Long> bookmarkedIds(long accountId) { return ids("SELECT status_id FROM bookmarks WHERE account_id = :a", accountId); }

    private List<Long> ids(String sql, long accountId) {
        return db.read(h -> h.createQuery(sql).bind("a", accountId).mapTo(Long.class).list());
    }

    private static Boolean bool(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        boolean v = rs.getBoolean(column);
        return rs.wasNull() ? null : v;
    }

    private static Long nullableLong(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }
}
