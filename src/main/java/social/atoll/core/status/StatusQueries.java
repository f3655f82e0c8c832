package social.atoll.core.status;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountStore;
import social.atoll.core.common.IdRange;
import social.atoll.core.common.Paged;
import social.atoll.core.privacy.VisibilityPolicy;

/**
 * Reading statuses for a viewer (null: anonymous): every method answers only what {@link VisibilityPolicy} lets
 * the viewer see, so a door (API, web) renders what it gets and never asks the policy itself. A status the viewer
 * may not see is answered as absent, as if it did not exist.
 */
public final class StatusQueries {

    /** Mastodon caps what anonymous readers get of a thread; signed-in readers get the whole thread (practically). */
    private static final int SIGNED_IN_THREAD = 4096;
    private static final int ANONYMOUS_ANCESTORS = 40;
    private static final int ANONYMOUS_DESCENDANTS = 60;
    private static final int ANONYMOUS_DEPTH = 20;

    private final StatusStore statuses;
    private final StatusRelations relations;
    private final StatusCollections collections;
    private final AccountStore accounts;
    private final VisibilityPolicy visibility;

    public StatusQueries(StatusStore statuses, StatusRelations relations, StatusCollections collections, AccountStore accounts,
                         VisibilityPolicy visibility) {
        this.statuses = statuses;
        this.relations = relations;
        this.collections = collections;
        this.accounts = accounts;
        this.visibility = visibility;
    }

    /** A thread around a status: what comes before it (oldest first) and the replies after it. */
    public record Thread(List<Status> ancestors, List<Status> descendants) {}

    public Optional<Status> visibleById(Long viewerId, long id) {
        return statuses.byId(id).filter(s -> visibility.canSee(viewerId, s));
    }

    /** The visible ones among {@code ids}, in the order asked. */
    public List<Status> visible(Long viewerId, List<Long> ids) {
        return visibility.filter(viewerId, statuses.listByIds(ids));
    }

    /**
     * Statuses by id, in one query, whatever their visibility: for rendering statuses a caller already decided to
     * show (a boost's original, a notification's status) and for streaming, which asks the policy per receiver.
     */
    public Map<Long, Status> byIds(Collection<Long> ids) { return statuses.byIds(ids); }

    /** One status whatever its visibility; see {@link #byIds}. */
    public Optional<Status> byId(long id) { return statuses.byId(id); }

    /**
     * The thread around a visible status, without what the viewer may not see and without statuses of accounts the
     * viewer blocks, mutes or is blocked by.
     */
    public Optional<Thread> context(Long viewerId, long id) { return opened(viewerId, id).map(Opened::thread); }

    /** A status and its thread, as {@link #context} reads them. */
    public record Opened(Status status, Thread thread) {}

    /** {@link #context} with the status itself (complete threads reads the replies of all of them). */
    public Optional<Opened> opened(Long viewerId, long id) {
        Optional<Status> found = visibleById(viewerId, id);
        if (found.isEmpty()) return Optional.empty();
        Status s = found.get();
        boolean signedIn = viewerId != null;
        List<Status> ancestors = visibility.withoutHiddenAuthors(viewerId,
                visibility.filter(viewerId, statuses.ancestors(s, signedIn ? SIGNED_IN_THREAD : ANONYMOUS_ANCESTORS)));
        List<Status> descendants = visibility.withoutHiddenAuthors(viewerId, visibility.filter(viewerId,
                statuses.descendants(s, signedIn ? SIGNED_IN_THREAD : ANONYMOUS_DESCENDANTS, signedIn ? SIGNED_IN_THREAD : ANONYMOUS_DEPTH)));
        return Optional.of(new Opened(s, new Thread(ancestors, descendants)));
    }

    /** Who favourited a visible status, most recent first (suspended accounts left out); empty: not visible. */
    public Optional<Paged<Account>> favouritedBy(Long viewerId, long statusId, IdRange range) {
        return visibleById(viewerId, statusId).map(s -> actors(relations.favouritedBy(s.id(), range)));
    }

    /** Who boosted a visible status, most recent first (suspended accounts left out); empty: not visible. */
    public Optional<Paged<Account>> rebloggedBy(Long viewerId, long statusId, IdRange range) {
        return visibleById(viewerId, statusId).map(s -> actors(relations.rebloggedBy(s.id(), range)));
    }

    private Paged<Account> actors(List<StatusRelations.Actor> rows) {
        Map<Long, Account> found = accounts.byIds(rows.stream().map(StatusRelations.Actor::accountId).toList());
        List<Account> out = new ArrayList<>(rows.size());
        for (StatusRelations.Actor a : rows) {
            Account account = found.get(a.accountId());
            if (account != null && !account.suspended()) out.add(account);
        }
        return new Paged<>(out, rows.stream().map(StatusRelations.Actor::rowId).toList());
    }

    /**
     * One account's statuses as the viewer may see them, newest first; empty when there is no such account (a
     * suspended one has none to show).
     */
    public Optional<Paged<Status>> byAccount(Long viewerId, long accountId, AccountStatusFilter filter, IdRange range) {
        Optional<Account> account = accounts.byId(accountId);
        if (account.isEmpty()) return Optional.empty();
        List<Status> rows = statuses.byAccount(accountId, viewerId, visibility.authorCondition(viewerId, account.get()), filter, range);
        return Optional.of(new Paged<>(visibility.filter(viewerId, rows), rows.stream().map(Status::id).toList()));
    }

    /** The viewer's bookmarks still visible to them, newest bookmark first. */
    public Paged<Status> bookmarks(long viewerId, IdRange range) { return entries(viewerId, collections.bookmarks(viewerId, range)); }

    /** The viewer's favourites still visible to them, newest favourite first. */
    public Paged<Status> favourites(long viewerId, IdRange range) { return entries(viewerId, collections.favourites(viewerId, range)); }

    private Paged<Status> entries(long viewerId, List<StatusCollections.Entry> rows) {
        List<Status> found = visible(viewerId, rows.stream().map(StatusCollections.Entry::statusId).toList());
        return new Paged<>(found, rows.stream().map(StatusCollections.Entry::rowId).toList());
    }
}
