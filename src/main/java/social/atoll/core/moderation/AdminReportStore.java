package social.atoll.core.moderation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import social.atoll.core.common.IdRange;
import social.atoll.infra.db.Database;
import social.atoll.infra.db.JsonColumns;

/** SQL for the handling of {@code reports} by staff: listing, assignment, resolution, category and rules. */
public final class AdminReportStore {

    /** Mastodon's report filters: {@code resolved}, reporter {@code account_id}, {@code target_account_id}. */
    public record Filter(boolean resolved, Long accountId, Long targetAccountId) {}

    private final Database db;
    private final JsonColumns json;

    public AdminReportStore(Database db, JsonColumns json) {
        this.db = db;
        this.json = json;
    }

    private static final String COLUMNS = """
            SELECT id, account_id, target_account_id, category, comment, status_ids, rule_ids, forwarded, action_taken_at,
                   action_taken_by_account_id, assigned_account_id, created_at, updated_at FROM reports""";

    public List<AdminReport> list(Filter f, IdRange range) {
        StringBuilder sql = new StringBuilder(COLUMNS).append(f.resolved() ? " WHERE action_taken_at IS NOT NULL" : " WHERE action_taken_at IS NULL");
        if (f.accountId() != null) sql.append(" AND account_id = :a");
        if (f.targetAccountId() != null) sql.append(" AND target_account_id = :t");
        sql.append(range.conditions("id")).append(range.orderAndLimit("id"));
        return range.newestFirst(db.read(h -> {
            var q = h.createQuery(sql.toString());
            if (f.accountId() != null) q.bind("a", f.accountId().longValue());
            if (f.targetAccountId() != null) q.bind("t", f.targetAccountId().longValue());
            return range.bind(q).map((rs, ctx) -> row(rs)).list();
        }));
    }

    public Optional<AdminReport> byId(long id) { return db.read(h -> byId(h, id)); }

    public Optional<AdminReport> byId(Handle h, long id) {
        return h.createQuery(COLUMNS + " WHERE id = :id").bind("id", id).map((rs, ctx) -> row(rs)).findOne();
    }

    public void assign(Handle h, long id, Long accountId, Instant now) {
        h.createUpdate("UPDATE reports SET assigned_account_id = :a, updated_at = :now WHERE id = :id")
                .bind("a", accountId).bind("now", now).bind("id", id).execute();
    }

    /** Marks {@code id} resolved by {@code by} (null: the system); reopening passes a null {@code at}. */
    public void resolution(Handle h, long id, Instant at, Long by, Instant now) {
        h.createUpdate("UPDATE reports SET action_taken_at = :at, action_taken_by_account_id = :by, updated_at = :now WHERE id = :id")
                .bind("at", at).bind("by", by).bind("now", now).bind("id", id).execute();
    }

    /** The open reports about {@code targetId}, resolved together when an action is taken against it. */
    public List<Long> openAbout(Handle h, long targetId) {
        return h.createQuery("SELECT id FROM reports WHERE target_account_id = :t AND action_taken_at IS NULL")
                .bind("t", targetId).mapTo(Long.class).list();
    }

    public void categorize(Handle h, long id, String category, List<Long> ruleIds, Instant now) {
        h.createUpdate("UPDATE reports SET category = :c, rule_ids = :r, updated_at = :now WHERE id = :id")
                .bind("c", category).bind("r", json.write(ruleIds.stream().map(String::valueOf).toList())).bind("now", now)
                .bind("id", id).execute();
    }

    public int countRules(Handle h, List<Long> ruleIds) {
        if (ruleIds.isEmpty()) return 0;
        return h.createQuery("SELECT COUNT(*) FROM instance_rules WHERE id IN (<ids>)").bindList("ids", ruleIds).mapTo(Integer.class).one();
    }

    /** Rules by id: id, text, hint, for rendering. */
    public record RuleRow(long id, String text, String hint) {}

    public List<RuleRow> rules(List<Long> ids) {
        if (ids.isEmpty()) return List.of();
        return db.read(h -> h.createQuery("SELECT id, text, hint FROM instance_rules WHERE id IN (<ids>) ORDER BY position, id")
                .bindList("ids", ids).map((rs, ctx) -> new RuleRow(rs.getLong(1), rs.getString(2), rs.getString(3))).list());
    }

    private AdminReport row(ResultSet rs) throws SQLException {
        return new AdminReport(rs.getLong("id"), rs.getLong("account_id"), rs.getLong("target_account_id"), rs.getString("category"),
                rs.getString("comment"), ids(rs.getString("status_ids")), ids(rs.getString("rule_ids")), rs.getBoolean("forwarded"),
                instant(rs, "action_taken_at"), nullableLong(rs, "action_taken_by_account_id"), nullableLong(rs, "assigned_account_id"),
                instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    private List<Long> ids(String column) { return json.readList(column, String.class).stream().map(Long::parseLong).toList(); }

    private static Long nullableLong(ResultSet rs, String c) throws SQLException {
        long v = rs.getLong(c);
        return rs.wasNull() ? null : v;
    }

    private static Instant instant(ResultSet rs, String c) throws SQLException {
        long v = rs.getLong(c);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }
}
