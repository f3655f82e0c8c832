package social.atoll.core.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.atoll.config.Settings;
import social.atoll.core.account.AccountStore;
import social.atoll.core.account.User;
import social.atoll.core.common.IdRange;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.common.ValidationException;
import social.atoll.core.poll.NewPoll;
import social.atoll.core.poll.PollRules;
import social.atoll.infra.db.Database;
import social.atoll.infra.db.JsonColumns;
import social.atoll.infra.ids.IdGenerator;
import social.atoll.infra.jobs.JobQueue;
import social.atoll.infra.jobs.JobType;

/**
 * Statuses posted later ({@code scheduled_at}). The request is checked now as a post would be and stored; a durable
 * job publishes it at its time. The job key carries the time, so moving a scheduled status schedules a new job and
 * the old one, finding a different time in the row, does nothing.
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
    private final AccountStore accounts;
    private final StatusComposer composer;
    private final JobQueue jobs;
    private final JsonColumns json;
    private final IdGenerator ids;
    private final Clock clock;
    private final Settings settings;
    /** Media reserved for scheduled statuses; null: scheduled statuses carry none. */
    private final StatusAttachments attachments;

    public ScheduledStatusService(Database db, AccountStore accounts, StatusComposer composer, JobQueue jobs,
                                  JsonColumns json, IdGenerator ids, Clock clock, Settings settings) {
        this(db, accounts, composer, jobs, json, ids, clock, settings, null);
    }

    public ScheduledStatusService(Database db, AccountStore accounts, StatusComposer composer, JobQueue jobs,
                                  JsonColumns json, IdGenerator ids, Clock clock, Settings settings,
                                  StatusAttachments attachments) {
        this.attachments = attachments;
        this.db = db;
        this.accounts = accounts;
        this.composer = composer;
        this.jobs = jobs;
        this.json = json;
        this.ids = ids;
        this.clock = clock;
        this.settings = settings;
    }

    /** Registers the publication job; call before the job queue starts. */
    public void register() { jobs.register(PUBLISH, job -> publish(job.scheduledId(), job.scheduledAt())); }

    /**
     * Checks {@code req} as a post would be checked and stores it for {@code at}; {@code mediaIds} (checked uploads)
     * are reserved for it until it is published.
     */
    public ScheduledStatus schedule(NewStatus req, NewPoll poll, List<String> mediaIds, Instant at) {
        checkTime(at);
        if (!mediaIds.isEmpty() && attachments == null) throw new ValidationException("Media attachments are not supported");
        String text = req.text() == null ? "" : req.text();
        String spoiler = req.spoilerText() == null ? "" : req.spoilerText().strip();
        if (text.isBlank() && mediaIds.isEmpty()) throw new ValidationException("Text can't be blank");
        if (StatusLength.of(text, spoiler) > settings.maxStatusChars())
            throw new ValidationException("Text character limit of " + settings.maxStatusChars() + " exceeded");
        if (poll != null) PollRules.check(poll);
        User user = accounts.userByAccountId(req.accountId()).orElseThrow(() -> new NotFoundException("user"));
        Visibility vis = req.visibility() != null ? req.visibility()
                : Visibility.parseRequested(user.defaultPrivacy()).orElse(Visibility.PUBLIC);
        var params = new ScheduledStatus.Params(text, poll, mediaIds, req.sensitive(), spoiler, vis.api(), req.inReplyToId(),
                req.language(), req.idempotencyKey(), req.applicationId(), null, false);
        long id = ids.next();
        Instant now = clock.instant();
        db.write(h -> {
            checkLimits(h, req.accountId(), at, null);
            h.createUpdate("INSERT INTO scheduled_statuses (id, account_id, scheduled_at, params, created_at) VALUES (:id, :a, :at, :p, :now)")
                    .bind("id", id).bind("a", req.accountId()).bind("at", at).bind("p", write(params)).bind("now", now).execute();
            if (!mediaIds.isEmpty()) attachments.reserve(h, req.accountId(), id, mediaIds.stream().map(Long::parseLong).toList());
            enqueue(id, at);
            return null;
        });
        return own(req.accountId(), id);
    }

    private void checkTime(Instant at) {
        if (at.isBefore(clock.instant().plus(MIN_OFFSET)))
            throw new ValidationException("Scheduled at must be at least 5 minutes into the future");
    }

    /** The total limit for a new scheduled status, the daily one for the day of {@code at} ({@code moving}: the one being moved). */
    private static void checkLimits(Handle h, long accountId, Instant at, Long moving) {
        String other = moving == null ? "" : " AND id <> :moving";
        if (moving == null) {
            int total = h.createQuery("SELECT COUNT(*) FROM scheduled_statuses WHERE account_id = :a").bind("a", accountId)
                    .mapTo(Integer.class).one();
            if (total >= TOTAL_LIMIT) throw new ValidationException("You have exceeded the limit of " + TOTAL_LIMIT + " scheduled posts");
        }
        Instant day = at.truncatedTo(ChronoUnit.DAYS);
        var q = h.createQuery("SELECT COUNT(*) FROM scheduled_statuses WHERE account_id = :a AND scheduled_at >= :from AND scheduled_at < :to" + other)
                .bind("a", accountId).bind("from", day).bind("to", day.plus(1, ChronoUnit.DAYS));
        if (moving != null) q.bind("moving", moving.longValue());
        if (q.mapTo(Integer.class).one() >= DAILY_LIMIT)
            throw new ValidationException("You have exceeded the limit of " + DAILY_LIMIT + " scheduled posts for today");
    }

    private void enqueue(long id, Instant at) {
        jobs.enqueueAt(PUBLISH, id + ":" + at.toEpochMilli(), new Publish(id, at.toEpochMilli()), at);
    }

    /** One page of an account's scheduled statuses, newest id first. */
    public List<ScheduledStatus> page(long accountId, IdRange range) {
        return range.newestFirst(db.read(h -> range.bind(h.createQuery(
                        "SELECT * FROM scheduled_statuses WHERE account_id = :a" + range.conditions("id") + range.orderAndLimit("id"))
                .bind("a", accountId)).map((rs, ctx) -> row(rs)).list()));
    }

    /** The account's own scheduled status, else not found. */
    public ScheduledStatus own(long accountId, long id) {
        return db.read(h -> find(h, id)).filter(s -> s.accountId() == accountId)
                .orElseThrow(() -> new NotFoundException("scheduled status"));
    }

    public ScheduledStatus reschedule(long accountId, long id, Instant at) {
        own(accountId, id);
        checkTime(at);
        db.write(h -> {
            checkLimits(h, accountId, at, id);
            h.createUpdate("UPDATE scheduled_statuses SET scheduled_at = :at WHERE id = :id").bind("at", at).bind("id", id).execute();
            enqueue(id, at);
            return null;
        });
        return own(accountId, id);
    }

    public void cancel(long accountId, long id) {
        own(accountId, id);
        db.write(h -> h.createUpdate("DELETE FROM scheduled_statuses WHERE id = :id").bind("id", id).execute());
    }

    /**
     * Posts a scheduled status if it is still there at the time the job was scheduled for. A post that can no longer
     * be made (the status replied to is gone, the text no longer passes) is dropped, as Mastodon does.
     */
    void publish(long id, long scheduledAt) {
        Optional<ScheduledStatus> found = db.read(h -> find(h, id));
        if (found.isEmpty() || found.get().scheduledAt().toEpochMilli() != scheduledAt) return;
        ScheduledStatus s = found.get();
        ScheduledStatus.Params p = s.params();
        NewStatus req = new NewStatus(s.accountId(), p.text(), p.spoilerText(), p.sensitive(),
                Visibility.parseRequested(p.visibility()).orElse(null), p.inReplyToId(), p.language(), p.applicationId(), null);
        try {
            List<Long> media = p.mediaIds() == null ? List.of() : p.mediaIds().stream().map(Long::parseLong).toList();
            db.write(h -> {
                // posted first, removed last: removing the row frees its reserved media (ON DELETE SET NULL)
                if (media.isEmpty() || attachments == null) composer.post(req, p.poll());
                else attachments.postScheduled(req, id, media);
                int removed = h.createUpdate("DELETE FROM scheduled_statuses WHERE id = :id AND scheduled_at = :at")
                        .bind("id", id).bind("at", scheduledAt).execute();
                if (removed == 0) throw new IllegalStateException("scheduled status " + id + " was published or moved meanwhile");
                return null;
            });
        } catch (ValidationException | NotFoundException e) {
            log.info("scheduled status {} dropped: {}", id, e.getMessage());
            db.write(h -> h.createUpdate("DELETE FROM scheduled_statuses WHERE id = :id").bind("id", id).execute());
        }
    }

    private Optional<ScheduledStatus> find(Handle h, long id) {
        return h.createQuery("SELECT * FROM scheduled_statuses WHERE id = :id").bind("id", id).map((rs, ctx) -> row(rs)).findOne();
    }

    private ScheduledStatus row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new ScheduledStatus(rs.getLong("id"), rs.getLong("account_id"), Instant.ofEpochMilli(rs.getLong("scheduled_at")),
                json.read(rs.getString("params"), ScheduledStatus.Params.class), Instant.ofEpochMilli(rs.getLong("created_at")));
    }

    private String write(Object o) { return json.write(o); }
}
