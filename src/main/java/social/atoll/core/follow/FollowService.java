package social.atoll.core.follow;

import social.atoll.core.relationship.RelationshipLookup;
import java.time.Clock;
import java.util.Optional;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountStore;
import social.atoll.core.common.ForbiddenException;
import social.atoll.core.common.NotFoundException;
import social.atoll.infra.db.Database;
import social.atoll.infra.events.EventBus;
import social.atoll.infra.ids.IdGenerator;

/**
 * The one place where follows begin and end. Every change keeps {@code followers_count}/{@code following_count}
 * right in the same transaction and announces itself with a {@link FollowEvents} record (home feeds,
 * notifications and federation listen).
 *
 * <p>A locked account, or a remote one (whose server must answer with an Accept), receives a follow request
 * instead of a follow; the request becomes a follow when {@link #authorize authorized}.
 */
public final class FollowService {

    /** What a follow call led to. */
    public enum Outcome { FOLLOWING, REQUESTED }

    private static final String FOLLOWS = "follows";
    private static final String REQUESTS = "follow_requests";

    private final Database db;
    private final FollowStore store;
    private final RelationshipLookup relationships;
    private final AccountStore accounts;
    private final IdGenerator ids;
    private final Clock clock;
    private final EventBus events;

    public FollowService(Database db, FollowStore store, RelationshipLookup relationships, AccountStore accounts,
                         IdGenerator ids, Clock clock, EventBus events) {
        this.db = db;
        this.store = store;
        this.relationships = relationships;
        this.accounts = accounts;
        this.ids = ids;
        this.clock = clock;
        this.events = events;
    }

    /**
     * {@code sourceId} follows {@code targetId}, or asks to. Following again changes only the options given.
     *
     * @throws NotFoundException  when the target does not exist or cannot be followed (suspended, not yet approved)
     * @throws ForbiddenException when following oneself, a moved account, or across a block or domain block
     */
    public Outcome follow(long sourceId, long targetId, FollowOptions options) { return follow(sourceId, targetId, options, null); }

    /**
     * {@link #follow(long, long, FollowOptions)} that also records the ActivityPub id of the Follow activity (a
     * remote follower's, or the one federation sends), so that Accept, Reject and Undo can name it.
     */
    public Outcome follow(long sourceId, long targetId, FollowOptions options, String activityUri) {
        String languages = options.languages() == null ? null : FollowLanguages.encode(options.languages());
        return db.write(h -> {
            Account target = followable(targetId);
            if (sourceId == targetId) throw new ForbiddenException("This action is not allowed");
            if (target.movedToAccountId() != null || relationships.blockedEitherWay(sourceId, targetId)
                    || relationships.domainBlocking(sourceId, target.domain()))
                throw new ForbiddenException("This action is not allowed");

            Optional<Follow> existing = store.follow(sourceId, targetId);
            if (existing.isPresent()) {
                change(FOLLOWS, existing.get(), options, languages);
                return Outcome.FOLLOWING;
            }
            Optional<Follow> pending = store.request(sourceId, targetId);
            if (pending.isPresent()) {
                change(REQUESTS, pending.get(), options, languages);
                return Outcome.REQUESTED;
            }
            boolean reblogs = options.reblogs() == null || options.reblogs();
            boolean notify = options.notifyPosts() != null && options.notifyPosts();
            if (target.locked() || !target.local()) {
                if (store.insert(REQUESTS, ids.next(), sourceId, targetId, reblogs, notify, languages, activityUri, clock.instant()))
                    events.publish(new FollowEvents.FollowRequested(sourceId, targetId));
                return Outcome.REQUESTED;
            }
            createFollow(sourceId, targetId, reblogs, notify, languages, activityUri);
            return Outcome.FOLLOWING;
        });
    }

    /** Ends the follow of {@code sourceId} to {@code targetId}, or withdraws the pending request. */
    public void unfollow(long sourceId, long targetId) {
        db.write(h -> {
            Optional<Follow> removed = store.delete(FOLLOWS, sourceId, targetId);
            if (removed.isPresent()) {
                AccountStore.bump(h, sourceId, "following_count", -1);
                AccountStore.bump(h, targetId, "followers_count", -1);
                events.publish(new FollowEvents.Unfollowed(sourceId, targetId));
            } else if (store.delete(REQUESTS, sourceId, targetId).isPresent()) {
                events.publish(new FollowEvents.Unfollowed(sourceId, targetId));
            }
            return null;
        });
    }

    /**
     * {@code targetId} accepts the pending request of {@code requesterId}.
     *
     * @throws NotFoundException when there is no such request
     */
    public void authorize(long targetId, long requesterId) {
        db.write(h -> {
            Follow request = store.delete(REQUESTS, requesterId, targetId)
                    .orElseThrow(() -> new NotFoundException("follow request"));
            createFollow(requesterId, targetId, request.showReblogs(), request.notifyPosts(), request.languages(), request.uri());
            return null;
        });
    }

    /**
     * {@code targetId} turns down the pending request of {@code requesterId}.
     *
     * @throws NotFoundException when there is no such request
     */
    public void reject(long targetId, long requesterId) {
        db.write(h -> {
            store.delete(REQUESTS, requesterId, targetId).orElseThrow(() -> new NotFoundException("follow request"));
            events.publish(new FollowEvents.FollowRequestRejected(requesterId, targetId));
            return null;
        });
    }

    /** Accepts every pending request (an account that stops being locked); returns how many. */
    public int authorizeAll(long targetId) {
        return db.write(h -> {
            int n = 0;
            for (Follow request : store.pendingRequests(targetId)) {
                authorize(targetId, request.accountId());
                n++;
            }
            return n;
        });
    }

    private void createFollow(long sourceId, long targetId, boolean reblogs, boolean notify, String languages, String uri) {
        db.write(h -> {
            if (store.insert(FOLLOWS, ids.next(), sourceId, targetId, reblogs, notify, languages, uri, clock.instant())) {
                AccountStore.bump(h, sourceId, "following_count", 1);
                AccountStore.bump(h, targetId, "followers_count", 1);
                events.publish(new FollowEvents.Followed(sourceId, targetId, reblogs));
            }
            return null;
        });
    }

    private void change(String table, Follow row, FollowOptions options, String languages) {
        boolean reblogs = options.reblogs() == null ? row.showReblogs() : options.reblogs();
        boolean notify = options.notifyPosts() == null ? row.notifyPosts() : options.notifyPosts();
        String langs = options.languages() == null ? row.languages() : languages;
        store.updateOptions(table, row.accountId(), row.targetAccountId(), reblogs, notify, langs);
    }

    /** The target, if it exists and may be followed at all (visible and not suspended). */
    private Account followable(long targetId) {
        return accounts.visibleById(targetId).filter(a -> !a.suspended())
                .orElseThrow(() -> new NotFoundException("account"));
    }
}
