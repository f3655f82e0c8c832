package social.atoll.core.status;

import social.atoll.core.poll.NewPoll;
import social.atoll.core.poll.PollRules;
import social.atoll.core.poll.PollService;
import social.atoll.core.poll.PollStore;
import social.atoll.infra.db.Database;

/**
 * Posts a status with what may come with it: a poll now, media and quotes later. The status and its poll commit in
 * one transaction; the poll is checked with Mastodon's rules before anything is written.
 */
public final class StatusComposer {

    private final Database db;
    private final StatusService statusService;
    private final StatusStore statuses;
    private final PollService pollService;
    private final PollStore polls;

    public StatusComposer(Database db, StatusService statusService, StatusStore statuses, PollService pollService, PollStore polls) {
        this.db = db;
        this.statusService = statusService;
        this.statuses = statuses;
        this.pollService = pollService;
        this.polls = polls;
    }

    /** Posts {@code req} with {@code poll} (null: none). */
    public Status post(NewStatus req, NewPoll poll) {
        if (poll == null) return statusService.post(req);
        PollRules.check(poll);
        return db.write(h -> {
            Status s = statusService.post(req);
            // a retry with the same Idempotency-Key answers the first status, which already has its poll
            if (polls.byStatus(h, s.id()).isEmpty()) pollService.attach(h, s, poll);
            return statuses.byId(s.id()).orElse(s);
        });
    }
}
