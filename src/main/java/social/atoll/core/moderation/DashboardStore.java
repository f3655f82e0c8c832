package social.atoll.core.moderation;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import social.atoll.infra.db.Database;

/**
 * The dashboard's counts per UTC day. Big tables (statuses, favourites, follows, accounts, media) are read by id
 * range: ids carry their creation millisecond in the upper 48 bits, so the primary key is the time index and a day
 * is {@code id / 65536 / 86400000}. The small ones (users, reports) are read by their timestamps.
 */
public final class DashboardStore {

    static final long DAY_MS = 86_400_000L;
    private static final String ID_DAY = "(%s / 65536) / 86400000";

    private final Database db;

    public DashboardStore(Database db) { this.db = db; }

    /** Day number (days since 1970-01-01) to count. */
    public record Query(String sql, Map<String, Object> binds) {}

    private static long idFrom(Instant t) { return t.toEpochMilli() << 16; }

    private static String day(String idColumn) { return ID_DAY.formatted(idColumn); }

    private Map<Long, Long> grouped(Handle h, String sql, Instant from, Instant to, Map<String, Object> binds) {
        var q = h.createQuery(sql).bind("fromId", idFrom(from)).bind("toId", idFrom(to)).bind("from", from.toEpochMilli()).bind("to", to.toEpochMilli());
        binds.forEach(q::bind);
        Map<Long, Long> out = new HashMap<>();
        q.map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getLong(2))).forEach(e -> out.merge(e.getKey(), e.getValue(), Long::sum));
        return out;
    }

    public Map<Long, Long> newUsers(Instant from, Instant to) {
        return db.read(h -> grouped(h, "SELECT created_at / 86400000, COUNT(*) FROM users WHERE created_at >= :from AND created_at < :to"
                + " GROUP BY created_at / 86400000", from, to, Map.of()));
    }

    /** Local accounts that posted, or last signed in, that day (the server keeps no other daily trace of activity). */
    public Map<Long, Long> activeUsers(Instant from, Instant to) {
        Map<Long, Long> out = new HashMap<>();
        activeSets(from, to).forEach((d, s) -> out.put(d, (long) s.size()));
        return out;
    }

    /** The distinct local accounts active at all in the range. */
    public long activeUserCount(Instant from, Instant to) {
        Set<Long> all = new HashSet<>();
        activeSets(from, to).values().forEach(all::addAll);
        return all.size();
    }

    private Map<Long, Set<Long>> activeSets(Instant from, Instant to) {
        return db.read(h -> {
            Map<Long, Set<Long>> seen = new HashMap<>();
            var posted = h.createQuery("SELECT DISTINCT " + day("id") + ", account_id FROM statuses WHERE local AND id >= :fromId AND id < :toId")
                    .bind("fromId", idFrom(from)).bind("toId", idFrom(to));
            posted.map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getLong(2))).forEach(e -> seen.computeIfAbsent(e.getKey(), k -> new HashSet<>()).add(e.getValue()));
            h.createQuery("SELECT last_sign_in_at / 86400000, account_id FROM users WHERE last_sign_in_at >= :from AND last_sign_in_at < :to")
                    .bind("from", from.toEpochMilli()).bind("to", to.toEpochMilli())
                    .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getLong(2))).forEach(e -> seen.computeIfAbsent(e.getKey(), k -> new HashSet<>()).add(e.getValue()));
            return seen;
        });
    }

    /** Favourites, boosts and replies that local posts received. */
    public Map<Long, Long> interactions(Instant from, Instant to) {
        return db.read(h -> {
            Map<Long, Long> out = grouped(h, "SELECT " + day("f.id") + ", COUNT(*) FROM favourites f JOIN statuses s ON s.id = f.status_id"
                    + " WHERE s.local AND f.id >= :fromId AND f.id < :toId GROUP BY " + day("f.id"), from, to, Map.of());
            grouped(h, "SELECT " + day("r.id") + ", COUNT(*) FROM statuses r JOIN statuses s ON s.id = r.reblog_of_id"
                    + " WHERE s.local AND r.id >= :fromId AND r.id < :toId GROUP BY " + day("r.id"), from, to, Map.of()).forEach((k, v) -> out.merge(k, v, Long::sum));
            grouped(h, "SELECT " + day("r.id") + ", COUNT(*) FROM statuses r JOIN statuses s ON s.id = r.in_reply_to_id"
                    + " WHERE s.local AND r.id >= :fromId AND r.id < :toId GROUP BY " + day("r.id"), from, to, Map.of()).forEach((k, v) -> out.merge(k, v, Long::sum));
            return out;
        });
    }

    public Map<Long, Long> openedReports(Instant from, Instant to) {
        return db.read(h -> grouped(h, "SELECT created_at / 86400000, COUNT(*) FROM reports WHERE created_at >= :from AND created_at < :to"
                + " GROUP BY created_at / 86400000", from, to, Map.of()));
    }

    public Map<Long, Long> resolvedReports(Instant from, Instant to) {
        return db.read(h -> grouped(h, "SELECT action_taken_at / 86400000, COUNT(*) FROM reports WHERE action_taken_at >= :from"
                + " AND action_taken_at < :to GROUP BY action_taken_at / 86400000", from, to, Map.of()));
    }

    public Map<Long, Long> instanceAccounts(String domain, Instant from, Instant to) {
        return db.read(h -> grouped(h, "SELECT " + day("id") + ", COUNT(*) FROM accounts WHERE domain = :d AND id >= :fromId AND id < :toId"
                + " GROUP BY " + day("id"), from, to, Map.of("d", domain)));
    }

    public Map<Long, Long> instanceStatuses(String domain, Instant from, Instant to) {
        return db.read(h -> grouped(h, "SELECT " + day("s.id") + ", COUNT(*) FROM statuses s JOIN accounts a ON a.id = s.account_id"
                + " WHERE a.domain = :d AND s.id >= :fromId AND s.id < :toId GROUP BY " + day("s.id"), from, to, Map.of("d", domain)));
    }

    /** Follows from that server's accounts to local ones ({@code followers}: the other way round). */
    public Map<Long, Long> instanceFollows(String domain, boolean followers, Instant from, Instant to) {
        String remote = followers ? "f.target_account_id" : "f.account_id";
        String local = followers ? "f.account_id" : "f.target_account_id";
        return db.read(h -> grouped(h, "SELECT " + day("f.id") + ", COUNT(*) FROM follows f JOIN accounts r ON r.id = " + remote
                + " JOIN accounts l ON l.id = " + local + " WHERE r.domain = :d AND l.domain IS NULL AND f.id >= :fromId AND f.id < :toId"
                + " GROUP BY " + day("f.id"), from, to, Map.of("d", domain)));
    }

    public Map<Long, Long> instanceReports(String domain, Instant from, Instant to) {
        return db.read(h -> grouped(h, "SELECT r.created_at / 86400000, COUNT(*) FROM reports r JOIN accounts a ON a.id = r.target_account_id"
                + " WHERE a.domain = :d AND r.created_at >= :from AND r.created_at < :to GROUP BY r.created_at / 86400000", from, to, Map.of("d", domain)));
    }

    /** Bytes of media from that server's accounts, by the day they arrived. */
    public Map<Long, Long> instanceMedia(String domain, Instant from, Instant to) {
        return db.read(h -> grouped(h, "SELECT " + day("m.id") + ", COALESCE(SUM(m.file_size), 0) FROM media_attachments m JOIN accounts a ON a.id = m.account_id"
                + " WHERE a.domain = :d AND m.id >= :fromId AND m.id < :toId GROUP BY " + day("m.id"), from, to, Map.of("d", domain)));
    }

    /** Count of each language among local posts in the range (null: undetermined). */
    public Map<String, Long> languages(Instant from, Instant to, int limit) {
        return db.read(h -> keyed(h, "SELECT language, COUNT(*) AS n FROM statuses WHERE local AND reblog_of_id IS NULL AND id >= :fromId"
                + " AND id < :toId GROUP BY language ORDER BY n DESC LIMIT :limit", from, to, Map.of("limit", limit)));
    }

    /** Posts that arrived from each other server in the range. */
    public Map<String, Long> servers(Instant from, Instant to, int limit) {
        return db.read(h -> keyed(h, "SELECT a.domain, COUNT(*) AS n FROM statuses s JOIN accounts a ON a.id = s.account_id"
                + " WHERE a.domain IS NOT NULL AND s.id >= :fromId AND s.id < :toId GROUP BY a.domain ORDER BY n DESC LIMIT :limit", from, to,
                Map.of("limit", limit)));
    }

    /** Sign-ups in the range by the app they came through (null: the web form or the command line). */
    public Map<String, Long> sources(Instant from, Instant to, int limit) {
        return db.read(h -> keyed(h, "SELECT o.name, COUNT(*) AS n FROM users u LEFT JOIN oauth_apps o ON o.id = u.created_by_application_id"
                + " WHERE u.created_at >= :from AND u.created_at < :to GROUP BY o.name ORDER BY n DESC LIMIT :limit", from, to, Map.of("limit", limit)));
    }

    /** Bytes of media stored, local and cached remote. */
    public long mediaBytes() {
        return db.read(h -> h.createQuery("SELECT COALESCE(SUM(file_size), 0) FROM media_attachments").mapTo(Long.class).one());
    }

    /** Local users created in the range: (creation millisecond, a post's millisecond or -1, user id) per post. */
    public List<long[]> cohortActivity(Instant from, Instant to) {
        return db.read(h -> h.createQuery("SELECT u.created_at, s.id, u.id FROM users u LEFT JOIN statuses s ON s.account_id = u.account_id AND s.id >= :fromId"
                        + " AND s.id < :toId WHERE u.created_at >= :from AND u.created_at < :to")
                .bind("fromId", idFrom(from)).bind("toId", idFrom(to)).bind("from", from.toEpochMilli()).bind("to", to.toEpochMilli())
                .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getObject(2) == null ? -1 : rs.getLong(2) >>> 16, rs.getLong(3)}).list());
    }

    /** The database's name and version, and its size in bytes. */
    public record DatabaseInfo(String name, String version, long bytes) {}

    public DatabaseInfo database() {
        return db.read(h -> {
            if (db.dialect() == social.atoll.infra.db.Dialect.POSTGRES) {
                String v = h.createQuery("SHOW server_version").mapTo(String.class).one();
                long size = h.createQuery("SELECT pg_database_size(current_database())").mapTo(Long.class).one();
                return new DatabaseInfo("postgresql", v.split(" ")[0], size);
            }
            String v = h.createQuery("SELECT sqlite_version()").mapTo(String.class).one();
            long pages = h.createQuery("PRAGMA page_count").mapTo(Long.class).one();
            long pageSize = h.createQuery("PRAGMA page_size").mapTo(Long.class).one();
            return new DatabaseInfo("sqlite", v, pages * pageSize);
        });
    }

    /** Sign-ups waiting for approval, and reports not yet resolved. */
    public long[] pending() {
        return db.read(h -> new long[] {
                h.createQuery("SELECT COUNT(*) FROM users WHERE NOT approved").mapTo(Long.class).one(),
                h.createQuery("SELECT COUNT(*) FROM reports WHERE action_taken_at IS NULL").mapTo(Long.class).one()});
    }

    /** Known servers with their account counts, most accounts first. */
    public List<Map.Entry<String, Long>> knownServers(int limit) {
        return db.read(h -> h.createQuery("SELECT domain, COUNT(*) AS n FROM accounts WHERE domain IS NOT NULL GROUP BY domain ORDER BY n DESC, domain LIMIT :limit")
                .bind("limit", limit).map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2))).list());
    }

    private Map<String, Long> keyed(Handle h, String sql, Instant from, Instant to, Map<String, Object> binds) {
        var q = h.createQuery(sql).bind("fromId", idFrom(from)).bind("toId", idFrom(to)).bind("from", from.toEpochMilli()).bind("to", to.toEpochMilli());
        binds.forEach(q::bind);
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        q.map((rs, ctx) -> new java.util.AbstractMap.SimpleEntry<>(rs.getString(1), rs.getLong(2))).forEach(e -> out.merge(e.getKey(), e.getValue(), Long::sum));
        return out;
    }
}
