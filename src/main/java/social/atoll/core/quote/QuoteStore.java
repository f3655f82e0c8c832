package social.atoll.core.quote;

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
import social.atoll.infra.db.RecordMapper;

/**
 * SQL for {@code quotes} and {@code status_quote_policies}. Writes that take a
 * {@link Handle} join the caller's transaction.
 */
public final class QuoteStore {

    static final RowMapper<Quote> QUOTE = RecordMapper.of(Quote.class);

    private final Database db;

    public QuoteStore(Database db) { this.db = db; }

    // ---- quotes ----

    public Optional<Quote> byStatus(long statusId) {
        return db.read(h -> h.createQuery("SELECT * FROM quotes WHERE status_id = :s").bind("s", statusId).map(QUOTE).findOne());
    }

    public Optional<Quote> byId(long id) {
        return db.read(h -> h.createQuery("SELECT * FROM quotes WHERE id = :id").bind("id", id).map(QUOTE).findOne());
    }

    /** The quotes of many statuses, by quoting status id (one query for a page). */
    public Map<Long, Quote> byStatuses(Collection<Long> statusIds) {
        if (statusIds.isEmpty()) return Map.of();
        Map<Long, Quote> out = new HashMap<>();
        db.read(h -> h.createQuery("SELECT * FROM quotes WHERE status_id IN (<ids>)").bindList("ids", List.copyOf(statusIds))
                .map(QUOTE).list()).forEach(q -> out.put(q.statusId(), q));
        return out;
    }

    public Optional<Quote> byActivityUri(String uri) {
        return db.read(h -> h.createQuery("SELECT * FROM quotes WHERE activity_uri = :u").bind("u", uri).map(QUOTE).findFirst());
    }

    public Optional<Quote> byApprovalUri(String uri) {
        return db.read(h -> h.createQuery("SELECT * FROM quotes WHERE approval_uri = :u").bind("u", uri).map(QUOTE).findFirst());
    }

    public void insert(Handle h, Quote q) {
        h.createUpdate("""
                        INSERT INTO quotes (id, status_id, account_id, quoted_status_id, quoted_account_id, quoted_uri, state,
                                            activity_uri, approval_uri, created_at, updated_at)
                        VALUES (:id, :statusId, :accountId, :quotedStatusId, :quotedAccountId, :quotedUri, :state,
                                :activityUri, :approvalUri, :createdAt, :updatedAt)""")
                .bindMethods(q).execute();
    }

    /** Sets the state (and, when given, the activity and approval ids) of a quote. */
    public void update(Handle h, long id, String state, String activityUri, String approvalUri, Instant now) {
        h.createUpdate("""
                        UPDATE quotes SET state = :state, activity_uri = COALESCE(:activity, activity_uri),
                               approval_uri = :approval, updated_at = :now WHERE id = :id""")
                .bind("state", state).bind("activity", activityUri).bind("approval", approvalUri).bind("now", now).bind("id", id).execute();
    }

    /** A quote whose quoted post became known here: it points at the stored status from now on. */
    public void linkQuoted(Handle h, long id, long quotedStatusId, long quotedAccountId) {
        h.createUpdate("UPDATE quotes SET quoted_status_id = :s, quoted_account_id = :a WHERE id = :id")
                .bind("s", quotedStatusId).bind("a", quotedAccountId).bind("id", id).execute();
    }

    /** Quoting status ids of the accepted quotes of {@code quotedStatusId}, paged on the quote id, newest first. */
    public List<Quote> accepted(long quotedStatusId, IdRange range) {
        return range.newestFirst(db.read(h -> range.bind(h.createQuery("SELECT * FROM quotes WHERE quoted_status_id = :s AND state = 'accepted'"
                + range.conditions("id") + range.orderAndLimit("id")).bind("s", quotedStatusId)).map(QUOTE).list()));
    }

    /** Accepted quotes of {@code quotedStatusId} by local accounts (told when it is edited). */
    public List<Quote> acceptedLocal(Handle h, long quotedStatusId) {
        return h.createQuery("""
                        SELECT q.* FROM quotes q JOIN accounts a ON a.id = q.account_id
                         WHERE q.quoted_status_id = :s AND q.state = 'accepted' AND a.domain IS NULL""")
                .bind("s", quotedStatusId).map(QUOTE).list();
    }

    /** How many accepted quotes each of these statuses has. */
    public Map<Long, Integer> acceptedCounts(Collection<Long> statusIds) {
        if (statusIds.isEmpty()) return Map.of();
        Map<Long, Integer> out = new HashMap<>();
        db.read(h -> h.createQuery("""
                        SELECT quoted_status_id, COUNT(*) AS n FROM quotes
                         WHERE quoted_status_id IN (<ids>) AND state = 'accepted' GROUP BY quoted_status_id""")
                .bindList("ids", List.copyOf(statusIds))
                .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getInt(2))).list()).forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    // ---- policies ----

    public Map<Long, QuotePolicy> policies(Collection<Long> statusIds) {
        if (statusIds.isEmpty()) return Map.of();
        Map<Long, QuotePolicy> out = new HashMap<>();
        db.read(h -> h.createQuery("SELECT status_id, automatic, manual FROM status_quote_policies WHERE status_id IN (<ids>)")
                .bindList("ids", List.copyOf(statusIds))
                .map((rs, ctx) -> Map.entry(rs.getLong(1), QuotePolicy.fromColumns(rs.getString(2), rs.getString(3)))).list())
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    public void setPolicy(Handle h, long statusId, QuotePolicy p) {
        h.createUpdate("""
                        INSERT INTO status_quote_policies (status_id, automatic, manual) VALUES (:s, :a, :m)
                        ON CONFLICT (status_id) DO UPDATE SET automatic = excluded.automatic, manual = excluded.manual""")
                .bind("s", statusId).bind("a", p.automaticColumn()).bind("m", p.manualColumn()).execute();
    }

    /** Which of {@code authorIds} {@code viewerId} follows, and which of them follow the viewer (for followers/following policies). */
    public record Ties(Set<Long> followed, Set<Long> followers) {}

    public Ties ties(long viewerId, Collection<Long> authorIds) {
        if (authorIds.isEmpty()) return new Ties(Set.of(), Set.of());
        return db.read(h -> {
            Set<Long> followed = new HashSet<>(h.createQuery("SELECT target_account_id FROM follows WHERE account_id = :v AND target_account_id IN (<ids>)")
                    .bind("v", viewerId).bindList("ids", List.copyOf(authorIds)).mapTo(Long.class).list());
            Set<Long> followers = new HashSet<>(h.createQuery("SELECT account_id FROM follows WHERE target_account_id = :v AND account_id IN (<ids>)")
                    .bind("v", viewerId).bindList("ids", List.copyOf(authorIds)).mapTo(Long.class).list());
            return new Ties(followed, followers);
        });
    }
}
