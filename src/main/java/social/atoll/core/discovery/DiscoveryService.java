package social.atoll.core.discovery;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountStore;
import social.atoll.core.common.NotFoundException;
import social.atoll.infra.db.Database;

/**
 * Finding people: follow suggestions, the profile directory and familiar followers. Every list leaves out suspended
 * accounts, accounts still waiting for sign-up approval, and — for a signed-in viewer — accounts they block, are
 * blocked by or mute.
 */
public final class DiscoveryService {

    /** A suggested account and why (Mastodon's {@code sources}). */
    public record Suggestion(Account account, List<String> sources) {}

    /** Accounts visible to others: remote ones, and local ones whose sign-up is complete. */
    private static final String LISTABLE = """
            a.suspended_at IS NULL AND (a.domain IS NOT NULL OR EXISTS (SELECT 1 FROM users u WHERE u.account_id = a.id
                                                                         AND u.confirmed_at IS NOT NULL AND u.approved = TRUE))""";

    private static final String NOT_EXCLUDED = """
             AND NOT EXISTS (SELECT 1 FROM blocks b WHERE (b.account_id = :viewer AND b.target_account_id = a.id)
                                                       OR (b.account_id = a.id AND b.target_account_id = :viewer))
             AND NOT EXISTS (SELECT 1 FROM mutes m WHERE m.account_id = :viewer AND m.target_account_id = a.id
                                                     AND (m.expires_at IS NULL OR m.expires_at > :now))
             AND NOT EXISTS (SELECT 1 FROM account_domain_blocks adb WHERE adb.account_id = :viewer AND adb.domain = a.domain)""";

    private final Database db;
    private final AccountStore accounts;
    private final Clock clock;

    public DiscoveryService(Database db, AccountStore accounts, Clock clock) {
        this.db = db;
        this.accounts = accounts;
        this.clock = clock;
    }

    /**
     * Suggestions, best first: accounts followed by the people the viewer follows (by how many of them), then the
     * most followed discoverable local accounts. Never the viewer, accounts they follow or asked to follow, nor
     * dismissed ones.
     */
    public List<Suggestion> suggestions(long viewerId, int limit) {
        String fresh = " AND a.id <> :viewer"
                + " AND NOT EXISTS (SELECT 1 FROM follows mf WHERE mf.account_id = :viewer AND mf.target_account_id = a.id)"
                + " AND NOT EXISTS (SELECT 1 FROM follow_requests mr WHERE mr.account_id = :viewer AND mr.target_account_id = a.id)"
                + " AND NOT EXISTS (SELECT 1 FROM suggestion_dismissals sd WHERE sd.account_id = :viewer AND sd.target_account_id = a.id)"
                + NOT_EXCLUDED;
        Map<Long, List<String>> picked = new LinkedHashMap<>();
        db.read(h -> {
            h.createQuery("SELECT a.id FROM follows f1 JOIN follows f2 ON f2.account_id = f1.target_account_id"
                            + " JOIN accounts a ON a.id = f2.target_account_id"
                            + " WHERE f1.account_id = :viewer AND a.discoverable = TRUE AND " + LISTABLE + fresh
                            + " GROUP BY a.id ORDER BY COUNT(*) DESC, a.id DESC LIMIT :limit")
                    .bind("viewer", viewerId).bind("now", clock.instant()).bind("limit", limit)
                    .mapTo(Long.class).forEach(id -> picked.put(id, new ArrayList<>(List.of("friends_of_friends"))));
            if (picked.size() < limit) {
                h.createQuery("SELECT a.id FROM accounts a WHERE a.domain IS NULL AND a.discoverable = TRUE AND a.moved_to_account_id IS NULL AND "
                                + LISTABLE + fresh + " ORDER BY a.followers_count DESC,"
                                + " CASE WHEN a.last_status_at IS NULL THEN 1 ELSE 0 END, a.last_status_at DESC, a.id DESC LIMIT :limit")
                        .bind("viewer", viewerId).bind("now", clock.instant()).bind("limit", limit)
                        .mapTo(Long.class).forEach(id -> picked.computeIfAbsent(id, k -> new ArrayList<>()).add("most_followed"));
            }
            return null;
        });
        List<Long> ids = new ArrayList<>(picked.keySet()).subList(0, Math.min(limit, picked.size()));
        Map<Long, Account> found = accounts.byIds(ids);
        List<Suggestion> out = new ArrayList<>();
        for (Long id : ids) if (found.containsKey(id)) out.add(new Suggestion(found.get(id), picked.get(id)));
        return out;
    }

    /** Stops suggesting {@code targetId} to the viewer. */
    public void dismiss(long viewerId, long targetId) {
        accounts.visibleById(targetId).orElseThrow(() -> new NotFoundException("account"));
        db.write(h -> h.createUpdate("""
                        INSERT INTO suggestion_dismissals (account_id, target_account_id, created_at) VALUES (:a, :t, :now)
                        ON CONFLICT (account_id, target_account_id) DO NOTHING""")
                .bind("a", viewerId).bind("t", targetId).bind("now", clock.instant()).execute());
    }

    /** The profile directory: discoverable accounts, most recently active ({@code active}) or newest ({@code new}) first. */
    public List<Account> directory(Long viewerId, boolean localOnly, boolean newest, int offset, int limit) {
        String sql = "SELECT a.id FROM accounts a WHERE a.discoverable = TRUE AND a.moved_to_account_id IS NULL AND " + LISTABLE
                + (localOnly ? " AND a.domain IS NULL" : "")
                + (viewerId == null ? "" : NOT_EXCLUDED)
                + (newest ? " ORDER BY a.id DESC" : " ORDER BY CASE WHEN a.last_status_at IS NULL THEN 1 ELSE 0 END, a.last_status_at DESC, a.id DESC")
                + " LIMIT :limit OFFSET :offset";
        List<Long> ids = db.read(h -> {
            var q = h.createQuery(sql).bind("limit", limit).bind("offset", offset);
            if (viewerId != null) q.bind("viewer", viewerId.longValue()).bind("now", clock.instant());
            return q.mapTo(Long.class).list();
        });
        Map<Long, Account> found = accounts.byIds(ids);
        return ids.stream().filter(found::containsKey).map(found::get).toList();
    }

    /** For each target: the accounts the viewer follows that follow it (followers who hide their lists are left out). */
    public Map<Long, List<Account>> familiarFollowers(long viewerId, Collection<Long> targetIds) {
        Map<Long, List<Account>> out = new LinkedHashMap<>();
        for (Long id : targetIds) out.put(id, new ArrayList<>());
        if (targetIds.isEmpty()) return out;
        record Pair(long target, long follower) {}
        List<Pair> pairs = db.read(h -> h.createQuery("""
                        SELECT f2.target_account_id, f2.account_id FROM follows f1
                          JOIN follows f2 ON f2.account_id = f1.target_account_id
                          JOIN accounts a ON a.id = f2.account_id
                         WHERE f1.account_id = :viewer AND f2.target_account_id IN (<ids>)
                           AND a.hide_collections = FALSE AND a.suspended_at IS NULL
                         ORDER BY f2.id DESC""")
                .bind("viewer", viewerId).bindList("ids", List.copyOf(targetIds))
                .map((rs, c) -> new Pair(rs.getLong(1), rs.getLong(2))).list());
        Map<Long, Account> found = accounts.byIds(pairs.stream().map(Pair::follower).distinct().toList());
        for (Pair p : pairs) {
            Account a = found.get(p.follower);
            if (a != null) out.get(p.target).add(a);
        }
        return out;
    }
}
