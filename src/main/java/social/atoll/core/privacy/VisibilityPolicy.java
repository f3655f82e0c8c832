package social.atoll.core.privacy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import social.atoll.core.account.Account;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusStore;
import social.atoll.core.status.Visibility;
import social.atoll.infra.db.Database;

/**
 * The one place that decides who may see a status. Every door asks here: the API, feeds, threads, and later
 * ActivityPub fetches, web pages, search and streaming.
 *
 * <p>The rules, as Mastodon applies them: nobody sees statuses of a suspended author; the author sees all of theirs;
 * {@code public} and {@code unlisted} are for everyone except people the author blocks; {@code private} is for
 * followers and mentioned accounts; {@code direct} only for mentioned accounts; {@code limited} for the circle
 * audience it was addressed to (and mentioned accounts). A boost is visible only when its boosted status is too.
 *
 * <p>The in-memory check ({@link #filter}) is batched: a fixed number of queries however many statuses. Queries that
 * page through many rows use the SQL forms of the same rules ({@link #authorCondition}, {@link #recipientCondition}).
 */
public final class VisibilityPolicy {

    private final Database db;
    private final StatusStore statuses;

    public VisibilityPolicy(Database db, StatusStore statuses) {
        this.db = db;
        this.statuses = statuses;
    }

    /** May {@code viewerId} (null: anonymous) see {@code status}? */
    public boolean canSee(Long viewerId, Status status) { return !filter(viewerId, List.of(status)).isEmpty(); }

    /** The statuses the viewer may see, in the given order. */
    public List<Status> filter(Long viewerId, List<Status> list) {
        if (list.isEmpty()) return list;
        Map<Long, Status> all = new LinkedHashMap<>();
        Set<Long> originalIds = new HashSet<>();
        for (Status s : list) {
            all.put(s.id(), s);
            if (s.isReblog()) originalIds.add(s.reblogOfId());
        }
        originalIds.removeAll(all.keySet());
        Map<Long, Status> originals = statuses.byIds(originalIds);
        all.putAll(originals);
        Set<Long> visible = visibleIds(viewerId, all.values());
        List<Status> out = new ArrayList<>(list.size());
        for (Status s : list) {
            if (!visible.contains(s.id())) continue;
            if (s.isReblog() && !visible.contains(s.reblogOfId())) continue;
            out.add(s);
        }
        return out;
    }

    private Set<Long> visibleIds(Long viewerId, Collection<Status> list) {
        Set<Long> authors = new HashSet<>();
        Set<Long> hiddenIds = new HashSet<>();
        Set<Long> limitedIds = new HashSet<>();
        for (Status s : list) {
            authors.add(s.accountId());
            Visibility v = s.visibilityEnum();
            if (v.hidden()) hiddenIds.add(s.id());
            if (v == Visibility.LIMITED) limitedIds.add(s.id());
        }
        Facts f = facts(viewerId, authors, hiddenIds, limitedIds);
        Set<Long> out = new HashSet<>();
        for (Status s : list) if (allowed(viewerId, s, f)) out.add(s.id());
        return out;
    }

    private record Facts(Set<Long> suspendedAuthors, Set<Long> followed, Set<Long> blockedBy, Set<Long> mentioned, Set<Long> audience) {}

    private Facts facts(Long viewerId, Set<Long> authors, Set<Long> hiddenIds, Set<Long> limitedIds) {
        return db.read(h -> {
            List<Long> authorList = List.copyOf(authors);
            Set<Long> suspended = new HashSet<>(h.createQuery("SELECT id FROM accounts WHERE id IN (<ids>) AND suspended_at IS NOT NULL")
                    .bindList("ids", authorList).mapTo(Long.class).list());
            if (viewerId == null) return new Facts(suspended, Set.of(), Set.of(), Set.of(), Set.of());
            Set<Long> followed = new HashSet<>(h.createQuery("SELECT target_account_id FROM follows WHERE account_id = :v AND target_account_id IN (<ids>)")
                    .bind("v", viewerId).bindList("ids", authorList).mapTo(Long.class).list());
            Set<Long> blockedBy = new HashSet<>(h.createQuery("SELECT account_id FROM blocks WHERE target_account_id = :v AND account_id IN (<ids>)")
                    .bind("v", viewerId).bindList("ids", authorList).mapTo(Long.class).list());
            Set<Long> mentioned = hiddenIds.isEmpty() ? Set.of() : new HashSet<>(h.createQuery(
                            "SELECT status_id FROM mentions WHERE account_id = :v AND status_id IN (<ids>)")
                    .bind("v", viewerId).bindList("ids", List.copyOf(hiddenIds)).mapTo(Long.class).list());
            Set<Long> audience = limitedIds.isEmpty() ? Set.of() : new HashSet<>(h.createQuery(
                            "SELECT status_id FROM status_audiences WHERE account_id = :v AND status_id IN (<ids>)")
                    .bind("v", viewerId).bindList("ids", List.copyOf(limitedIds)).mapTo(Long.class).list());
            return new Facts(suspended, followed, blockedBy, mentioned, audience);
        });
    }

    private static boolean allowed(Long viewerId, Status s, Facts f) {
        if (f.suspendedAuthors.contains(s.accountId())) return false;
        if (viewerId != null && viewerId == s.accountId()) return true;
        return switch (s.visibilityEnum()) {
            case PUBLIC, UNLISTED -> viewerId == null || !f.blockedBy.contains(s.accountId());
            case PRIVATE -> viewerId != null && (f.followed.contains(s.accountId()) || f.mentioned.contains(s.id()));
            case DIRECT -> viewerId != null && f.mentioned.contains(s.id());
            case LIMITED -> viewerId != null && (f.audience.contains(s.id()) || f.mentioned.contains(s.id()));
        };
    }

    /**
     * The same rules as SQL, for paging through one author's statuses: a predicate over alias {@code s} that may
     * bind {@code :viewer}. Boosts still go through {@link #filter} afterwards (their originals have other authors).
     */
    public String authorCondition(Long viewerId, Account author) {
        if (author.suspended()) return "1 = 0";
        if (viewerId != null && viewerId == author.id()) return "1 = 1";
        if (viewerId == null) return "s.visibility IN ('public', 'unlisted')";
        boolean blocked = db.read(h -> h.createQuery("SELECT COUNT(*) FROM blocks WHERE account_id = :a AND target_account_id = :v")
                .bind("a", author.id()).bind("v", viewerId).mapTo(Integer.class).one()) > 0;
        if (blocked) return "1 = 0";
        boolean follower = db.read(h -> h.createQuery("SELECT COUNT(*) FROM follows WHERE account_id = :v AND target_account_id = :a")
                .bind("a", author.id()).bind("v", viewerId).mapTo(Integer.class).one()) > 0;
        String open = follower ? "'public', 'unlisted', 'private'" : "'public', 'unlisted'";
        return "(s.visibility IN (" + open + ")"
                + " OR (s.visibility IN ('private', 'direct', 'limited') AND EXISTS (SELECT 1 FROM mentions vm WHERE vm.status_id = s.id AND vm.account_id = :viewer))"
                + " OR (s.visibility = 'limited' AND EXISTS (SELECT 1 FROM status_audiences va WHERE va.status_id = s.id AND va.account_id = :viewer)))";
    }

    /**
     * Which followers of the author may receive {@code status} (home feeds): a predicate on the column holding the
     * follower's account id, binding {@code :status_id} to the status.
     */
    public String recipientCondition(Status status, String accountColumn) {
        return switch (status.visibilityEnum()) {
            case PUBLIC, UNLISTED, PRIVATE -> "1 = 1";
            case DIRECT -> "EXISTS (SELECT 1 FROM mentions rm WHERE rm.status_id = :status_id AND rm.account_id = " + accountColumn + ")";
            case LIMITED -> "(EXISTS (SELECT 1 FROM status_audiences ra WHERE ra.status_id = :status_id AND ra.account_id = " + accountColumn + ")"
                    + " OR EXISTS (SELECT 1 FROM mentions rm WHERE rm.status_id = :status_id AND rm.account_id = " + accountColumn + "))";
        };
    }
}
