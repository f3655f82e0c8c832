package social.atoll.core.moderation;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import social.atoll.infra.db.Database;
import social.atoll.infra.db.JsonColumns;

/** SQL for {@code account_warnings}. */
public final class AccountWarningStore {

    private final Database db;
    private final JsonColumns json;

    public AccountWarningStore(Database db, JsonColumns json) {
        this.db = db;
        this.json = json;
    }

    public void insert(Handle h, AccountWarning w) {
        h.createUpdate("""
                        INSERT INTO account_warnings (id, account_id, target_account_id, action, text, status_ids, report_id, created_at)
                        VALUES (:id, :a, :t, :action, :text, :statuses, :report, :now)""")
                .bind("id", w.id()).bind("a", w.accountId()).bind("t", w.targetAccountId()).bind("action", w.action())
                .bind("text", w.text()).bind("statuses", json.write(w.statusIds().stream().map(String::valueOf).toList()))
                .bind("report", w.reportId()).bind("now", w.createdAt()).execute();
    }

    /** Keeps the digest of the key that the strike's mail link carries. */
    public void setAccessDigest(Handle h, long id, String digest) {
        h.createUpdate("UPDATE account_warnings SET access_digest = :d WHERE id = :id").bind("d", digest).bind("id", id).execute();
    }

    /** True when {@code digest} is that of the strike's mail key. */
    public boolean keyMatches(long id, String digest) {
        return db.read(h -> h.createQuery("SELECT access_digest FROM account_warnings WHERE id = :id").bind("id", id).mapTo(String.class)
                .findOne().map(d -> d != null && social.atoll.core.auth.Tokens.same(d, digest)).orElse(false));
    }

    /** An approved appeal overrules its strike (Mastodon's {@code overruled_at}). */
    public void overrule(Handle h, long id, Instant now) {
        h.createUpdate("UPDATE account_warnings SET overruled_at = :now WHERE id = :id").bind("now", now).bind("id", id).execute();
    }

    public Map<Long, AccountWarning> byIds(Collection<Long> ids) {
        if (ids.isEmpty()) return Map.of();
        Map<Long, AccountWarning> out = new HashMap<>();
        db.read(h -> h.createQuery("SELECT * FROM account_warnings WHERE id IN (<ids>)").bindList("ids", List.copyOf(ids))
                .map((rs, ctx) -> new AccountWarning(rs.getLong("id"), nullableLong(rs, "account_id"), rs.getLong("target_account_id"),
                        rs.getString("action"), rs.getString("text"),
                        json.readList(rs.getString("status_ids"), String.class).stream().map(Long::parseLong).toList(),
                        nullableLong(rs, "report_id"), instant(rs, "overruled_at"), instant(rs, "created_at")))
                .list()).forEach(w -> out.put(w.id(), w));
        return out;
    }

    public List<AccountWarning> of(long targetAccountId) {
        List<Long> ids = db.read(h -> h.createQuery("SELECT id FROM account_warnings WHERE target_account_id = :t ORDER BY id DESC")
                .bind("t", targetAccountId).mapTo(Long.class).list());
        Map<Long, AccountWarning> found = byIds(ids);
        return ids.stream().map(found::get).toList();
    }

    private static Long nullableLong(java.sql.ResultSet rs, String c) throws java.sql.SQLException {
        long v = rs.getLong(c);
        return rs.wasNull() ? null : v;
    }

    private static Instant instant(java.sql.ResultSet rs, String c) throws java.sql.SQLException {
        long v = rs.getLong(c);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }
}
