package social.atoll.core.timeline;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import social.atoll.core.account.AccountStore;
import social.atoll.core.follow.FollowEvents;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusEvents;
import social.atoll.core.status.StatusRelations;
import social.atoll.core.status.StatusStore;
import social.atoll.infra.db.Database;
import social.atoll.infra.events.EventBus;
import social.atoll.infra.jobs.JobQueue;
import social.atoll.infra.jobs.JobType;

/**
 * Keeps home feeds filled. A new status enters its author's feed in the posting transaction; reaching the followers
 * is a durable job, so a post returns at once however many followers there are — unless they are few
 * ({@link #INLINE_FOLLOWERS}): then the same statement runs in the posting transaction. A new follow back-fills the
 * followee's recent statuses (also a job); an unfollow removes them. Deleted statuses leave the feeds with their row
 * (the foreign key cascades).
 */
public final class HomeFeedFanout {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(HomeFeedFanout.class);

    /** Payload of the fan-out job. */
    public record Fanout(long statusId) {}

    /** Payload of the back-fill job. */
    public record Merge(long readerId, long authorId) {}

    public static final JobType<Fanout> FANOUT = JobType.local("home-feed.fanout", Fanout.class);
    public static final JobType<Merge> MERGE = JobType.local("home-feed.merge", Merge.class);

    /** How many of the followee's latest statuses a new follow brings into the feed. */
    static final int BACKFILL = 40;

    private final Database db;
    private final HomeFeedStore feed;
    private final AccountStore accounts;
    private final StatusStore statuses;
    private final StatusRelations relations;
    private final JobQueue jobs;
    private final Clock clock;
    private EventBus events;

    public HomeFeedFanout(Database db, HomeFeedStore feed, AccountStore accounts, StatusStore statuses, StatusRelations relations, JobQueue jobs, Clock clock) {
        this.db = db;
        this.feed = feed;
        this.accounts = accounts;
        this.statuses = statuses;
        this.relations = relations;
        this.jobs = jobs;
        this.clock = clock;
    }

    /** Registers the job handlers and event listeners; call before the job queue starts. */
    public void register(EventBus events) {
        this.events = events;
        jobs.register(FANOUT, job -> fanOut(job.statusId()));
        jobs.register(MERGE, job -> merge(job.readerId(), job.authorId()));
        events.inTransaction(StatusEvents.StatusCreated.class, (h, e) -> {
            if (feed.addToAuthor(h, e.status()))
                events.publish(new HomeFeedEvents.Inserted(e.status().id(), List.of(e.status().accountId())));
            if (e.status().local() && fewFollowers(e.status().accountId())) intoFollowers(h, e.status(), e.reblogOf(), e.mentionedAccountIds());
            else jobs.enqueue(FANOUT, Long.toString(e.status().id()), new Fanout(e.status().id()));
        });
        events.inTransaction(FollowEvents.Followed.class, (h, e) -> {
            if (accounts.local(h, e.followerId())) jobs.enqueue(MERGE, e.followerId() + ":" + e.targetId(), new Merge(e.followerId(), e.targetId()));
        });
        events.inTransaction(FollowEvents.Unfollowed.class, (h, e) -> feed.removeAuthor(h, e.followerId(), e.targetId()));
    }

    /** Delivers a status to the home feeds of its author's local followers. Idempotent. */
    void fanOut(long statusId) {
        long started = System.nanoTime();
        Status s = statuses.byId(statusId).orElse(null);
        if (s == null) return; // deleted before the job ran
        Status original = s.isReblog() ? statuses.byId(s.reblogOfId()).orElse(null) : null;
        if (s.isReblog() && original == null) return;
        List<Long> mentioned = relations.mentions(List.of(s.id())).getOrDefault(s.id(), List.of());
        List<Long> originalMentions = original == null ? List.of()
                : relations.mentions(List.of(original.id())).getOrDefault(original.id(), List.of());
        List<Long> involved = new ArrayList<>(mentioned);
        involved.addAll(originalMentions);
        db.write(h -> {
            List<Long> readers = feed.readersAdded(h, s, original, null, clock.instant(), involved);
            if (!readers.isEmpty() && events != null) events.publish(new HomeFeedEvents.Inserted(s.id(), readers));
            if (log.isDebugEnabled()) log.debug("status {} into {} home feeds in {} ms", s.id(), readers.size(), (System.nanoTime() - started) / 1_000_000);
            return null;
        });
    }

    /**
     * Whether the author is local with at most {@link #INLINE_FOLLOWERS} followers. Their followers' feeds are
     * filled in the posting transaction itself: one statement of a few rows, where a job costs the single SQLite
     * writer three transactions more (enqueue, pick, finish) and delays the followers' streams by its pick-up.
     */
    private boolean fewFollowers(long authorId) {
        // a local account's count is ours and exact; a remote one's is what its server says (or hides)
        return accounts.byId(authorId).map(a -> a.local() && a.followersCount() <= INLINE_FOLLOWERS).orElse(false);
    }

    /** Followers beyond which a post's fan-out is a job of its own. */
    static final int INLINE_FOLLOWERS = 100;

    /**
     * {@link #fanOut} inside the posting transaction; the event brings the boosted status and the status's mentions
     * as just stored.
     */
    private void intoFollowers(org.jdbi.v3.core.Handle h, Status s, Status reblogOf, List<Long> mentioned) {
        Status original = !s.isReblog() ? null : reblogOf != null ? reblogOf : statuses.byId(s.reblogOfId()).orElse(null);
        if (s.isReblog() && original == null) return;
        List<Long> involved = new ArrayList<>(mentioned);
        if (original != null) involved.addAll(relations.mentions(List.of(original.id())).getOrDefault(original.id(), List.of()));
        List<Long> readers = feed.readersAdded(h, s, original, null, clock.instant(), involved);
        if (!readers.isEmpty()) events.publish(new HomeFeedEvents.Inserted(s.id(), readers));
    }

    /** Back-fills the author's latest statuses into the reader's feed, by the same rules as fan-out. Idempotent. */
    void merge(long readerId, long authorId) {
        List<Status> recent = statuses.latestOf(authorId, BACKFILL);
        if (recent.isEmpty()) return;
        List<Long> originalIds = recent.stream().filter(Status::isReblog).map(Status::reblogOfId).toList();
        var originals = statuses.byIds(originalIds);
        List<Long> all = new ArrayList<>(recent.stream().map(Status::id).toList());
        all.addAll(originalIds);
        var mentions = relations.mentions(all);
        db.write(h -> {
            // oldest first, so that of several boosts of one status the earliest is the one kept
            for (Status s : recent.reversed()) {
                Status original = s.isReblog() ? originals.get(s.reblogOfId()) : null;
                if (s.isReblog() && original == null) continue;
                List<Long> involved = new ArrayList<>(mentions.getOrDefault(s.id(), List.of()));
                if (original != null) involved.addAll(mentions.getOrDefault(original.id(), List.of()));
                feed.addToFollowers(h, s, original, readerId, clock.instant(), involved);
            }
            return null;
        });
    }
}
