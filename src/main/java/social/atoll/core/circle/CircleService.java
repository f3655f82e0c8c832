package social.atoll.core.circle;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountStore;
import social.atoll.core.common.IdRange;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.common.UserText;
import social.atoll.core.common.ValidationException;
import social.atoll.core.follow.FollowEvents;
import social.atoll.core.follow.FollowStore;
import social.atoll.infra.db.Database;
import social.atoll.infra.events.EventBus;
import social.atoll.infra.ids.IdGenerator;

/**
 * Circles: their titles and members, as kmyblue keeps them. Only the owner's followers can be members (a circle
 * narrows "followers only" down to some of them), and an unfollow takes the follower out of the owner's circles.
 * A post shared with a circle is addressed to the members it has when posted ({@link #audienceFor}); who may then
 * see it is {@code VisibilityPolicy}'s business.
 */
public final class CircleService {

    /** kmyblue's limit on circles per account. */
    public static final int MAX_CIRCLES = 100;

    private final Database db;
    private final CircleStore store;
    private final AccountStore accounts;
    private final FollowStore follows;
    private final IdGenerator ids;
    private final Clock clock;

    public CircleService(Database db, CircleStore store, AccountStore accounts, FollowStore follows, IdGenerator ids, Clock clock) {
        this.db = db;
        this.store = store;
        this.accounts = accounts;
        this.follows = follows;
        this.ids = ids;
        this.clock = clock;
    }

    public void register(EventBus events) {
        events.inTransaction(FollowEvents.Unfollowed.class, (h, e) -> store.deleteFromOwnersCircles(h, e.targetId(), e.followerId()));
    }

    public List<Circle> all(long ownerId) { return store.all(ownerId); }

    /** The owner's circle; someone else's circle does not exist for them. */
    public Circle get(long ownerId, long circleId) {
        return store.byId(ownerId, circleId).orElseThrow(() -> new NotFoundException("circle"));
    }

    public Circle create(long ownerId, String title) {
        String t = title(title);
        return db.write(h -> {
            if (store.count(h, ownerId) >= MAX_CIRCLES) throw new ValidationException("You have reached the maximum number of circles");
            long id = ids.next();
            store.insert(h, id, ownerId, t, clock.instant());
            return get(ownerId, id);
        });
    }

    /** Renames the circle (a null title leaves it as it is). */
    public Circle update(long ownerId, long circleId, String title) {
        return db.write(h -> {
            get(ownerId, circleId);
            if (title != null) store.rename(h, circleId, title(title));
            return get(ownerId, circleId);
        });
    }

    public void delete(long ownerId, long circleId) {
        db.write(h -> {
            get(ownerId, circleId);
            store.delete(h, circleId);
            return null;
        });
    }

    /** Member account ids, highest first; a {@code null} range means all of them. */
    public List<Long> members(long ownerId, long circleId, IdRange range) {
        get(ownerId, circleId);
        return store.members(circleId, range);
    }

    /**
     * Adds followers of the owner. Unknown accounts: {@link NotFoundException}; not a follower: {@link
     * ValidationException} (kmyblue's 404 and 422). Adding a member twice changes nothing. All or nothing.
     */
    public void addMembers(long ownerId, long circleId, Collection<Long> accountIds) {
        db.write(h -> {
            get(ownerId, circleId);
            Map<Long, Account> found = accounts.visibleByIds(accountIds);
            for (long id : accountIds) if (!found.containsKey(id)) throw new NotFoundException("account");
            Set<Long> followers = accountIds.isEmpty() ? Set.of() : follows.followersAmong(h, ownerId, accountIds);
            for (long id : accountIds) {
                if (!followers.contains(id)) throw new ValidationException("Only accounts that follow you can be added to a circle");
                store.insertMember(h, circleId, id);
            }
            return null;
        });
    }

    public void removeMembers(long ownerId, long circleId, Collection<Long> accountIds) {
        db.write(h -> {
            get(ownerId, circleId);
            for (long id : accountIds) store.deleteMember(h, circleId, id);
            return null;
        });
    }

    /** Followers who could join the circle, whose name or handle contains {@code q} (blank: the newest followers). */
    public List<Long> candidates(long ownerId, long circleId, String q, int limit) {
        get(ownerId, circleId);
        return store.candidates(ownerId, circleId, q == null ? "" : q.strip().toLowerCase(java.util.Locale.ROOT), limit);
    }

    /** The owner's circles that contain {@code accountId}. */
    public List<Circle> containing(long ownerId, long accountId) { return store.containing(ownerId, accountId); }

    /**
     * The audience of a post the owner shares with a circle now: its members, read in the posting transaction. A
     * circle of someone else is a {@link NotFoundException}.
     */
    public List<Long> audienceFor(Handle h, long ownerId, long circleId) {
        get(ownerId, circleId);
        return store.memberIds(h, circleId);
    }

    /** Checks, before a post is written, that the circle is the poster's. */
    public Circle owned(long ownerId, long circleId) { return get(ownerId, circleId); }

    /** Remembers which circle a status was shared with (its author is shown "shared with: …"). */
    public void sharedWith(Handle h, long statusId, long circleId) { store.insertStatus(h, statusId, circleId); }

    /** The circle each of {@code statusIds} was shared with, for their author's eyes. */
    public Map<Long, Circle> ofStatuses(Collection<Long> statusIds) { return store.ofStatuses(statusIds); }

    /** The owner's posts shared with the circle, newest first (kmyblue's circle timeline); someone else's circle: not found. */
    public List<social.atoll.core.status.Status> statuses(long ownerId, long circleId, IdRange range) {
        get(ownerId, circleId);
        return store.statuses(ownerId, circleId, range);
    }

    /** The circle one status was shared with. */
    public Optional<Circle> ofStatus(long statusId) { return Optional.ofNullable(store.ofStatuses(List.of(statusId)).get(statusId)); }

    private static String title(String raw) {
        String t = raw == null ? "" : UserText.oneLine(raw).strip();
        if (t.isEmpty()) throw new ValidationException("Title can't be blank");
        if (t.length() > 256) throw new ValidationException("Title is too long (maximum is 256 characters)");
        return t;
    }
}
