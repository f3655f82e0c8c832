package social.atoll.core.tag;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusEvents;
import social.atoll.core.status.StatusRelations;
import social.atoll.core.status.StatusStore;
import social.atoll.core.timeline.HomeFeedEvents;
import social.atoll.core.timeline.HomeFeedStore;
import social.atoll.infra.db.Database;
import social.atoll.infra.events.EventBus;
import social.atoll.infra.jobs.JobQueue;
import social.atoll.infra.jobs.JobType;

/**
 * Followed hashtags bring public posts into home feeds, as in Mastodon: a public, original status carrying a tag
 * reaches the home feeds of the local accounts following that tag, unless they block or mute its author or an
 * account it mentions, block the author's domain, or are blocked by the author. Replies to others stay out. Like
 * the follower fan-out it is a durable job, enqueued in the posting transaction only when someone follows one of
 * the status's tags.
 */
public final class TagFeed {

    /** Payload of the job. */
    public record Fanout(long statusId) {}

    public static final JobType<Fanout> FANOUT = JobType.local("tag-feed.fanout", Fanout.class);

    private final Database db;
    private final TagStore tags;
    private final HomeFeedStore homeFeed;
    private final StatusStore statuses;
    private final StatusRelations relations;
    private final JobQueue jobs;
    private final Clock clock;
    private EventBus events;

    public TagFeed(Database db, TagStore tags, HomeFeedStore homeFeed, StatusStore statuses, StatusRelations relations,
                   JobQueue jobs, Clock clock) {
        this.db = db;
        this.tags = tags;
        this.homeFeed = homeFeed;
        this.statuses = statuses;
        this.relations = relations;
        this.jobs = jobs;
        this.clock = clock;
    }

    /** Registers the job and the listener; call before the job queue starts. */
    public void register(EventBus events) {
        this.events = events;
        jobs.register(FANOUT, job -> fanOut(job.statusId()));
        events.inTransaction(StatusEvents.StatusCreated.class, (h, e) -> {
            Status s = e.status();
            if (!eligible(s)) return;
            if (tags.anyFollowedOn(h, s.id())) jobs.enqueue(FANOUT, Long.toString(s.id()), new Fanout(s.id()));
        });
    }

    private static boolean eligible(Status s) {
        return !s.isReblog() && "public".equals(s.visibility())
                && (s.inReplyToId() == null || (s.inReplyToAccountId() != null && s.inReplyToAccountId() == s.accountId()));
    }

    /** Idempotent: rows already in a feed (the reader follows the author too) stay as they are. */
    void fanOut(long statusId) {
        Status s = statuses.byId(statusId).orElse(null);
        if (s == null || !eligible(s)) return;
        Set<Long> involved = new LinkedHashSet<>();
        involved.add(s.accountId());
        involved.addAll(relations.mentions(List.of(s.id())).getOrDefault(s.id(), List.of()));
        db.write(h -> {
            List<Long> readers = homeFeed.addToTagFollowers(h, s, involved, clock.instant());
            if (!readers.isEmpty()) events.publish(new HomeFeedEvents.Inserted(s.id(), readers));
            return null;
        });
    }
}
