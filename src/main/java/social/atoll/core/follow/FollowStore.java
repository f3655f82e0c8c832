package social.atoll.core.follow;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import social.atoll.infra.db.RecordMapper;
import org.jdbi.v3.core.statement.Query;
import social.atoll.core.common.IdRange;
import social.atoll.infra.db.Database;

/**
 * SQL for {@code follows} and {@code follow_requests}. Writes are meant to run inside {@link FollowService}'s
 * transaction (they join it); reads work anywhere.
 */
public final class FollowStore {

    static final RowMapper<Follow> FOLLOW = RecordMapper.of(Follow.class);

    /** One entry of a follower/following/request list: the hidden paging id (the row's id) and the account on the other side. */
    public record Edge(long rowId, long accountId) {}

    private final Database db;
    private final Clock clock;

    public FollowStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public Optional<Follow> follow(long accountId, long targetId) { return find("follows", accountId, targetId); }

    public Optional<Follow> request(long accountId, long targetId) { return find("follow_requests", accountId, targetId); }

    private Optional<Follow> find(String table, long accountId, long targetId) {
        return db.read(h -> h.createQuery("SELECT * FROM " + table + " WHERE account_id = :a AND target_account_id = :t")
                .bind("a", accountId).bind("t", targetId).map(FOLLOW).findOne());
    }

    /** Inserts a follow or a request; false when the pair already had one. */
    boolean insert(String table, long id, long accountId, long targetId, boolean showReblogs, boolean notify,
                   String languages, Instant now) {
        return insert(table, id, accountId, targetId, showReblogs, notify, languages, null, now);
    }

    /** {@link #insert} with the ActivityPub id of the Follow activity behind the row (null when there is none). */
    boolean insert(String table, long id, long accountId, long targetId, boolean showReblogs, boolean notify,
                   String languages, String uri, Instant now) {
        return db.write(h -> h.createUpdate("INSERT INTO " + table + """
                         (id, account_id, target_account_id, show_reblogs, notify, languages, uri, created_at)
                        VALUES (:id, :a, :t, :reblogs, :notify, :languages, :uri, :now)
                        ON CONFLICT (account_id, target_account_id) DO NOTHING""")
                .bind("id", id).bind("a", accountId).bind("t", targetId).bind("reblogs", showReblogs)
                .bind("notify", notify).bind("languages", languages).bind("uri", uri).bind("now", now).execute()) > 0;
    }

    void updateOptions(String table, long accountId, long targetId, boolean showReblogs, boolean notify, String languages) {
        db.write(h -> h.createUpdate("UPDATE " + table + """
                         SET show_reblogs = :reblogs, notify = :notify, languages = :languages
                        WHERE account_id = :a AND target_account_id = :t""")
                .bind("a", accountId).bind("t", targetId).bind("reblogs", showReblogs).bind("notify", notify)
                .bind("languages", languages).execute());
    }

    /**
     * Records the ActivityPub id of the Follow activity behind a pending request or a follow (federation names its
     * own Follow after the request row, which exists only once the request is stored).
     */
    public void recordUri(long accountId, long targetId, String uri) {
        db.write(h -> {
            for (String table : List.of("follow_requests", "follows"))
                h.createUpdate("UPDATE " + table + " SET uri = :uri WHERE account_id = :a AND target_account_id = :t")
                        .bind("uri", uri).bind("a", accountId).bind("t", targetId).execute();
            return null;
        });
    }

    /** Deletes the row and returns it, if there was one. */
    Optional<Follow> delete(String table, long accountId, long targetId) {
        return db.write(h -> h.createQuery("DELETE FROM " + table + " WHERE account_id = :a AND target_account_id = :t RETURNING *")
                .bind("a", accountId).bind("t", targetId).map(FOLLOW).findOne());
    }

    /** Everyone waiting for {@code targetId} to accept them, oldest first. */
    List<Follow> pendingRequests(long targetId) {
        return db.read(h -> h.createQuery("SELECT * FROM follow_requests WHERE target_account_id = :t ORDER BY id")
                .bind("t", targetId).map(FOLLOW).list());
    }

    /**
     * One inbox per server hosting remote followers of {@code targetId}: each follower's shared inbox, else its own
     * (what a post to followers is delivered to).
     */
    public List<String> remoteFollowerInboxes(long targetId) {
        return db.read(h -> h.createQuery("""
                        SELECT DISTINCT COALESCE(a.shared_inbox_url, a.inbox_url) FROM follows f
                        JOIN accounts a ON a.id = f.account_id
                        WHERE f.target_account_id = :id AND a.domain IS NOT NULL
                          AND COALESCE(a.shared_inbox_url, a.inbox_url) IS NOT NULL""")
                .bind("id", targetId).mapTo(String.class).list());
    }

    public int countPendingRequests(long targetId) {
        return db.read(h -> h.createQuery("SELECT COUNT(*) FROM follow_requests WHERE target_account_id = :t")
                .bind("t", targetId).mapTo(Integer.class).one());
    }

    /**
     * Accounts following {@code targetId}, newest follow first. Suspended accounts are left out, and so are those
     * the viewer blocks, mutes or is blocked by (a null viewer sees everyone).
     */
    public List<Edge> followers(long targetId, Long viewerId, IdRange page) {
        return edges("follows", "target_account_id", "account_id", targetId, viewerId, page);
    }

    /** Accounts {@code accountId} follows, newest follow first, with the same exclusions as {@link #followers}. */
    public List<Edge> following(long accountId, Long viewerId, IdRange page) {
        return edges("follows", "account_id", "target_account_id", accountId, viewerId, page);
    }

    /** Pending requests to follow {@code targetId}, newest first. */
    public List<Edge> requests(long targetId, IdRange page) {
        return edges("follow_requests", "target_account_id", "account_id", targetId, null, page);
    }

    private List<Edge> edges(String table, String ownColumn, String otherColumn, long owner, Long viewerId, IdRange page) {
        String exclusions = viewerId == null ? "" : " " + """
                AND NOT EXISTS (SELECT 1 FROM blocks b WHERE (b.account_id = :viewer AND b.target_account_id = r.%1$s)
                                                          OR (b.account_id = r.%1$s AND b.target_account_id = :viewer))
                 AND NOT EXISTS (SELECT 1 FROM mutes m WHERE m.account_id = :viewer AND m.target_account_id = r.%1$s
                                                         AND (m.expires_at IS NULL OR m.expires_at > :now))""".formatted(otherColumn);
        String sql = "SELECT r.id AS row_id, r." + otherColumn + " AS account_id FROM " + table + " r"
                + " JOIN accounts a ON a.id = r." + otherColumn
                + " WHERE r." + ownColumn + " = :owner AND a.suspended_at IS NULL" + exclusions
                + page.conditions("r.id") + page.orderAndLimit("r.id");
        List<Edge> rows = db.read(h -> {
            Query q = h.createQuery(sql).bind("owner", owner);
            if (viewerId != null) q.bind("viewer", viewerId).bind("now", clock.instant());
            return page.bind(q).map((rs, ctx) -> new Edge(rs.getLong("row_id"), rs.getLong("account_id"))).list();
        });
        return page.newestFirst(rows);
    }

    /** Accounts {@code accountId} follows or asked to follow. */
    public List<Long> followedOrRequested(Handle h, long accountId) {
        return h.createQuery("SELECT target_account_id FROM follows WHERE account_id = :a UNION SELECT target_account_id FROM follow_requests WHERE account_id = :a")
                .bind("a", accountId).mapTo(Long.class).list();
    }

    /** Accounts following {@code accountId} or asking to. */
    public List<Long> followersOrRequesters(Handle h, long accountId) {
        return h.createQuery("SELECT account_id FROM follows WHERE target_account_id = :a UNION SELECT account_id FROM follow_requests WHERE target_account_id = :a")
                .bind("a", accountId).mapTo(Long.class).list();
    }

    /**
     * Local followers of {@code authorId} who asked to be notified of its posts and may receive status
     * {@code statusId}: {@code recipientCondition} is the visibility policy's predicate on {@code f.account_id}.
     */
    public List<Long> localNotifiedFollowers(Handle h, long authorId, String recipientCondition, long statusId) {
        var query = h.createQuery("SELECT f.account_id FROM follows f JOIN accounts a ON a.id = f.account_id "
                        + "WHERE f.target_account_id = :author AND f.notify = TRUE AND a.domain IS NULL AND " + recipientCondition)
                .bind("author", authorId);
        if (recipientCondition.contains(":status_id")) query.bind("status_id", statusId);
        return query.mapTo(Long.class).list();
    }

    /** Follows and follow requests, either way, between {@code accountId} and accounts of {@code domain}. */
    public List<Pair> withDomain(Handle h, long accountId, String domain) {
        return h.createQuery("""
                        SELECT f.account_id, f.target_account_id FROM follows f JOIN accounts a ON a.id = f.target_account_id
                         WHERE f.account_id = :me AND a.domain = :d
                        UNION ALL
                        SELECT f.account_id, f.target_account_id FROM follows f JOIN accounts a ON a.id = f.account_id
                         WHERE f.target_account_id = :me AND a.domain = :d
                        UNION ALL
                        SELECT r.account_id, r.target_account_id FROM follow_requests r JOIN accounts a ON a.id = r.target_account_id
                         WHERE r.account_id = :me AND a.domain = :d
                        UNION ALL
                        SELECT r.account_id, r.target_account_id FROM follow_requests r JOIN accounts a ON a.id = r.account_id
                         WHERE r.target_account_id = :me AND a.domain = :d""")
                .bind("me", accountId).bind("d", domain)
                .map((rs, c) -> new Pair(rs.getLong(2), rs.getLong(1))).list();
    }

    /** A follower of a target. */
    public record Pair(long targetId, long followerId) {}

    /**
     * For {@code targetIds}: their followers whom {@code viewerId} follows, newest follow first; followers who hide
     * their lists or are suspended are left out.
     */
    public List<Pair> followersFollowedBy(long viewerId, Collection<Long> targetIds) {
        return db.read(h -> h.createQuery("""
                        SELECT f2.target_account_id, f2.account_id FROM follows f1
                          JOIN follows f2 ON f2.account_id = f1.target_account_id
                          JOIN accounts a ON a.id = f2.account_id
                         WHERE f1.account_id = :viewer AND f2.target_account_id IN (<ids>)
                           AND a.hide_collections = FALSE AND a.suspended_at IS NULL
                         ORDER BY f2.id DESC""")
                .bind("viewer", viewerId).bindList("ids", List.copyOf(targetIds))
                .map((rs, c) -> new Pair(rs.getLong(1), rs.getLong(2))).list());
    }

    // ---- Facts for the visibility policy, read on its handle ----

    /** Of {@code targetIds}, those {@code accountId} follows. */
    public Set<Long> followedAmong(Handle h, long accountId, Collection<Long> targetIds) {
        return new HashSet<>(h.createQuery("SELECT target_account_id FROM follows WHERE account_id = :v AND target_account_id IN (<ids>)")
                .bind("v", accountId).bindList("ids", List.copyOf(targetIds)).mapTo(Long.class).list());
    }

    /** Of {@code accountIds}, those following {@code targetId}. */
    public Set<Long> followersAmong(Handle h, long targetId, Collection<Long> accountIds) {
        return new HashSet<>(h.createQuery("SELECT account_id FROM follows WHERE target_account_id = :a AND account_id IN (<v>)")
                .bind("a", targetId).bindList("v", List.copyOf(accountIds)).mapTo(Long.class).list());
    }

    /** True when {@code accountId} is a local account following {@code targetId}. */
    public boolean localFollows(Handle h, long accountId, long targetId) {
        return h.createQuery("SELECT COUNT(*) FROM follows f JOIN accounts r ON r.id = f.account_id"
                        + " WHERE f.account_id = :r AND f.target_account_id = :t AND r.domain IS NULL")
                .bind("r", accountId).bind("t", targetId).mapTo(Integer.class).one() > 0;
    }

    /** True when {@code accountId} follows {@code targetId}. */
    public boolean follows(long accountId, long targetId) {
        return db.read(h -> h.createQuery("SELECT COUNT(*) FROM follows WHERE account_id = :v AND target_account_id = :a")
                .bind("a", targetId).bind("v", accountId).mapTo(Integer.class).one()) > 0;
    }

    /** Does any local account follow {@code accountId}? */
    public boolean hasLocalFollowers(long accountId) {
        return db.read(h -> h.createQuery("""
                        SELECT COUNT(*) FROM follows f JOIN accounts a ON a.id = f.account_id
                        WHERE f.target_account_id = :id AND a.domain IS NULL""")
                .bind("id", accountId).mapTo(Integer.class).one()) > 0;
    }

    /** Who sent the Follow with ActivityPub id {@code uri} to {@code targetId}, pending or accepted. */
    public Optional<Long> followerByUri(String uri, long targetId) {
        return db.read(h -> h.createQuery("""
                        SELECT account_id FROM follow_requests WHERE uri = :uri AND target_account_id = :t
                        UNION SELECT account_id FROM follows WHERE uri = :uri AND target_account_id = :t""")
                .bind("uri", uri).bind("t", targetId).mapTo(Long.class).findFirst());
    }

    /** Whom {@code accountId} follows (or asked to) with the Follow whose ActivityPub id is {@code uri}. */
    public List<Long> targetsByUri(String uri, long accountId) {
        return db.read(h -> h.createQuery("SELECT target_account_id FROM follows WHERE uri = :u AND account_id = :a "
                        + "UNION SELECT target_account_id FROM follow_requests WHERE uri = :u AND account_id = :a")
                .bind("u", uri).bind("a", accountId).mapTo(Long.class).list());
    }
}
