package social.atoll.core.filter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import social.atoll.infra.db.Database;
import social.atoll.infra.db.JsonColumns;

/**
 * SQL for {@code filters}, {@code filter_keywords} and {@code filter_statuses}: whole filters in three queries. Writes
 * take the caller's {@link Handle}.
 */
public final class FilterStore {


    private record Row(long id, long accountId, String title, String contexts, String filterAction, Instant expiresAt) {}

    private final Database db;
    private final JsonColumns json;

    public FilterStore(Database db, JsonColumns json) {
        this.db = db;
        this.json = json;
    }

    /** The account's filters, oldest first; {@code activeAt} non-null leaves out those expired by then. */
    public List<Filter> all(long accountId, Instant activeAt) {
        return db.read(h -> load(h, "account_id = :a" + (activeAt == null ? "" : " AND (expires_at IS NULL OR expires_at > :now)"),
                Map.of("a", accountId), activeAt));
    }

    /**
     * Which of {@code accountIds} have a filter at all, expired or not (streaming renders once for everyone else, and
     * matches the filters of these one by one).
     */
    public java.util.Set<Long> accountsWithFilters(java.util.Collection<Long> accountIds) {
        if (accountIds.isEmpty()) return java.util.Set.of();
        var d = db.dialect();
        return db.read(h -> new java.util.HashSet<>(h.createQuery("SELECT DISTINCT account_id FROM filters WHERE "
                        + social.atoll.infra.db.IdList.in(d, "account_id", "a"))
                .bind("a", social.atoll.infra.db.IdList.value(d, accountIds)).mapTo(Long.class).list()));
    }

    public java.util.Optional<Filter> byId(long accountId, long id) {
        return db.read(h -> load(h, "account_id = :a AND id = :id", Map.of("a", accountId, "id", id), null)).stream().findFirst();
    }

    private List<Filter> load(Handle h, String where, Map<String, Long> binds, Instant now) {
        var q = h.createQuery("SELECT id, account_id, title, contexts, filter_action, expires_at FROM filters WHERE " + where + " ORDER BY id");
        binds.forEach(q::bind);
        if (now != null) q.bind("now", now);
        List<Row> rows = q.map((rs, c) -> {
            long exp = rs.getLong("expires_at");
            Instant expires = rs.wasNull() ? null : Instant.ofEpochMilli(exp);
            return new Row(rs.getLong("id"), rs.getLong("account_id"), rs.getString("title"), rs.getString("contexts"),
                    rs.getString("filter_action"), expires);
        }).list();
        if (rows.isEmpty()) return List.of();
        List<Long> ids = rows.stream().map(Row::id).toList();
        Map<Long, List<Filter.Keyword>> keywords = new HashMap<>();
        h.createQuery("SELECT id, filter_id, keyword, whole_word FROM filter_keywords WHERE filter_id IN (<ids>) ORDER BY id")
                .bindList("ids", ids)
                .map((rs, c) -> new Filter.Keyword(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getBoolean(4)))
                .forEach(k -> keywords.computeIfAbsent(k.filterId(), x -> new ArrayList<>()).add(k));
        Map<Long, List<Filter.FilteredStatus>> statuses = new HashMap<>();
        h.createQuery("SELECT id, filter_id, status_id FROM filter_statuses WHERE filter_id IN (<ids>) ORDER BY id")
                .bindList("ids", ids)
                .map((rs, c) -> new Filter.FilteredStatus(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
                .forEach(s -> statuses.computeIfAbsent(s.filterId(), x -> new ArrayList<>()).add(s));
        List<Filter> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            out.add(new Filter(r.id, r.accountId, r.title, contexts(r.contexts), r.filterAction, r.expiresAt,
                    keywords.getOrDefault(r.id, List.of()), statuses.getOrDefault(r.id, List.of())));
        }
        return out;
    }

    private List<String> contexts(String raw) {
        try {
            return json.readList(raw, String.class);
        } catch (JsonColumns.JsonColumnException e) {
            return List.of();
        }
    }

    private String encode(List<String> contexts) { return json.write(contexts); }

    /** The keyword with its filter's owner check: the keyword only if its filter belongs to {@code accountId}. */
    public java.util.Optional<Filter.Keyword> keyword(long accountId, long keywordId) {
        return db.read(h -> h.createQuery("""
                        SELECT k.id, k.filter_id, k.keyword, k.whole_word FROM filter_keywords k JOIN filters f ON f.id = k.filter_id
                         WHERE k.id = :id AND f.account_id = :a""")
                .bind("id", keywordId).bind("a", accountId)
                .map((rs, c) -> new Filter.Keyword(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getBoolean(4))).findOne());
    }

    public java.util.Optional<Filter.FilteredStatus> filteredStatus(long accountId, long id) {
        return db.read(h -> h.createQuery("""
                        SELECT s.id, s.filter_id, s.status_id FROM filter_statuses s JOIN filters f ON f.id = s.filter_id
                         WHERE s.id = :id AND f.account_id = :a""")
                .bind("id", id).bind("a", accountId)
                .map((rs, c) -> new Filter.FilteredStatus(rs.getLong(1), rs.getLong(2), rs.getLong(3))).findOne());
    }

    // ---- Writes, inside FilterService's transaction ----

    public int count(Handle h, long accountId) {
        return h.createQuery("SELECT COUNT(*) FROM filters WHERE account_id = :a").bind("a", accountId).mapTo(Integer.class).one();
    }

    public void insert(Handle h, long id, long accountId, String title, List<String> contexts, String action, Instant expiresAt, Instant now) {
        h.createUpdate("""
                        INSERT INTO filters (id, account_id, title, contexts, filter_action, expires_at, created_at)
                        VALUES (:id, :a, :t, :c, :x, :e, :now)""")
                .bind("id", id).bind("a", accountId).bind("t", title).bind("c", encode(contexts))
                .bind("x", action).bind("e", expiresAt).bind("now", now).execute();
    }

    public void update(Handle h, long id, String title, List<String> contexts, String action, Instant expiresAt) {
        h.createUpdate("UPDATE filters SET title = :t, contexts = :c, filter_action = :x, expires_at = :e WHERE id = :id")
                .bind("t", title).bind("c", encode(contexts)).bind("x", action).bind("e", expiresAt).bind("id", id).execute();
    }

    public void delete(Handle h, long id) {
        h.createUpdate("DELETE FROM filters WHERE id = :id").bind("id", id).execute();
    }

    public void insertKeyword(Handle h, long id, long filterId, String keyword, boolean wholeWord) {
        h.createUpdate("INSERT INTO filter_keywords (id, filter_id, keyword, whole_word) VALUES (:id, :f, :k, :w)")
                .bind("id", id).bind("f", filterId).bind("k", keyword).bind("w", wholeWord).execute();
    }

    /** A keyword of filter {@code filterId}, if it is one of that filter's. */
    public java.util.Optional<Filter.Keyword> keywordOf(Handle h, long filterId, long keywordId) {
        return h.createQuery("SELECT keyword, whole_word FROM filter_keywords WHERE id = :id AND filter_id = :f")
                .bind("id", keywordId).bind("f", filterId)
                .map((rs, ctx) -> new Filter.Keyword(keywordId, filterId, rs.getString(1), rs.getBoolean(2))).findOne();
    }

    public void updateKeyword(Handle h, long keywordId, String keyword, boolean wholeWord) {
        h.createUpdate("UPDATE filter_keywords SET keyword = :k, whole_word = :w WHERE id = :id")
                .bind("k", keyword).bind("w", wholeWord).bind("id", keywordId).execute();
    }

    public void deleteKeyword(Handle h, long keywordId) {
        h.createUpdate("DELETE FROM filter_keywords WHERE id = :id").bind("id", keywordId).execute();
    }

    /** Deletes a keyword only if it belongs to filter {@code filterId}. */
    public void deleteKeywordOf(Handle h, long filterId, long keywordId) {
        h.createUpdate("DELETE FROM filter_keywords WHERE id = :id AND filter_id = :f").bind("id", keywordId).bind("f", filterId).execute();
    }

    /** Adds a status to a filter; returns 0 when the filter has it already. */
    public int insertStatus(Handle h, long id, long filterId, long statusId) {
        return h.createUpdate("""
                        INSERT INTO filter_statuses (id, filter_id, status_id) VALUES (:id, :f, :s)
                        ON CONFLICT (filter_id, status_id) DO NOTHING""")
                .bind("id", id).bind("f", filterId).bind("s", statusId).execute();
    }

    public void deleteStatus(Handle h, long id) {
        h.createUpdate("DELETE FROM filter_statuses WHERE id = :id").bind("id", id).execute();
    }
}
