package social.atoll.core.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.atoll.core.common.IdRange;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.common.ValidationException;
import social.atoll.infra.db.Database;
import social.atoll.infra.jobs.JobQueue;
import social.atoll.infra.jobs.JobType;

/**
 * Statuses posted later ({@code scheduled_at}): {@link PostStatusService} checks and stores them; this service lists,
 * moves and cancels them, and its durable job publishes each at its time through {@link PostStatusService} again.
 * The job key carries the time, so moving a scheduled status schedules a new job and the old one, finding a
 * different time in the row, does nothing.
 */
public final class ScheduledStatusService {

    private static final Logger log = LoggerFactory.getLogger(ScheduledStatusService.class);

    /** Mastodon's minimum distance into the future. */
    public static final Duration MIN_OFFSET = Duration.ofMinutes(5);

    /** Mastodon's limits: scheduled statuses waiting in all, and due on one (UTC) day. */
    public static final int TOTAL_LIMIT = 300;
    public static final int DAILY_LIMIT = 25;

    /** Payload of the publication job. */
    public record Publish(long scheduledId, long scheduledAt) {}

    public static final JobType<Publish> PUBLISH = JobType.local("scheduled-status.publish", Publish.class);

    private final Database db;
    private final ScheduledStatusStore store;
    private final PostStatusService posting;
    private final JobQueue jobs;
    private final Clock clock;

    public ScheduledStatusService(Database db, ScheduledStatusStore store, PostStatusService posting, JobQueue jobs, Clock clock) {
        this.db = db;
        this.store = store;
        this.posting = posting;
        this.jobs = jobs;
        this.clock = clock;
    }

    /** Registers the publication job; call before the job queue starts. */
    public void register() { jobs.register(PUBLISH, job -> publish(job.scheduledId(), job.scheduledAt())); }

    static void checkTime(Instant at, Instant now) {
        if (at.isBefore(now.plus(MIN_OFFSET)))
            throw new ValidationException("Scheduled at The scheduled date must be in the future");
    }

    /** The total limit for a new scheduled status, the daily one for the day of {@code at} ({@code moving}: the one being moved). */
    static void checkLimits(ScheduledStatusStore store, long accountId, Instant at, Long moving) {
        if (moving == null && store.count(accountId) >= TOTAL_LIMIT)
            throw new ValidationException("You have exceeded the limit of " + TOTAL_LIMIT + " scheduled posts");
        if (store.countOnDay(accountId, at, moving) >= DAILY_LIMIT)
            throw new ValidationException("You have exceeded the limit of " + DAILY_LIMIT + " scheduled posts for today");
    }

    /** Enqueues the publication of scheduled status {@code id} at {@code at}, in the caller's transaction. */
    static void enqueue(JobQueue jobs, long id, Instant at) {
        jobs.enqueueAt(PUBLISH, id + ":" + at.toEpochMilli(), new Publish(id, at.toEpochMilli()), at);
    }

    /** One page of an account's scheduled statuses, newest id first. */
    public List<ScheduledStatus> page(long accountId, IdRange range) { return store.page(accountId, range); }

    /** The account's own scheduled status, else not found. */
    public ScheduledStatus own(long accountId, long id) {
        return store.byId(id).filter(s -> s.accountId() == accountId).orElseThrow(() -> new NotFoundException("scheduled status"));
    }

    public ScheduledStatus reschedule(long accountId, long id, Instant at) {
        own(accountId, id);
        checkTime(at, clock.instant());
        db.write(h -> {
            checkLimits(store, accountId, at, id);
            store.move(id, at);
            enqueue(jobs, id, at);
            return null;
        });
        return own(accountId, id);
    }

    public void cancel(long accountId, long id) {
        own(accountId, id);
        store.delete(id);
    }

    /**
     * Posts a scheduled status if it is still there at the time the job was scheduled for. A post that can no longer
     * be made (the status replied to is gone, the text no longer passes) is dropped, as Mastodon does.
     */
    void publish(long id, long scheduledAt) {
        Optional<ScheduledStatus> found = store.byId(id);
        if (found.isEmpty() || found.get().scheduledAt().toEpochMilli() != scheduledAt) return;
        try {
            db.write(h -> {
                // posted first, removed last: removing the row frees its reserved media (ON DELETE SET NULL)
                posting.publishScheduled(found.get());
                if (!store.deleteDue(id, Instant.ofEpochMilli(scheduledAt)))
                    throw new IllegalStateException("scheduled status " + id + " was published or moved meanwhile");
                return null;
            });
        } catch (ValidationException | NotFoundException e) {
            log.info("scheduled status {} dropped: {}", id, e.getMessage());
            store.delete(id);
        }
    }
}
