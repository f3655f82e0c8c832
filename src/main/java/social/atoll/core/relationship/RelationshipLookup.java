package social.atoll.core.relationship;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import social.atoll.core.follow.FollowLanguages;
import social.atoll.infra.db.Database;

/**
 * RelationshipLookup between a viewer and many accounts in one query: follows and requests both ways, blocks both ways,
 * mutes and domain blocks are read together with {@code UNION ALL}, each part on its table's unique or target index.
 */
public final class RelationshipLookup {

    private final Database db;
    private final Clock clock;

    public RelationshipLookup(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** One fact; {@code flag} is {@code notify} for follows and requests, {@code hide_notifications} for mutes. */
    private record Row(String kind, long id, boolean reblogs, boolean flag, String languages) {}

    private static final String SQL = """
            SELECT 'following' AS kind, target_account_id AS id, show_reblogs AS reblogs, notify AS flag, languages
              FROM follows WHERE account_id = :viewer AND target_account_id IN (<ids>)
            UNION ALL
            SELECT 'followed_by', account_id, FALSE, FALSE, NULL
              FROM follows WHERE target_account_id = :viewer AND account_id IN (<ids>)
            UNION ALL
            SELECT 'requested', target_account_id, show_reblogs, notify, languages
              FROM follow_requests WHERE account_id = :viewer AND target_account_id IN (<ids>)
            UNION ALL
            SELECT 'requested_by', account_id, FALSE, FALSE, NULL
              FROM follow_requests WHERE target_account_id = :viewer AND account_id IN (<ids>)
            UNION ALL
            SELECT 'blocking', target_account_id, FALSE, FALSE, NULL
              FROM blocks WHERE account_id = :viewer AND target_account_id IN (<ids>)
            UNION ALL
            SELECT 'blocked_by', account_id, FALSE, FALSE, NULL
              FROM blocks WHERE target_account_id = :viewer AND account_id IN (<ids>)
            UNION ALL
            SELECT 'muting', target_account_id, FALSE, hide_notifications, NULL
              FROM mutes WHERE account_id = :viewer AND target_account_id IN (<ids>)
                           AND (expires_at IS NULL OR expires_at > :now)
            UNION ALL
            SELECT 'domain_blocking', a.id, FALSE, FALSE, NULL
              FROM accounts a JOIN account_domain_blocks d ON d.account_id = :viewer AND d.domain = a.domain
             WHERE a.id IN (<ids>)
            UNION ALL
            SELECT 'endorsed', target_account_id, FALSE, FALSE, NULL
              FROM account_pins WHERE account_id = :viewer AND target_account_id IN (<ids>)
            UNION ALL
            SELECT 'note', target_account_id, FALSE, FALSE, comment
              FROM account_notes WHERE account_id = :viewer AND target_account_id IN (<ids>)""";

    /** The viewer's relationship to each of {@code targetIds}, keyed and ordered as given (duplicates once). */
    public Map<Long, Relationship> of(long viewerId, Collection<Long> targetIds) {
        Map<Long, Relationship> out = new LinkedHashMap<>();
        if (targetIds.isEmpty()) return out;
        List<Long> ids = List.copyOf(new java.util.LinkedHashSet<>(targetIds));
        List<Row> rows = db.read(h -> h.createQuery(SQL).bind("viewer", viewerId).bindList("ids", ids)
                .bind("now", clock.instant())
                .map((rs, ctx) -> new Row(rs.getString("kind"), rs.getLong("id"), rs.getBoolean("reblogs"),
                        rs.getBoolean("flag"), rs.getString("languages")))
                .list());
        Map<Long, Row> following = new HashMap<>();
        Map<Long, Row> requested = new HashMap<>();
        Map<Long, Row> muting = new HashMap<>();
        Map<Long, String> notes = new HashMap<>();
        Map<String, Set<Long>> flags = new HashMap<>();
        for (Row r : rows) {
            switch (r.kind) {
                case "following" -> following.put(r.id, r);
                case "requested" -> requested.put(r.id, r);
                case "muting" -> muting.put(r.id, r);
                case "note" -> notes.put(r.id, r.languages); // the note's text travels in the spare text column
                default -> flags.computeIfAbsent(r.kind, k -> new HashSet<>()).add(r.id);
            }
        }
        for (long id : ids) {
            Row f = following.get(id);
            Row q = requested.get(id);
            Row options = f != null ? f : q;
            List<String> languages = options == null ? null : FollowLanguages.decode(options.languages);
            out.put(id, new Relationship(id,
                    f != null,
                    options != null && options.reblogs,
                    options != null && options.flag,
                    languages == null || languages.isEmpty() ? null : new ArrayList<>(languages),
                    has(flags, "followed_by", id),
                    has(flags, "blocking", id),
                    has(flags, "blocked_by", id),
                    muting.containsKey(id),
                    muting.containsKey(id) && muting.get(id).flag,
                    q != null && f == null,
                    has(flags, "requested_by", id),
                    has(flags, "domain_blocking", id),
                    has(flags, "endorsed", id),
                    notes.getOrDefault(id, "")));
        }
        return out;
    }

    private static boolean has(Map<String, Set<Long>> flags, String kind, long id) {
        Set<Long> ids = flags.get(kind);
        return ids != null && ids.contains(id);
    }

    public Relationship of(long viewerId, long targetId) { return of(viewerId, List.of(targetId)).get(targetId); }

    /** True when {@code accountId} blocks {@code targetId}. */
    public boolean blocks(long accountId, long targetId) {
        return db.read(h -> h.createQuery("SELECT COUNT(*) FROM blocks WHERE account_id = :a AND target_account_id = :b")
                .bind("a", accountId).bind("b", targetId).mapTo(Integer.class).one()) > 0;
    }

    /** True when either account blocks the other. */
    public boolean blockedEitherWay(long a, long b) {
        return db.read(h -> h.createQuery("""
                        SELECT COUNT(*) FROM blocks WHERE (account_id = :a AND target_account_id = :b)
                                                     OR (account_id = :b AND target_account_id = :a)""")
                .bind("a", a).bind("b", b).mapTo(Integer.class).one()) > 0;
    }

    /** True when {@code accountId} hides everything from {@code domain}. */
    public boolean domainBlocking(long accountId, String domain) {
        if (domain == null) return false;
        return db.read(h -> h.createQuery("SELECT COUNT(*) FROM account_domain_blocks WHERE account_id = :a AND domain = :d")
                .bind("a", accountId).bind("d", domain).mapTo(Integer.class).one()) > 0;
    }

    // ---- Facts for streaming ----

    /** Of {@code accountIds}, those blocking or muting (unexpired) one of {@code targetIds}. */
    public Set<Long> blockingOrMutingAny(Handle h, Collection<Long> accountIds, Collection<Long> targetIds) {
        // the viewers are every connected reader of a status: one parameter, so the statement is parsed once
        var d = db.dialect();
        String viewers = social.atoll.infra.db.IdList.in(d, "account_id", "viewers");
        return new HashSet<>(h.createQuery("SELECT account_id FROM blocks WHERE " + viewers + " AND target_account_id IN (<involved>)"
                        + " UNION SELECT account_id FROM mutes WHERE " + viewers + " AND target_account_id IN (<involved>)"
                        + " AND (expires_at IS NULL OR expires_at > :now)")
                .bind("viewers", social.atoll.infra.db.IdList.value(d, accountIds)).bindList("involved", List.copyOf(targetIds))
                .bind("now", clock.instant()).mapTo(Long.class).list());
    }

    /** Of {@code accountIds}, those blocking {@code domain}. */
    public List<Long> blockingDomainAmong(Handle h, Collection<Long> accountIds, String domain) {
        return h.createQuery("SELECT account_id FROM account_domain_blocks WHERE account_id IN (<viewers>) AND domain = :d")
                .bindList("viewers", List.copyOf(accountIds)).bind("d", domain).mapTo(Long.class).list();
    }

    // ---- Facts for the visibility policy ----

    /** Of {@code targetIds}, those {@code accountId} blocks. */
    public Set<Long> blockedAmong(Handle h, long accountId, Collection<Long> targetIds) {
        return new HashSet<>(h.createQuery("SELECT target_account_id FROM blocks WHERE account_id = :a AND target_account_id IN (<v>)")
                .bind("a", accountId).bindList("v", List.copyOf(targetIds)).mapTo(Long.class).list());
    }

    /**
     * Of {@code accountIds}, those {@code viewerId} chose not to see: blocked either way, muted (unexpired), or of a
     * domain the viewer blocks.
     */
    public Set<Long> hiddenFrom(long viewerId, Collection<Long> accountIds) {
        return new HashSet<>(db.read(h -> h.createQuery("""
                        SELECT a.id FROM accounts a WHERE a.id IN (<ids>) AND (
                               EXISTS (SELECT 1 FROM blocks b WHERE (b.account_id = :v AND b.target_account_id = a.id)
                                                                 OR (b.account_id = a.id AND b.target_account_id = :v))
                            OR EXISTS (SELECT 1 FROM mutes m WHERE m.account_id = :v AND m.target_account_id = a.id
                                                               AND (m.expires_at IS NULL OR m.expires_at > :now))
                            OR EXISTS (SELECT 1 FROM account_domain_blocks d WHERE d.account_id = :v AND d.domain = a.domain))""")
                .bindList("ids", List.copyOf(accountIds)).bind("v", viewerId).bind("now", java.time.Instant.now())
                .mapTo(Long.class).list()));
    }
}
