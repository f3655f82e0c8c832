package social.atoll.core.list;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountStore;
import social.atoll.core.common.UserText;
import social.atoll.core.common.IdRange;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.common.ValidationException;
import social.atoll.core.follow.FollowEvents;
import social.atoll.core.follow.FollowStore;
import social.atoll.infra.db.Database;
import social.atoll.infra.events.EventBus;
import social.atoll.infra.ids.IdGenerator;

/**
 * Lists: their titles and options, and their members. Only accounts the owner follows can be members (as in
 * Mastodon); an unfollow takes the account out of the follower's lists. Membership changes keep the list feed in
 * step ({@link ListFeed}).
 */
public final class ListService {

    /** Mastodon's limit on lists per account. */
    public static final int MAX_LISTS = 50;

    /** One member: the hidden paging id (the membership row) and the account. */
    public record Member(long rowId, long accountId) {}

    private final Database db;
    private final ListStore store;
    private final AccountStore accounts;
    private final FollowStore follows;
    private final ListFeed feed;
    private final IdGenerator ids;
    private final Clock clock;

    public ListService(Database db, ListStore store, AccountStore accounts, FollowStore follows, ListFeed feed, IdGenerator ids, Clock clock) {
        this.db = db;
        this.store = store;
        this.accounts = accounts;
        this.follows = follows;
        this.feed = feed;
        this.ids = ids;
        this.clock = clock;
    }

    public void register(EventBus events) {
        events.inTransaction(FollowEvents.Unfollowed.class, (h, e) -> {
            List<Long> lists = store.listIdsHolding(h, e.followerId(), e.targetId());
            for (long listId : lists) removeMember(listId, e.targetId());
        });
    }

    public List<UserList> all(long ownerId) {
        return store.all(ownerId);
    }

    /** The owner's list; someone else's list does not exist for them. */
    public UserList get(long ownerId, long listId) {
        return store.byId(ownerId, listId).orElseThrow(() -> new NotFoundException("list"));
    }

    public UserList create(long ownerId, String title, String repliesPolicy, boolean exclusive) {
        String t = title(title);
        String policy = policy(repliesPolicy == null ? "list" : repliesPolicy);
        return db.write(h -> {
            if (store.count(h, ownerId) >= MAX_LISTS) throw new ValidationException("You have reached the maximum number of lists");
            long id = ids.next();
            store.insert(h, id, ownerId, t, policy, exclusive, clock.instant());
            return get(ownerId, id);
        });
    }

    /** Changes what is given (null: unchanged). */
    public UserList update(long ownerId, long listId, String title, String repliesPolicy, Boolean exclusive) {
        return db.write(h -> {
            UserList l = get(ownerId, listId);
            store.update(h, listId, title == null ? l.title() : title(title),
                    repliesPolicy == null ? l.repliesPolicy() : policy(repliesPolicy),
                    exclusive == null ? l.exclusive() : exclusive);
            return get(ownerId, listId);
        });
    }

    public void delete(long ownerId, long listId) {
        db.write(h -> {
            get(ownerId, listId);
            store.delete(h, listId);
            return null;
        });
    }

    /** Members, newest membership first; a {@code null} range means all of them. */
    public List<Member> members(long ownerId, long listId, IdRange range) {
        get(ownerId, listId);
        return store.members(listId, range);
    }

    /**
     * Adds accounts the owner follows. Unknown accounts: {@link NotFoundException}; not followed or already a
     * member: {@link ValidationException} (Mastodon's 404 and 422). All or nothing.
     */
    public void addMembers(long ownerId, long listId, Collection<Long> accountIds) {
        db.write(h -> {
            get(ownerId, listId);
            Map<Long, Account> found = accounts.visibleByIds(accountIds);
            for (long id : accountIds) if (!found.containsKey(id)) throw new NotFoundException("account");
            Set<Long> followed = accountIds.isEmpty() ? Set.of() : follows.followedAmong(h, ownerId, accountIds);
            for (long id : accountIds) {
                if (!followed.contains(id)) throw new ValidationException("Account follow relationship missing");
                int added = store.insertMember(h, ids.next(), listId, id);
                if (added == 0) throw new ValidationException("Account has already been taken");
                feed.backfill(listId, id);
            }
            return null;
        });
    }

    /**
     * Puts {@code accountId}, which {@code ownerId} follows, into the owner's list {@code listId}; nothing when it is
     * there already or the owner does not follow it (an account that moved: its lists carry over to the new one).
     */
    public void carryOver(long ownerId, long listId, long accountId) {
        db.write(h -> {
            if (store.byId(ownerId, listId).isEmpty() || follows.followedAmong(h, ownerId, List.of(accountId)).isEmpty()) return null;
            if (store.insertMember(h, ids.next(), listId, accountId) > 0) feed.backfill(listId, accountId);
            return null;
        });
    }

    public void removeMembers(long ownerId, long listId, Collection<Long> accountIds) {
        db.write(h -> {
            get(ownerId, listId);
            for (long id : accountIds) removeMember(listId, id);
            return null;
        });
    }

    private void removeMember(long listId, long accountId) {
        db.write(h -> {
            store.deleteMember(h, listId, accountId);
            return null;
        });
    }

    /** The owner's lists that contain {@code accountId}. */
    public List<UserList> containing(long ownerId, long accountId) {
        return store.containing(ownerId, accountId);
    }

    private static String title(String raw) {
        String t = raw == null ? "" : UserText.oneLine(raw).strip();
        if (t.isEmpty()) throw new ValidationException("Title can't be blank");
        if (t.length() > 256) throw new ValidationException("Title is too long (maximum is 256 characters)");
        return t;
    }

    private static String policy(String raw) {
        if (!UserList.REPLIES_POLICIES.contains(raw)) throw new ValidationException("Replies policy is not included in the list");
        return raw;
    }
}
