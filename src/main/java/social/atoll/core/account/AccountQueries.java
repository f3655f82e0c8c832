package social.atoll.core.account;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import social.atoll.core.common.IdRange;
import social.atoll.core.common.Paged;
import social.atoll.core.follow.FollowStore;
import social.atoll.core.relationship.RelationshipLookup;
import social.atoll.infra.db.JsonColumns;

/**
 * Reading accounts for the API and other doors: one account or several as others may see them (suspended ones
 * stay visible, blanked by the views; unconfirmed or unapproved local sign-ups do not), and the pages of followers,
 * following and follow requests with the owner's privacy and blocks applied.
 */
public final class AccountQueries {

    private final AccountStore accounts;
    private final FollowStore follows;
    private final RelationshipLookup relationships;
    private final JsonColumns json;

    public AccountQueries(AccountStore accounts, FollowStore follows, RelationshipLookup relationships, JsonColumns json) {
        this.accounts = accounts;
        this.follows = follows;
        this.relationships = relationships;
        this.json = json;
    }

    /** Any account, whatever its state: for rendering what a caller already decided to show, and for tokens. */
    public Optional<Account> byId(long id) { return accounts.byId(id); }

    /** Accounts by id, in one query, whatever their state (rendering a page of them). */
    public Map<Long, Account> byIds(Collection<Long> ids) { return accounts.byIds(ids); }

    public Optional<Account> visibleById(long id) { return accounts.visibleById(id); }

    public Map<Long, Account> visibleByIds(Collection<Long> ids) { return accounts.visibleByIds(ids); }

    /** The visible ones among {@code ids}, in the order asked. */
    public List<Account> visibleInOrder(List<Long> ids) {
        Map<Long, Account> found = accounts.visibleByIds(ids);
        return ids.stream().map(found::get).filter(Objects::nonNull).toList();
    }

    /** {@code domain} null: a local account. */
    public Optional<Account> visibleByAcct(String username, String domain) { return accounts.visibleByAcct(username, domain); }

    /**
     * Whether the name belongs to an account that is gone: deleted (a suspended stub with no sign-in left), not
     * shown any more but kept so the name stays taken. Its pages answer 410 Gone, as Mastodon's do.
     */
    public boolean gone(String username, String domain) {
        return accounts.visibleByAcct(username, domain).isEmpty() && accounts.byAcct(username, domain).filter(Account::suspended).isPresent();
    }

    public Optional<User> user(long accountId) { return accounts.userByAccountId(accountId); }

    /** The account's profile fields, in order; none when the stored column cannot be read (the profile still shows). */
    public List<ProfileService.StoredField> fields(Account a) {
        try {
            return json.readList(a.fields(), ProfileService.StoredField.class);
        } catch (JsonColumns.JsonColumnException e) {
            return List.of();
        }
    }

    public int pendingFollowRequests(long accountId) { return follows.countPendingRequests(accountId); }

    /** The accounts following {@code ownerId}, newest follow first; empty when it is not visible (404). */
    public Optional<Paged<Account>> followers(Long viewerId, long ownerId, IdRange range) {
        return collection(viewerId, ownerId, true, range);
    }

    /** The accounts {@code ownerId} follows, newest follow first; empty when it is not visible (404). */
    public Optional<Paged<Account>> following(Long viewerId, long ownerId, IdRange range) {
        return collection(viewerId, ownerId, false, range);
    }

    /**
     * An empty page when the owner hides the lists from others, blocks the viewer, or is suspended (as Mastodon
     * answers then).
     */
    private Optional<Paged<Account>> collection(Long viewerId, long ownerId, boolean followers, IdRange range) {
        Optional<Account> found = accounts.visibleById(ownerId);
        if (found.isEmpty()) return Optional.empty();
        Account owner = found.get();
        boolean hidden = owner.suspended()
                || (owner.hideCollections() && !Objects.equals(viewerId, owner.id()))
                || (viewerId != null && viewerId != owner.id() && relationships.blocks(owner.id(), viewerId));
        if (hidden) return Optional.of(Paged.empty());
        List<FollowStore.Edge> edges = followers ? follows.followers(owner.id(), viewerId, range) : follows.following(owner.id(), viewerId, range);
        return Optional.of(page(edges));
    }

    /** The accounts asking to follow {@code accountId}, newest request first. */
    public Paged<Account> followRequests(long accountId, IdRange range) { return page(follows.requests(accountId, range)); }

    private Paged<Account> page(List<FollowStore.Edge> edges) {
        Map<Long, Account> found = accounts.byIds(edges.stream().map(FollowStore.Edge::accountId).toList());
        List<Account> ordered = new ArrayList<>(edges.size());
        for (FollowStore.Edge e : edges) if (found.containsKey(e.accountId())) ordered.add(found.get(e.accountId()));
        return new Paged<>(ordered, edges.stream().map(FollowStore.Edge::rowId).toList());
    }
}
