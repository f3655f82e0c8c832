package social.atoll.federation.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashSet;
import social.atoll.core.account.Account;
import social.atoll.infra.db.Database;
import social.atoll.infra.ids.IdGenerator;
import social.atoll.infra.jobs.JobQueue;

/**
 * Accept or Reject of a remote Follow that core has no event for: a Follow repeated for a follow that already
 * exists, or one refused across a block. (Accepts of new follows go out from {@link OutboxListeners}.)
 */
public final class FollowAnswers {

    private final Database db;
    private final JobQueue jobs;
    private final IdGenerator ids;
    private final ObjectMapper json;
    private final Activities activities;

    public FollowAnswers(Database db, JobQueue jobs, IdGenerator ids, ObjectMapper json) {
        this.db = db;
        this.jobs = jobs;
        this.ids = ids;
        this.json = json;
        this.activities = new Activities(json);
    }

    /** Sends {@code type} (Accept or Reject) of the Follow {@code followId} from remote {@code follower} to local {@code target}. */
    public void answer(Account follower, Account target, String followId, String type) {
        String id = target.uri() + "#" + (type.equals("Accept") ? "accepts" : "rejects") + "/follows/" + ids.next();
        var activity = activities.answer(id, type, target, activities.embeddedFollow(followId, follower, target), follower.uri());
        db.write(h -> {
            Deliveries.enqueue(jobs, json, activity, target, new LinkedHashSet<>(Audience.personalInbox(h, follower.id())));
            return null;
        });
    }
}
