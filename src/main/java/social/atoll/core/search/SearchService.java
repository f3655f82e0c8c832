package social.atoll.core.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import social.atoll.core.account.Account;
import social.atoll.core.common.IdRange;
import social.atoll.core.privacy.VisibilityPolicy;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusStore;
import social.atoll.infra.db.Database;
import social.atoll.infra.db.Dialect;
import social.atoll.infra.db.RecordMapper;

/**
 * Search without a search server: accounts by name prefix, and statuses by their words through the database's own
 * full-text index — SQLite FTS5 ({@code statuses_fts}) or a PostgreSQL {@code tsvector} GIN index (migrations V70).
 * Statuses are only searched for a signed-in viewer (as Mastodon), among those they may see: the query narrows to
 * them in SQL so that a page is not eaten by invisible rows, and the {@link VisibilityPolicy} decides in the end.
 */
public final class SearchService {

    /** A status search: the words, an optional author, and paging by id and offset. */
    public record StatusQuery(String text, Long accountId, Long maxId, Long minId, int offset, int limit) {}

    /** An account search: name prefix, optional domain ({@code user@domain}), only followed accounts. */
    public record AccountQuery(String text, boolean following, int offset, int limit) {}

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{M}\\p{N}_]+");
    private static final org.jdbi.v3.core.mapper.RowMapper<Account> ACCOUNT = RecordMapper.of(Account.class);

    /** The indexed text, word for word as in the PostgreSQL index (V70) so that the planner uses it. */
    static final String PG_VECTOR = "to_tsvector('simple', s.spoiler_text || ' ' || CASE WHEN s.text <> '' THEN s.text ELSE s.content END)";

    private final Database db;
    private final VisibilityPolicy visibility;

    public SearchService(Database db, VisibilityPolicy visibility) {
        this.db = db;
        this.visibility = visibility;
    }

    /** The words of a query (letters, digits, underscores), at most 16. */
    static List<String> words(String q) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(q);
        while (m.find() && out.size() < 16) out.add(m.group().toLowerCase(Locale.ROOT));
        return out;
    }

    public List<Status> statuses(long viewerId, StatusQuery q) {
        List<String> words = words(q.text());
        if (words.isEmpty()) return List.of();
        IdRange range = new IdRange(q.maxId(), null, q.minId(), q.limit());
        boolean sqlite = db.dialect() == Dialect.SQLITE;
        StringBuilder sql = new StringBuilder(sqlite
                ? "SELECT s.* FROM statuses_fts JOIN statuses s ON s.id = statuses_fts.rowid WHERE statuses_fts MATCH :match"
                : "SELECT s.* FROM statuses s WHERE " + PG_VECTOR + " @@ plainto_tsquery('simple', :match)");
        sql.append(" AND s.reblog_of_id IS NULL AND s.deleted_at IS NULL");
        // What is searchable, as Mastodon decides it: one's own posts, posts one was mentioned in, favourited,
        // boosted or bookmarked, and public posts of authors who opted in to search (indexable). Unlisted and
        // followers-only posts of others are never found by words, even when the viewer may read them.
        // VisibilityPolicy still has the last word on every row.
        sql.append(" AND (s.account_id = :viewer")
                .append(" OR (s.visibility = 'public' AND EXISTS (SELECT 1 FROM accounts ia WHERE ia.id = s.account_id AND ia.indexable = TRUE))")
                .append(" OR EXISTS (SELECT 1 FROM mentions vm WHERE vm.status_id = s.id AND vm.account_id = :viewer)")
                .append(" OR EXISTS (SELECT 1 FROM favourites vfa WHERE vfa.status_id = s.id AND vfa.account_id = :viewer)")
                .append(" OR EXISTS (SELECT 1 FROM bookmarks vb WHERE vb.status_id = s.id AND vb.account_id = :viewer)")
                .append(" OR EXISTS (SELECT 1 FROM statuses vr WHERE vr.reblog_of_id = s.id AND vr.account_id = :viewer))")
                .append(" AND NOT EXISTS (SELECT 1 FROM blocks b WHERE b.account_id = :viewer AND b.target_account_id = s.account_id)")
                .append(" AND NOT EXISTS (SELECT 1 FROM blocks b2 WHERE b2.account_id = s.account_id AND b2.target_account_id = :viewer)")
                .append(" AND NOT EXISTS (SELECT 1 FROM mutes mu WHERE mu.account_id = :viewer AND mu.target_account_id = s.account_id)");
        if (q.accountId() != null) sql.append(" AND s.account_id = :author");
        sql.append(range.conditions("s.id")).append(range.orderAndLimit("s.id")).append(" OFFSET :offset");
        String match = sqlite ? ftsQuery(words) : String.join(" ", words);
        List<Status> rows = range.newestFirst(db.read(h -> {
            var query = h.createQuery(sql.toString()).bind("match", match).bind("viewer", viewerId).bind("offset", q.offset());
            if (q.accountId() != null) query.bind("author", q.accountId().longValue());
            return range.bind(query).map(StatusStore.STATUS).list();
        }));
        return visibility.filter(viewerId, rows);
    }

    /** Every word must occur; each is quoted, so FTS5 operators in the input are just words. */
    private static String ftsQuery(List<String> words) {
        StringBuilder b = new StringBuilder();
        for (String w : words) b.append(b.isEmpty() ? "" : " ").append('"').append(w.replace("\"", "\"\"")).append('"');
        return b.toString();
    }

    /**
     * Accounts whose username or display name starts with the query (an {@code @user@domain} query also pins the
     * domain), visible and not suspended, minus those blocking or blocked by the viewer: exact username first, then
     * local accounts, then by followers.
     */
    public List<Account> accounts(Long viewerId, AccountQuery q) {
        String text = q.text().trim();
        if (text.startsWith("@")) text = text.substring(1);
        String domain = null;
        int at = text.indexOf('@');
        if (at >= 0) {
            domain = text.substring(at + 1).toLowerCase(Locale.ROOT);
            text = text.substring(0, at);
        }
        String name = text.toLowerCase(Locale.ROOT);
        if (name.isEmpty() && domain == null) return List.of();
        String like = name.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        StringBuilder sql = new StringBuilder("""
                SELECT a.* FROM accounts a LEFT JOIN users u ON u.account_id = a.id
                WHERE (a.domain IS NOT NULL OR (u.confirmed_at IS NOT NULL AND u.approved = TRUE)) AND a.suspended_at IS NULL
                  AND (LOWER(a.username) LIKE :like ESCAPE '!' OR LOWER(a.display_name) LIKE :like ESCAPE '!')""");
        if (domain != null) sql.append(domain.isEmpty() ? "" : " AND LOWER(a.domain) = :domain");
        if (viewerId != null) {
            sql.append(" AND NOT EXISTS (SELECT 1 FROM blocks b WHERE b.account_id = :viewer AND b.target_account_id = a.id)")
                    .append(" AND NOT EXISTS (SELECT 1 FROM blocks b2 WHERE b2.account_id = a.id AND b2.target_account_id = :viewer)");
            if (q.following()) sql.append(" AND EXISTS (SELECT 1 FROM follows f WHERE f.account_id = :viewer AND f.target_account_id = a.id)");
        }
        sql.append(" ORDER BY CASE WHEN LOWER(a.username) = :exact THEN 0 ELSE 1 END, CASE WHEN a.domain IS NULL THEN 0 ELSE 1 END,")
                .append(" a.followers_count DESC, a.id LIMIT :limit OFFSET :offset");
        String d = domain;
        return db.read(h -> {
            var query = h.createQuery(sql.toString()).bind("like", like).bind("exact", name)
                    .bind("limit", q.limit()).bind("offset", q.offset());
            if (d != null && !d.isEmpty()) query.bind("domain", d);
            if (viewerId != null) query.bind("viewer", viewerId.longValue());
            return query.map(ACCOUNT).list();
        });
    }
}
