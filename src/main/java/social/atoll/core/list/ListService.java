package social.atoll.core.list;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.mapper.RowMapper;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountStore;
import social.atoll.core.common.IdRange;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.common.ValidationException;
import social.atoll.core.follow.FollowEvents;
import social.atoll.infra.db.Database;
import social.atoll.infra.db.RecordMapper;
import social.atoll.infra.events.EventBus;
import social.atoll.infra.ids.IdGenerator;

/**
 * Lists: their titles and options, and their members. Only accounts the owner follows can be members (as in
 * Mastodon); an unfollow takes the account out of the follower's lists. Membership changes keep the list feed in
 * step ({@link ListFeed}).
 */
public final class ListService {

    static final RowMapper<UserList> LIST = RecordMapper.of(UserList.class);

    /** Mastodon's limit on lists per account. */
    public static final int MAX_LISTS = 50;

    /** One member: the hidden paging id (the membership row) and the account. */
    public record Member(long rowId, long accountId) {}

    private final Database db;
    private final AccountStore accounts;
    private final ListFeed feed;
    private final IdGenerator ids;
    private final Clock clock;

    public ListService(Database db, AccountStore accounts, ListFeed feed, IdGenerator ids, Clock clock) {
        this.db = db;
        this.accounts = accounts;
        this.feed = feed;
        this.ids = ids;
        this.clock = clock;
    }

    public void register(EventBus events) {
        events.inTransaction(FollowEvents.Unfollowed.class, (h, e) -> {
            List<Long> lists = h.createQuery("""
                            SELECT la.list_id FROM list_accounts la JOIN lists l ON l.id = la.list_id
                             WHERE l.account_id = :owner AND la.account_id = :member""")
                    .bind("owner", e.followerId()).bind("member", e.targetId()).mapTo(Long.class).list();
            for (long listId : lists) removeMember(listId, e.targetId());
        });
    }

    public List<UserList> all(long ownerId) {
        return db.read(h -> h.createQuery("SELECT * FROM lists WHERE account_id = :a ORDER BY id").bind("a", ownerId).map(LIST).list());
    }

    /** The owner's list; someone else's list does not exist for them. */
    public UserList get(long ownerId, long listId) {
        return db.read(h -> h.createQuery("SELECT * FROM lists WHERE id = :id AND account_id = :a")
                .bind("id", listId).bind("a", ownerId).map(LIST).findOne()).orElseThrow(() -> new NotFoundException("list"));
    }

    public UserList create(long ownerId, String title, String repliesPolicy, boolean exclusive) {
        String t = title(title);
        String policy = policy(repliesPolicy == null ? "list" : repliesPolicy);
        return db.write(h -> {
            int count = h.createQuery("SELECT COUNT(*) FROM lists WHERE account_id = :a").bind("a", ownerId).mapTo(Integer.class).one();
            if (count >= MAX_LISTS) throw new ValidationException("You have reached the maximum number of lists");
            long id = ids.next();
            h.createUpdate("""
                            INSERT INTO lists (id, account_id, title, replies_policy, exclusive, created_at)
                            VALUES (:id, :a, :t, :p, :x, :now)""")
                    .bind("id", id).bind("a", ownerId).bind("t", t).bind("p", policy).bind("x", exclusive)
                    .bind("now", clock.instant()).execute();
            return get(ownerId, id);
        });
    }

    /** Changes what is given (null: unchanged). */
    public UserList update(long ownerId, long listId, String title, String repliesPolicy, Boolean exclusive) {
        return db.write(h -> {
            UserList l = get(ownerId, listId);
            h.createUpdate("UPDATE lists SET title = :t, replies_policy = :p, exclusive = :x WHERE id = :id")
                    .bind("t", title == null ? l.title() : title(title))
                    .bind("p", repliesPolicy == null ? l.repliesPolicy() : policy(repliesPolicy))
                    .bind("x", exclusive == null ? l.exclusive() : exclusive)
                    .bind("id", listId).execute();
            return get(ownerId, listId);
        });
    }

    public void delete(long ownerId, long listId) {
        db.write(h -> {
            get(ownerId, listId);
            h.createUpdate("DELETE FROM list_feed WHERE list_id = :id").bind("id", listId).execute();
            h.createUpdate("DELETE FROM list_accounts WHERE list_id = :id").bind("id", listId).execute();
            return h.createUpdate("DELETE FROM lists WHERE id = :id").bind("id", listId).execute();
        });
    }

    /** Members, newest membership first; a {@code null} range means all of them. */
    public List<Member> members(long ownerId, long listId, IdRange range) {
        get(ownerId, listId);
        if (range == null) {
            return db.read(h -> h.createQuery("SELECT id, account_id FROM list_accounts WHERE list_id = :l ORDER BY id DESC")
                    .bind("l", listId).map((rs, c) -> new Member(rs.getLong(1), rs.getLong(2))).list());
        }
        return range.newestFirst(db.read(h -> range.bind(h.createQuery("SELECT id, account_id FROM list_accounts WHERE list_id = :l"
                        + range.conditions("id") + range.orderAndLimit("id")).bind("l", listId))
                .map((rs, c) -> new Member(rs.getLong(1), rs.getLong(2))).list()));
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
            List<Long> followed = accountIds.isEmpty() ? List.of() : h.createQuery(
                            "SELECT target_account_id FROM follows WHERE account_id = :o AND target_account_id IN (<ids>)")
                    .bind("o", ownerId).bindList("ids", new ArrayList<>(accountIds)).mapTo(Long.class).list();
            for (long id : accountIds) {
                if (!followed.contains(id)) throw new ValidationException("Account follow relationship missing");
                int added = h.createUpdate("""
                                INSERT INTO list_accounts (id, list_id, account_id) VALUES (:id, :l, :a)
                                ON CONFLICT (list_id, account_id) DO NOTHING""")
                        .bind("id", ids.next()).bind("l", listId).bind("a", id).execute();
                if (added == 0) throw new ValidationException("Account has already been taken");
                feed.backfill(listId, id);
            }
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
            h.createUpdate("DELETE FROM list_accounts WHERE list_id = :l AND account_id = :a").bind("l", listId).bind("a", accountId).execute();
            return h.createUpdate("DELETE FROM list_feed WHERE list_id = :l AND author_id = :a").bind("l", listId).bind("a", accountId).execute();
        });
    }

    /** The owner's lists that contain {@code accountId}. */
    public List<UserList> containing(long ownerId, long accountId) {
        return db.read(h -> h.createQuery("""
                        SELECT l.* FROM lists l JOIN list_accounts la ON la.list_id = l.id
                         WHERE l.account_id = :o AND la.account_id = :a ORDER BY l.id""")
                .bind("o", ownerId).bind("a", accountId).map(LIST).list());
    }

    private static String title(String raw) {
        String t = raw == null ? "" : raw.strip();
        if (t.isEmpty()) throw new ValidationException("Title can't be blank");
        if (t.length() > 256) throw new ValidationException("Title is too long (maximum is 256 characters)");
        return t;
    }

    private static String policy(String raw) {
        if (!UserList.REPLIES_POLICIES.contains(raw)) throw new ValidationException("Replies policy is not included in the list");
        return raw;
    }
}
