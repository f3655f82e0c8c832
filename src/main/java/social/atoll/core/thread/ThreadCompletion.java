package social.atoll.core.thread;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusQueries;
import social.atoll.infra.db.Database;
import social.atoll.infra.jobs.JobQueue;
import social.atoll.infra.jobs.JobType;

/**
 * Complete threads (issue 15, on by default): when a thread is opened or a reply arrives, the replies collections of
 * its remote posts are read, and the replies this server lacks are fetched — each as a durable job, spaced out per
 * host, bounded per thread ({@link #MAX_PER_THREAD} fetched replies, {@link #MAX_DEPTH} levels below the opened posts)
 * and per post (its collection is read at most once per {@link #COOLDOWN}). The fetching itself (ActivityPub) is the
 * federation layer's: it handles {@link #REPLIES} and {@link #REPLY}.
 */
public final class ThreadCompletion {

    public static final int MAX_PER_THREAD = 200;
    public static final int MAX_DEPTH = 12;
    public static final Duration COOLDOWN = Duration.ofMinutes(5);
    /** Fetches for threads to one host are this far apart. */
    static final long HOST_SPACING_MILLIS = 200;
    /** A thread opened names at most this many posts whose replies are read. */
    static final int MAX_POSTS_PER_OPENING = 60;

    /** Read the replies collection of a (remote) status; {@code depth}: levels below the post the thread was opened at. */
    public record Replies(long statusId, int depth) {}

    /** Fetch and store one missing reply of {@code parentId}'s thread ({@code conversationId}). */
    public record Reply(String uri, long parentId, long conversationId, int depth) {}

    public static final JobType<Replies> REPLIES = new JobType<>("federation.thread-replies", Replies.class, 3,
            Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofHours(2));
    public static final JobType<Reply> REPLY = new JobType<>("federation.thread-reply", Reply.class, 3,
            Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofHours(2));

    private final Database db;
    private final ThreadFetchStore store;
    private final StatusQueries statuses;
    private final JobQueue jobs;
    private final Clock clock;

    public ThreadCompletion(Database db, ThreadFetchStore store, StatusQueries statuses, JobQueue jobs, Clock clock) {
        this.db = db;
        this.store = store;
        this.statuses = statuses;
        this.jobs = jobs;
        this.clock = clock;
    }

    /**
     * The thread of a status as {@code viewerId} may see it ({@code /api/v1/statuses/:id/context}, the post's page),
     * and the reading of the replies of its remote posts, queued for later.
     */
    public Optional<StatusQueries.Thread> context(Long viewerId, long id) {
        Optional<StatusQueries.Opened> found = statuses.opened(viewerId, id);
        if (found.isEmpty()) return Optional.empty();
        StatusQueries.Thread thread = found.get().thread();
        List<Status> posts = new ArrayList<>(thread.ancestors());
        posts.add(found.get().status());
        posts.addAll(thread.descendants());
        opened(posts);
        return Optional.of(thread);
    }

    /** A thread was opened: the replies of its remote posts are read (each at most once per {@link #COOLDOWN}). */
    public void opened(List<Status> posts) {
        List<Status> remote = posts.stream().filter(s -> !s.local() && !s.isReblog()).limit(MAX_POSTS_PER_OPENING).toList();
        if (remote.isEmpty()) return;
        db.write(h -> {
            for (Status s : remote) enqueueReplies(s, 0);
            return null;
        });
    }

    /** A reply arrived: the replies of its parent and its own are read, as when the thread is opened. */
    public void replyArrived(Status reply) {
        List<Status> posts = new ArrayList<>();
        if (reply.inReplyToId() != null) statuses.byIds(List.of(reply.inReplyToId())).values().forEach(posts::add);
        posts.add(reply);
        opened(posts);
    }

    /** Queues the reading of {@code s}'s replies unless it was read recently or is too deep (joins a running transaction). */
    public void enqueueReplies(Status s, int depth) {
        if (s.local() || depth > MAX_DEPTH) return;
        db.write(h -> {
            Instant now = clock.instant();
            if (!store.claim(h, s.id(), now, now.minus(COOLDOWN))) return null;
            jobs.enqueueAt(REPLIES, Long.toString(s.id()), new Replies(s.id(), depth), slot(s.uri(), now));
            return null;
        });
    }

    /**
     * Queues the fetch of a reply the thread lacks, if the thread's budget allows one more;
     * false when it is spent.
     */
    public boolean enqueueReply(String uri, Status parent, int depth) {
        long conversation = parent.conversationId() != null ? parent.conversationId() : parent.id();
        if (depth > MAX_DEPTH) return false;
        return db.write(h -> {
            if (!store.spend(h, conversation, MAX_PER_THREAD)) return false;
            jobs.enqueueAt(REPLY, uri, new Reply(uri, parent.id(), conversation, depth), slot(uri, clock.instant()));
            return true;
        });
    }

    private Instant slot(String uri, Instant now) {
        String host;
        try {
            host = URI.create(uri).getAuthority();
        } catch (IllegalArgumentException e) {
            host = null;
        }
        if (host == null) return now;
        return store.slot(db.currentHandle(), host.toLowerCase(Locale.ROOT), now, HOST_SPACING_MILLIS);
    }
}
