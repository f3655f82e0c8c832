package social.atoll.core.poll;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.common.ValidationException;
import social.atoll.core.notification.Notification;
import social.atoll.core.notification.NotificationStore;
import social.atoll.core.privacy.VisibilityPolicy;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusStore;
import social.atoll.infra.db.Database;
import social.atoll.infra.events.EventBus;
import social.atoll.infra.ids.IdGenerator;
import social.atoll.infra.jobs.JobQueue;
import social.atoll.infra.jobs.JobType;

/**
 * Polls: attaching one to a new or edited status, voting, and closing at expiry. Closing is a durable job scheduled
 * for the expiry time; it tells the voters and the author that the poll has ended ({@code poll} notifications).
 */
public final class PollService {

    /** Payload of the expiry job. */
    public record Expire(long pollId) {}

    public static final JobType<Expire> EXPIRE = JobType.local("poll.expire", Expire.class);

    private final Database db;
    private final PollStore polls;
    private final StatusStore statuses;
    private final VisibilityPolicy visibility;
    private final NotificationStore notifications;
    private final JobQueue jobs;
    private final IdGenerator ids;
    private final Clock clock;
    private final EventBus events;

    public PollService(Database db, PollStore polls, StatusStore statuses, VisibilityPolicy visibility,
                       NotificationStore notifications, JobQueue jobs, IdGenerator ids, Clock clock, EventBus events) {
        this.events = events;
        this.db = db;
        this.polls = polls;
        this.statuses = statuses;
        this.visibility = visibility;
        this.notifications = notifications;
        this.jobs = jobs;
        this.ids = ids;
        this.clock = clock;
    }

    /** Registers the expiry job; call before the job queue starts. */
    public void register() { jobs.register(EXPIRE, job -> close(job.pollId())); }

    /** Attaches a new (already validated) poll to a status, in the caller's transaction. */
    public Poll attach(Handle h, Status status, NewPoll p) {
        Instant now = clock.instant();
        long id = ids.next();
        polls.insert(h, id, status.id(), status.accountId(), p, now.plusSeconds(p.expiresIn()), now);
        statuses.setPoll(status.id(), id);
        Poll poll = polls.byStatus(h, status.id()).orElseThrow();
        scheduleExpiry(poll);
        return poll;
    }

    /**
     * An edit's poll, as Mastodon treats it: a poll given replaces the old one's settings (new options or a change
     * between single and multiple choice void the votes cast so far); no poll removes it. Returns whether the poll
     * changed in a way that counts as an edit.
     */
    public boolean replace(Handle h, Status status, NewPoll p) {
        Optional<Poll> existing = polls.byStatus(h, status.id());
        Instant now = clock.instant();
        if (p == null) {
            if (existing.isEmpty()) return false;
            polls.delete(h, existing.get().id());
            statuses.setPoll(status.id(), null);
            return true;
        }
        if (existing.isEmpty()) {
            attach(h, status, p);
            return true;
        }
        Poll old = existing.get();
        boolean changed = !old.options().equals(p.options()) || old.multiple() != p.multiple();
        polls.update(h, old.id(), p, now.plusSeconds(p.expiresIn()), now);
        if (changed) polls.deleteVotes(h, old.id());
        polls.recount(h, old.id(), p.options().size(), now);
        scheduleExpiry(polls.byStatus(h, status.id()).orElseThrow());
        return changed;
    }

    /**
     * Schedules the closing of a poll at its expiry, in the current write transaction. The job key carries the
     * expiry time, so an edit that moves it schedules a new job and the old one finds nothing to do.
     */
    public void scheduleExpiry(Poll poll) {
        if (poll.expiresAt() == null) return;
        jobs.enqueueAt(EXPIRE, poll.id() + ":" + poll.expiresAt().toEpochMilli(), new Expire(poll.id()), poll.expiresAt());
    }

    /** A poll the viewer may see (through its status), else not found. */
    public Poll visiblePoll(Long viewerId, long pollId) {
        Poll poll = polls.byId(pollId).orElseThrow(() -> new NotFoundException("poll"));
        Status s = statuses.byId(poll.statusId()).orElseThrow(() -> new NotFoundException("poll"));
        if (!visibility.canSee(viewerId, s)) throw new NotFoundException("poll");
        return poll;
    }

    /** Casts {@code accountId}'s vote; Mastodon's rules and wording for ended polls, bad choices, own polls and re-votes. */
    public Poll vote(long accountId, long pollId, List<Integer> choices) {
        visiblePoll(accountId, pollId);
        return db.write(h -> {
            Instant now = clock.instant();
            // takes the poll row's lock first, so that concurrent voters are counted one after the other
            polls.touch(h, pollId, now);
            Poll poll = polls.byId(pollId).orElseThrow(() -> new NotFoundException("poll"));
            if (poll.expired(now)) throw new ValidationException("The poll has already ended");
            for (int c : choices) {
                if (c < 0 || c >= poll.options().size()) throw new ValidationException("The chosen vote option does not exist");
            }
            if (poll.accountId() == accountId) throw new ValidationException("You cannot vote in your own polls");
            Set<Integer> earlier = new HashSet<>(polls.choices(h, pollId, accountId));
            Set<Integer> wanted = new HashSet<>(choices);
            boolean again = poll.multiple()
                    ? wanted.size() < choices.size() || wanted.stream().anyMatch(earlier::contains)
                    : !earlier.isEmpty() || choices.size() > 1;
            if (again) throw new ValidationException("You have already voted on this poll");
            for (int c : choices) polls.insertVote(h, ids.next(), pollId, accountId, c, now);
            polls.recount(h, pollId, poll.options().size(), now);
            Poll after = polls.byId(pollId).orElseThrow();
            events.publish(new PollEvents.Voted(accountId, after, List.copyOf(choices)));
            return after;
        });
    }

    /**
     * Closes a poll whose time has come and notifies its local voters and its author. Idempotent: a closed poll, a
     * deleted one, or one whose expiry was moved later by an edit is left alone.
     */
    public void close(long pollId) {
        db.write(h -> {
            Instant now = clock.instant();
            Optional<Poll> found = polls.byId(pollId);
            if (found.isEmpty()) return null;
            Poll poll = found.get();
            if (poll.closedAt() != null || poll.expiresAt() == null || poll.expiresAt().isAfter(now)) return null;
            polls.close(h, pollId, now);
            for (long voter : polls.voters(h, pollId)) notifications.add(h, voter, poll.accountId(), Notification.POLL, poll.statusId(), now);
            notifications.add(h, poll.accountId(), poll.accountId(), Notification.POLL, poll.statusId(), now);
            return null;
        });
    }

    /** The polls of these statuses, by status id, in one query (rendering a page of statuses). */
    public Map<Long, Poll> byStatusIds(Collection<Long> statusIds) { return polls.byStatusIds(statusIds); }

    /** The viewer's own choices in these polls, by poll id, in one query. */
    public Map<Long, List<Integer>> ownVotes(long accountId, Collection<Long> pollIds) { return polls.ownVotes(accountId, pollIds); }
}
