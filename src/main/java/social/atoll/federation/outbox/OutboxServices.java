package social.atoll.federation.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import social.atoll.core.account.AccountStore;
import social.atoll.core.deletion.AccountDeletionStore;
import social.atoll.core.follow.FollowStore;
import social.atoll.core.poll.PollStore;
import social.atoll.core.status.StatusRelations;
import social.atoll.core.status.StatusStore;
import social.atoll.federation.keys.InstanceActor;
import social.atoll.federation.vocab.ActivityWriter;
import social.atoll.federation.vocab.ActorWriter;
import social.atoll.federation.vocab.NoteWriter;
import social.atoll.infra.ids.IdGenerator;
import social.atoll.infra.jobs.JobQueue;

/**
 * What the outbound handlers share: who receives ({@link Audience}), how it is sent ({@link Deliveries}), and the
 * writers of what is sent (AS2 lives in {@code federation/vocab}).
 */
public final class OutboxServices {

    final Audience audience;
    final Deliveries deliveries;
    final NoteWriter notes;
    final ActorWriter actors;
    final ActivityWriter activities;
    final StatusStore statuses;
    final FollowStore follows;
    final JobQueue jobs;
    final IdGenerator ids;
    final Clock clock;
    final InstanceActor instanceActor;

    public OutboxServices(JobQueue jobs, IdGenerator ids, ObjectMapper json, AccountStore accounts, FollowStore follows,
                          StatusStore statuses, StatusRelations relations, PollStore polls, NoteWriter notes, ActorWriter actors,
                          ActivityWriter activities, Clock clock, InstanceActor instanceActor, AccountDeletionStore deletions) {
        this.audience = new Audience(accounts, follows, statuses, relations, polls, deletions);
        this.deliveries = new Deliveries(jobs, json);
        this.notes = notes;
        this.actors = actors;
        this.activities = activities;
        this.statuses = statuses;
        this.follows = follows;
        this.jobs = jobs;
        this.ids = ids;
        this.clock = clock;
        this.instanceActor = instanceActor;
    }
}
