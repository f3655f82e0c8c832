package social.atoll.federation.outbox;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Which remote inboxes an activity goes to, read with the handle of the transaction that produced it. One inbox per
 * server where possible: an account's shared inbox, else its personal one (GoToSocial has none).
 */
final class Audience {

    private Audience() {}

    /** The inboxes of the remote followers of {@code accountId}: exactly the servers that host them. */
    static Set<String> followerInboxes(Handle h, long accountId) {
        return new LinkedHashSet<>(h.createQuery("""
                        SELECT DISTINCT COALESCE(a.shared_inbox_url, a.inbox_url) FROM follows f
                        JOIN accounts a ON a.id = f.account_id
                        WHERE f.target_account_id = :id AND a.domain IS NOT NULL
                          AND COALESCE(a.shared_inbox_url, a.inbox_url) IS NOT NULL""")
                .bind("id", accountId).mapTo(String.class).list());
    }

    /** Shared (else personal) inboxes of the given accounts that are remote. */
    static Set<String> inboxesOf(Handle h, Collection<Long> accountIds) {
        if (accountIds.isEmpty()) return new LinkedHashSet<>();
        return new LinkedHashSet<>(h.createQuery("""
                        SELECT DISTINCT COALESCE(shared_inbox_url, inbox_url) FROM accounts
                        WHERE id IN (<ids>) AND domain IS NOT NULL AND COALESCE(shared_inbox_url, inbox_url) IS NOT NULL""")
                .bindList("ids", List.copyOf(accountIds)).mapTo(String.class).list());
    }

    /** The personal inbox of one remote account (one-to-one activities: Follow, Accept, Reject, Block, Undo). */
    static List<String> personalInbox(Handle h, long accountId) {
        List<String> out = new ArrayList<>();
        h.createQuery("SELECT COALESCE(inbox_url, shared_inbox_url) FROM accounts WHERE id = :id AND domain IS NOT NULL")
                .bind("id", accountId).mapTo(String.class).findOne().ifPresent(i -> { if (i != null) out.add(i); });
        return out;
    }

    /** Accounts in a limited (circle) status's audience. */
    static List<Long> statusAudience(Handle h, long statusId) {
        return h.createQuery("SELECT account_id FROM status_audiences WHERE status_id = :s").bind("s", statusId).mapTo(Long.class).list();
    }
}
