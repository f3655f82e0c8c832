package social.atoll.core.relationship;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountStore;
import social.atoll.core.common.IdRange;
import social.atoll.core.common.Paged;

/**
 * The pages of an account's own relationship lists: whom it blocks, mutes (with each mute's end) and endorses, and
 * the domains it blocks, newest first, each page read in one query for the rows and one for the accounts.
 */
public final class RelationshipQueries {

    private final RelationshipStore store;
    private final AccountStore accounts;

    public RelationshipQueries(RelationshipStore store, AccountStore accounts) {
        this.store = store;
        this.accounts = accounts;
    }

    /** A muted account and when the mute ends (null: never). */
    public record Muted(Account account, Instant expiresAt) {}

    public Paged<Account> blocks(long accountId, IdRange range) { return accountsOf(store.blocks(accountId, range)); }

    public Paged<Account> endorsements(long accountId, IdRange range) { return accountsOf(store.endorsements(accountId, range)); }

    public Paged<Muted> mutes(long accountId, IdRange range) {
        List<RelationshipStore.MuteEdge> edges = store.mutes(accountId, range);
        Map<Long, Account> found = accounts.byIds(edges.stream().map(RelationshipStore.MuteEdge::accountId).toList());
        List<Muted> out = new ArrayList<>(edges.size());
        for (RelationshipStore.MuteEdge e : edges) {
            Account a = found.get(e.accountId());
            if (a != null) out.add(new Muted(a, e.expiresAt()));
        }
        return new Paged<>(out, cursor(edges, RelationshipStore.MuteEdge::rowId));
    }

    public Paged<String> domainBlocks(long accountId, IdRange range) {
        List<RelationshipStore.DomainEdge> edges = store.domainBlocks(accountId, range);
        return new Paged<>(edges.stream().map(RelationshipStore.DomainEdge::domain).toList(), cursor(edges, RelationshipStore.DomainEdge::rowId));
    }

    /** The accounts of these rows in order, skipping any that vanished. */
    private Paged<Account> accountsOf(List<RelationshipStore.Edge> edges) {
        Map<Long, Account> found = accounts.byIds(edges.stream().map(RelationshipStore.Edge::accountId).toList());
        List<Account> out = new ArrayList<>(edges.size());
        for (RelationshipStore.Edge e : edges) if (found.containsKey(e.accountId())) out.add(found.get(e.accountId()));
        return new Paged<>(out, cursor(edges, RelationshipStore.Edge::rowId));
    }

    private static <E> List<Long> cursor(List<E> edges, ToLongFunction<E> rowId) {
        return edges.stream().map(e -> rowId.applyAsLong(e)).toList();
    }
}
