package social.atoll.core.privacy;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * The facts {@link VisibilityPolicy} weighs for a batch of statuses, read in one statement: the same selects the
 * rule needs from {@code accounts}, {@code follows}, {@code blocks}, {@code mentions} and {@code status_audiences},
 * joined by {@code UNION ALL}. Every page a signed-in viewer reads asks this, and each statement costs more to
 * compile than to run on SQLite, so three to six statements became one (issue 16).
 */
public final class VisibilityFactsStore {

    /** What the rules need to know; {@code viewerLocal} only when asked for (a local-only status is checked). */
    public record Facts(Set<Long> suspendedAuthors, Set<Long> followed, Set<Long> blockedBy, Set<Long> mentioned,
                        Set<Long> audience, boolean viewerLocal) {}

    private static final int SUSPENDED = 0, FOLLOWED = 1, BLOCKED_BY = 2, MENTIONED = 3, AUDIENCE = 4, LOCAL = 5;

    /**
     * Of {@code authors}, the suspended ones; and for a signed-in {@code viewerId}: the authors the viewer follows,
     * those blocking the viewer, the {@code hiddenIds} (private, direct, limited statuses) mentioning the viewer, the
     * {@code limitedIds} addressed to the viewer's circle audience, and, when {@code askLocal}, whether the viewer is
     * a local account.
     */
    public Facts read(Handle h, Long viewerId, Collection<Long> authors, Collection<Long> hiddenIds,
                      Collection<Long> limitedIds, boolean askLocal) {
        StringBuilder sql = new StringBuilder(
                "SELECT " + SUSPENDED + ", id FROM accounts WHERE id IN (<authors>) AND suspended_at IS NOT NULL");
        if (viewerId != null) {
            sql.append(" UNION ALL SELECT " + FOLLOWED + ", target_account_id FROM follows WHERE account_id = :v AND target_account_id IN (<authors>)");
            sql.append(" UNION ALL SELECT " + BLOCKED_BY + ", account_id FROM blocks WHERE target_account_id = :v AND account_id IN (<authors>)");
            if (!hiddenIds.isEmpty())
                sql.append(" UNION ALL SELECT " + MENTIONED + ", status_id FROM mentions WHERE account_id = :v AND status_id IN (<hidden>)");
            if (!limitedIds.isEmpty())
                sql.append(" UNION ALL SELECT " + AUDIENCE + ", status_id FROM status_audiences WHERE account_id = :v AND status_id IN (<limited>)");
            if (askLocal)
                sql.append(" UNION ALL SELECT " + LOCAL + ", id FROM accounts WHERE id = :v AND domain IS NULL");
        }
        List<Set<Long>> byKind = List.of(new HashSet<>(), new HashSet<>(), new HashSet<>(), new HashSet<>(), new HashSet<>(), new HashSet<>());
        var q = h.createQuery(sql.toString()).bindList("authors", List.copyOf(authors));
        if (viewerId != null) {
            q.bind("v", viewerId.longValue());
            if (!hiddenIds.isEmpty()) q.bindList("hidden", List.copyOf(hiddenIds));
            if (!limitedIds.isEmpty()) q.bindList("limited", List.copyOf(limitedIds));
        }
        q.map((rs, ctx) -> byKind.get(rs.getInt(1)).add(rs.getLong(2))).list();
        return new Facts(byKind.get(SUSPENDED), byKind.get(FOLLOWED), byKind.get(BLOCKED_BY), byKind.get(MENTIONED),
                byKind.get(AUDIENCE), !byKind.get(LOCAL).isEmpty());
    }
}
