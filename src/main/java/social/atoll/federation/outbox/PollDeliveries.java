package social.atoll.federation.outbox;

import java.time.Duration;
import social.atoll.core.account.Account;
import social.atoll.core.poll.PollEvents;
import social.atoll.core.status.Status;
import social.atoll.infra.events.EventBus;
import social.atoll.infra.jobs.JobType;

/**
 * Votes. On a remote poll by a local account: one {@code Create} of a Note per chosen option, to the poll's author
 * (spec §3.6). On a local poll: an {@code Update} of the Question with the new tallies to its audience and the remote
 * voters, as Mastodon sends them — a few seconds later, by a job, so that a burst of votes makes one Update.
 */
final class PollDeliveries implements OutboxHandler {

    /** Payload of the job that sends a local poll's tallies. */
    record Tally(long statusId) {}

    static final JobType<Tally> TALLY = JobType.local("federation.poll-tally", Tally.class);

    /** How long new poll tallies wait before they are sent. */
    static final Duration TALLY_DELAY = Duration.ofSeconds(5);

    private final OutboxServices s;

    PollDeliveries(OutboxServices s) { this.s = s; }

    @Override
    public void register(EventBus events) {
        events.inTransaction(PollEvents.Voted.class, (h, e) -> voted(e));
        s.jobs.register(TALLY, job -> tally(job.statusId()));
    }

    private void voted(PollEvents.Voted e) {
        Status question = s.statuses.byId(e.poll().statusId()).orElse(null);
        if (question == null) return;
        if (question.local()) {
            // the job key collapses the votes of the next few seconds into this one job
            s.jobs.enqueueAt(TALLY, "tally:" + question.id(), new Tally(question.id()), s.clock.instant().plus(TALLY_DELAY));
            return;
        }
        Account voter = s.audience.local(e.accountId()).orElse(null);
        Account author = s.audience.remote(question.accountId()).orElse(null);
        if (voter == null || author == null) return;
        var inbox = s.audience.personalInbox(author.id());
        for (int choice : e.choices()) {
            if (choice < 0 || choice >= e.poll().options().size()) continue;
            s.deliveries.send(s.activities.vote(voter, question, author, e.poll().options().get(choice)), voter, inbox);
        }
    }

    /** Renders the Question as it now is; a status deleted meanwhile is skipped. */
    void tally(long statusId) {
        Status question = s.statuses.byId(statusId).orElse(null);
        if (question == null) return;
        Account author = s.audience.local(question.accountId()).orElse(null);
        if (author == null) return;
        var inboxes = s.audience.ofStatus(question, author, s.audience.mentioned(question));
        inboxes.addAll(s.audience.voterInboxes(question));
        s.deliveries.send(s.activities.pollTallied(author, question, s.notes.object(question)), author, inboxes);
    }
}
