package social.atoll.core.relationship;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.statement.Query;
import social.atoll.core.common.IdRange;
import social.atoll.infra.db.Database;

/**
 * Reads the lists a user keeps of other accounts: blocks, mutes, domain blocks and endorsements, each paged on the
 * hidden row id (the time the relationship began) with the table's (account_id, id) index.
 */
public final class RelationshipStore {

    /** One entry of such a list: the paging id and the account on the other side. */
    public record Edge(long rowId, long accountId) {}

    /** A mute: the paging id, the muted account and when the mute ends (null: never). */
    public record MuteEdge(long rowId, long accountId, Instant expiresAt) {}

    /** A domain block: the paging id and the domain. */
    public record DomainEdge(long rowId, String domain) {}

    private final Database db;
    private final Clock clock;

    public RelationshipStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public List<Edge> blocks(long accountId, IdRange range) { return edges("blocks", accountId, range); }

    public List<Edge> endorsements(long accountId, IdRange range) { return edges("account_pins", accountId, range); }

    private List<Edge> edges(String table, long accountId, IdRange range) {
        String sql = "SELECT r.id AS row_id, r.target_account_id AS account_id FROM " + table + " r"
                + " JOIN accounts a ON a.id = r.target_account_id WHERE r.account_id = :a AND a.suspended_at IS NULL"
                + range.conditions("r.id") + range.orderAndLimit("r.id");
        return range.newestFirst(db.read(h -> range.bind(h.createQuery(sql).bind("a", accountId))
                .map((rs, c) -> new Edge(rs.getLong("row_id"), rs.getLong("account_id"))).list()));
    }

    /** Mutes still in force, newest first. */
    public List<MuteEdge> mutes(long accountId, IdRange range) {
        String sql = "SELECT r.id AS row_id, r.target_account_id AS account_id, r.expires_at FROM mutes r"
                + " JOIN accounts a ON a.id = r.target_account_id WHERE r.account_id = :a AND a.suspended_at IS NULL"
                + " AND (r.expires_at IS NULL OR r.expires_at > :now)"
                + range.conditions("r.id") + range.orderAndLimit("r.id");
        return range.newestFirst(db.read(h -> {
            Query q = h.createQuery(sql).bind("a", accountId).bind("now", clock.instant());
            return range.bind(q).map((rs, c) -> {
                long expires = rs.getLong("expires_at");
                Instant expiresAt = rs.wasNull() ? null : Instant.ofEpochMilli(expires);
                return new MuteEdge(rs.getLong("row_id"), rs.getLong("account_id"), expiresAt);
            }).list();
        }));
    }

    public List<DomainEdge> domainBlocks(long accountId, IdRange range) {
        String sql = "SELECT id, domain FROM account_domain_blocks WHERE account_id = :a"
                + range.conditions("id") + range.orderAndLimit("id");
        return range.newestFirst(db.read(h -> range.bind(h.createQuery(sql).bind("a", accountId))
                .map((rs, c) -> new DomainEdge(rs.getLong("id"), rs.getString("domain"))).list()));
    }
}
