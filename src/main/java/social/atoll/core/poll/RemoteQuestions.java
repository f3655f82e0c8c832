package social.atoll.core.poll;

import social.atoll.core.status.RemoteNote;
import social.atoll.core.status.RemoteStatusService;
import social.atoll.core.status.Status;
import social.atoll.infra.db.Database;

/**
 * Remote polls arrive as statuses ({@code Question}s): the status and its poll are stored in one transaction, so
 * that nobody sees the one without the other.
 */
public final class RemoteQuestions {

    private final Database db;
    private final RemoteStatusService statuses;
    private final RemotePolls polls;

    public RemoteQuestions(Database db, RemoteStatusService statuses, RemotePolls polls) {
        this.db = db;
        this.statuses = statuses;
        this.polls = polls;
    }

    /** Stores the status (see {@link RemoteStatusService#create}) with its poll; returns the status. */
    public Status create(RemoteNote note, RemotePolls.Tally poll) {
        return db.write(h -> {
            Status st = statuses.create(note);
            polls.attach(st.id(), st.accountId(), poll);
            return st;
        });
    }
}
