package social.atoll.core.interaction;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import social.atoll.core.common.IdRange;
import social.atoll.infra.db.Database;

/**
 * SQL for {@code status_interaction_policies}, {@code interaction_policy_defaults} and {@code interaction_requests}.
 * Writes that take a {@link Handle} join the caller's transaction.
 */
public final class InteractionStore {

    private static final String POLICY_COLUMNS = "can_favourite_auto, can_favourite_manual, can_reply_auto, can_reply_manual, can_reblog_auto, can_reblog_manual";

    private static final RowMapper<InteractionRequest> REQUEST = social.atoll.infra.db.RecordMapper.of(InteractionRequest.class);

    private final Database db;

    public InteractionStore(Database db) { this.db = db; }

    private static InteractionPolicy policy(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new InteractionPolicy(
                InteractionPolicy.Rules.fromColumns(rs.getString("can_favourite_auto"), rs.getString("can_favourite_manual")),
                InteractionPolicy.Rules.fromColumns(rs.getString("can_reply_auto"), rs.getString("can_reply_manual")),
                InteractionPolicy.Rules.fromColumns(rs.getString("can_reblog_auto"), rs.getString("can_reblog_manual")));
    }

    private static <Q extends org.jdbi.v3.core.statement.SqlStatement<Q>> Q bindPolicy(Q q, InteractionPolicy p) {
        return q.bind("fa", p.canFavourite().automaticColumn()).bind("fm", p.canFavourite().manualColumn())
                .bind("ra", p.canReply().automaticColumn()).bind("rm", p.canReply().manualColumn())
                .bind("ba", p.canReblog().automaticColumn()).bind("bm", p.canReblog().manualColumn());
    }

    // ---- policies of statuses ----

    public Map<Long, InteractionPolicy> policies(Collection<Long> statusIds) {
        if (statusIds.isEmpty()) return Map.of();
        Map<Long, InteractionPolicy> out = new HashMap<>();
        db.read(h -> h.createQuery("SELECT status_id, " + POLICY_COLUMNS + " FROM status_interaction_policies WHERE status_id IN (<ids>)")
                .bindList("ids", List.copyOf(statusIds)).map((rs, ctx) -> Map.entry(rs.getLong("status_id"), policy(rs))).list())
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    public void setPolicy(Handle h, long statusId, InteractionPolicy p) {
        bindPolicy(h.createUpdate("INSERT INTO status_interaction_policies (status_id, " + POLICY_COLUMNS + ") VALUES (:s, :fa, :fm, :ra, :rm, :ba, :bm)"
                + " ON CONFLICT (status_id) DO UPDATE SET can_favourite_auto = excluded.can_favourite_auto,"
                + " can_favourite_manual = excluded.can_favourite_manual, can_reply_auto = excluded.can_reply_auto,"
                + " can_reply_manual = excluded.can_reply_manual, can_reblog_auto = excluded.can_reblog_auto,"
                + " can_reblog_manual = excluded.can_reblog_manual"), p).bind("s", statusId).execute();
    }

    // ---- account defaults ----

    public Map<String, InteractionPolicy> defaults(long accountId) {
        Map<String, InteractionPolicy> out = new HashMap<>();
        db.read(h -> h.createQuery("SELECT visibility, " + POLICY_COLUMNS + " FROM interaction_policy_defaults WHERE account_id = :a")
                .bind("a", accountId).map((rs, ctx) -> Map.entry(rs.getString("visibility"), policy(rs))).list())
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    public void setDefault(Handle h, long accountId, String visibility, InteractionPolicy p) {
        if (p == null) {
            h.createUpdate("DELETE FROM interaction_policy_defaults WHERE account_id = :a AND visibility = :v")
                    .bind("a", accountId).bind("v", visibility).execute();
            return;
        }
        bindPolicy(h.createUpdate("INSERT INTO interaction_policy_defaults (account_id, visibility, " + POLICY_COLUMNS + ")"
                + " VALUES (:a, :v, :fa, :fm, :ra, :rm, :ba, :bm) ON CONFLICT (account_id, visibility) DO UPDATE SET"
                + " can_favourite_auto = excluded.can_favourite_auto, can_favourite_manual = excluded.can_favourite_manual,"
                + " can_reply_auto = excluded.can_reply_auto, can_reply_manual = excluded.can_reply_manual,"
                + " can_reblog_auto = excluded.can_reblog_auto, can_reblog_manual = excluded.can_reblog_manual"), p)
                .bind("a", accountId).bind("v", visibility).execute();
    }

    // ---- who follows whom, who is mentioned ----

    /** Which of {@code authorIds} {@code viewerId} follows, and which of them follow the viewer. */
    public record Ties(Set<Long> followed, Set<Long> followers) {}

    public Ties ties(long viewerId, Collection<Long> authorIds) {
        if (authorIds.isEmpty()) return new Ties(Set.of(), Set.of());
        Set<Long> followed = new HashSet<>();
        Set<Long> followers = new HashSet<>();
        // both directions in one statement: rendering a page asks this once
        db.read(h -> h.createQuery("""
                        SELECT target_account_id AS other, 0 AS followed_by_viewer FROM follows WHERE account_id = :v AND target_account_id IN (<ids>)
                        UNION ALL
                        SELECT account_id AS other, 1 AS followed_by_viewer FROM follows WHERE target_account_id = :v AND account_id IN (<ids>)""")
                .bind("v", viewerId).bindList("ids", List.copyOf(authorIds))
                .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getInt(2))).list())
                .forEach(e -> (e.getValue() == 0 ? followed : followers).add(e.getKey()));
        return new Ties(followed, followers);
    }

    /** Of these statuses, those that mention {@code viewerId}. */
    public Set<Long> mentioning(long viewerId, Collection<Long> statusIds) {
        if (statusIds.isEmpty()) return Set.of();
        return new HashSet<>(db.read(h -> h.createQuery("SELECT status_id FROM mentions WHERE account_id = :v AND status_id IN (<ids>)")
                .bind("v", viewerId).bindList("ids", List.copyOf(statusIds)).mapTo(Long.class).list()));
    }

    // ---- requests ----

    public void insert(Handle h, InteractionRequest r) {
        h.createUpdate("""
                        INSERT INTO interaction_requests (id, type, status_id, target_account_id, account_id, interaction_status_id,
                                                          interaction_uri, reblog_visibility, state, approval_uri, created_at)
                        VALUES (:id, :type, :statusId, :targetAccountId, :accountId, :interactionStatusId, :interactionUri,
                                :reblogVisibility, :state, :approvalUri, :createdAt)""")
                .bindMethods(r).bind("createdAt", r.createdAt().toEpochMilli()).execute();
    }

    public Optional<InteractionRequest> byId(long id) {
        return db.read(h -> h.createQuery("SELECT * FROM interaction_requests WHERE id = :id").bind("id", id).map(REQUEST).findOne());
    }

    public Optional<InteractionRequest> byUri(String uri) {
        return db.read(h -> h.createQuery("SELECT * FROM interaction_requests WHERE interaction_uri = :u ORDER BY id DESC")
                .bind("u", uri).map(REQUEST).findFirst());
    }

    public Optional<InteractionRequest> byInteractionStatus(long statusId) {
        return db.read(h -> h.createQuery("SELECT * FROM interaction_requests WHERE interaction_status_id = :s")
                .bind("s", statusId).map(REQUEST).findFirst());
    }

    /** The request of one account for one kind of interaction with one status (the latest). */
    public Optional<InteractionRequest> of(long accountId, long statusId, String type) {
        return db.read(h -> h.createQuery("""
                        SELECT * FROM interaction_requests WHERE account_id = :a AND status_id = :s AND type = :t ORDER BY id DESC""")
                .bind("a", accountId).bind("s", statusId).bind("t", type).map(REQUEST).findFirst());
    }

    /** The viewer's pending requests on these statuses (their own held interactions, shown as pending). */
    public List<InteractionRequest> pendingOf(long accountId, Collection<Long> statusIds) {
        if (statusIds.isEmpty()) return List.of();
        return db.read(h -> h.createQuery("""
                        SELECT * FROM interaction_requests WHERE account_id = :a AND status_id IN (<ids>) AND state = 'pending'""")
                .bind("a", accountId).bindList("ids", List.copyOf(statusIds)).map(REQUEST).list());
    }

    /** Held replies and boosts among these statuses, by interaction status id. */
    public Map<Long, InteractionRequest> byInteractionStatuses(Collection<Long> statusIds) {
        if (statusIds.isEmpty()) return Map.of();
        Map<Long, InteractionRequest> out = new HashMap<>();
        db.read(h -> h.createQuery("SELECT * FROM interaction_requests WHERE interaction_status_id IN (<ids>)")
                .bindList("ids", List.copyOf(statusIds)).map(REQUEST).list()).forEach(r -> out.put(r.interactionStatusId(), r));
        return out;
    }

    /** A page of the pending requests a local author has to answer, newest first, optionally of one status and types. */
    public List<InteractionRequest> pendingFor(long targetAccountId, Long statusId, Collection<String> types, IdRange range) {
        if (types.isEmpty()) return List.of();
        String sql = "SELECT * FROM interaction_requests WHERE target_account_id = :t AND state = 'pending' AND type IN (<types>)"
                + (statusId == null ? "" : " AND status_id = :s") + range.conditions("id") + range.orderAndLimit("id");
        return range.newestFirst(db.read(h -> {
            var q = range.bind(h.createQuery(sql).bind("t", targetAccountId).bindList("types", List.copyOf(types)));
            if (statusId != null) q.bind("s", statusId);
            return q.map(REQUEST).list();
        }));
    }

    public void answer(Handle h, long id, boolean accepted, String approvalUri, Instant now) {
        h.createUpdate("UPDATE interaction_requests SET state = :state, approval_uri = COALESCE(:approval, approval_uri),"
                        + (accepted ? " accepted_at = :now" : " rejected_at = :now") + " WHERE id = :id")
                .bind("state", accepted ? InteractionRequest.ACCEPTED : InteractionRequest.REJECTED).bind("approval", approvalUri)
                .bind("now", now.toEpochMilli()).bind("id", id).execute();
    }

    public void delete(Handle h, long id) { h.createUpdate("DELETE FROM interaction_requests WHERE id = :id").bind("id", id).execute(); }
}
