package social.atoll.core.status;

import java.util.List;
import java.util.Optional;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountStore;
import social.atoll.core.privacy.VisibilityPolicy;

/**
 * Statuses as a reader asks for them by id: only what {@link VisibilityPolicy} lets that reader see (a null reader
 * is anonymous and sees public and unlisted statuses). What the reader may not see is absent, never revealed.
 */
public final class StatusLookup {

    /** A status with its author. */
    public record Authored(Account author, Status status) {}

    private final AccountStore accounts;
    private final StatusStore statuses;
    private final VisibilityPolicy visibility;

    public StatusLookup(AccountStore accounts, StatusStore statuses, VisibilityPolicy visibility) {
        this.accounts = accounts;
        this.statuses = statuses;
        this.visibility = visibility;
    }

    /** The local status {@code id} of the local account {@code username}, if {@code viewerId} may see it. */
    public Optional<Authored> visibleLocal(String username, long id, Long viewerId) {
        Optional<Account> author = accounts.visibleByAcct(username, null);
        if (author.isEmpty()) return Optional.empty();
        return statuses.byId(id).filter(s -> s.local() && s.accountId() == author.get().id() && visibility.canSee(viewerId, s))
                .map(s -> new Authored(author.get(), s));
    }

    /** The status that {@code boost} boosts, unless it is gone. */
    public Optional<Status> boosted(Status boost) { return statuses.byId(boost.reblogOfId()); }

    /**
     * Public and unlisted replies to {@code status}, oldest first, after {@code minId} (may be null): its author's
     * own, or ({@code otherAccounts}) everyone else's.
     */
    public List<StatusStore.ReplyRef> publicReplies(Status status, boolean otherAccounts, Long minId, int limit) {
        return statuses.publicReplies(status.id(), status.accountId(), otherAccounts, minId, limit);
    }

    /** Is {@code username} a local account under suspension (its objects answer 410 Gone)? */
    public boolean suspendedLocal(String username) {
        return accounts.byAcct(username, null).map(Account::suspended).orElse(false);
    }
}
