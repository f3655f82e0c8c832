package social.atoll.core.list;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import social.atoll.core.common.IdRange;
import social.atoll.core.privacy.VisibilityPolicy;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusEvents;
import social.atoll.core.status.StatusRelations;
import social.atoll.core.status.StatusStore;
import social.atoll.infra.db.Database;
import social.atoll.infra.events.EventBus;
import social.atoll.infra.jobs.JobQueue;
import social.atoll.infra.jobs.JobType;

/**
 * Keeps the {@code list_feed} table filled: one row per (list, status), written on fan-out like the home feed
 * ({@link ListStore#addToLists} holds the SQL).
 *
 * <p>Why a table and not a query over the members' statuses: a query {@code WHERE account_id IN (members) ORDER BY
 * id DESC LIMIT n} either walks the whole statuses index until it finds n rows of members, or reads every member's
 * statuses and sorts them — both grow with the size of the server or of the members' histories. The table makes a
 * list page one range scan of its primary key, like {@code home_feed}, and fan-out costs one INSERT … SELECT per new
 * status whose author is in any list. It also gives Mastodon's rules one place: who may receive the status
 * ({@link VisibilityPolicy#recipientCondition}), blocks, mutes and domain blocks of the owner, the list's
 * {@code replies_policy}, and boosts only when the owner shows that member's boosts.
 *
 * <p>Fan-out listens to {@link StatusEvents.StatusCreated} itself (a durable job, as home fan-out), so the home feed
 * code does not change; deleted statuses leave with their rows (foreign key).
 */
public final class ListFeed {

    /** Payload of the fan-out job. */
    public record Fanout(long statusId) {}

    public static final JobType<Fanout> FANOUT = JobType.local("list-feed.fanout", Fanout.class);

    /** How many of a member's latest statuses enter a list when they are added. */
    static final int BACKFILL = 40;

    private final Database db;
    private final ListStore store;
    private final StatusStore statuses;
    private final StatusRelations relations;
    private final JobQueue jobs;
    private final java.time.Clock clock;

    public ListFeed(Database db, ListStore store, StatusStore statuses, StatusRelations relations, JobQueue jobs, java.time.Clock clock) {
        this.db = db;
        this.store = store;
        this.statuses = statuses;
        this.relations = relations;
        this.jobs = jobs;
        this.clock = clock;
    }

    public void register(EventBus events) {
        jobs.register(FANOUT, job -> fanOut(job.statusId()));
        events.inTransaction(StatusEvents.StatusCreated.class, (h, e) -> {
            if (store.listed(h, e.status().accountId())) jobs.enqueue(FANOUT, Long.toString(e.status().id()), new Fanout(e.status().id()));
        });
    }

    /** One page of status ids of a list, newest first. */
    public List<Long> page(long listId, IdRange range) {
        return store.feedPage(listId, range);
    }

    /** Puts a new status into every list that holds its author, by the rules above. Idempotent. */
    void fanOut(long statusId) {
        Status s = statuses.byId(statusId).orElse(null);
        if (s == null) return;
        Status original = s.isReblog() ? statuses.byId(s.reblogOfId()).orElse(null) : null;
        if (s.isReblog() && original == null) return;
        List<Long> ids = original == null ? List.of(s.id()) : List.of(s.id(), original.id());
        Map<Long, List<Long>> mentions = relations.mentions(ids);
        db.write(h -> {
            add(h, s, original, null, mentions);
            return null;
        });
    }

    /** Brings a new member's latest statuses into the list (inside the membership transaction). */
    void backfill(long listId, long memberId) {
        db.write(h -> {
            List<Status> recent = statuses.latestOf(memberId, BACKFILL);
            if (recent.isEmpty()) return null;
            List<Long> originalIds = recent.stream().filter(Status::isReblog).map(Status::reblogOfId).toList();
            Map<Long, Status> originals = statuses.byIds(originalIds);
            List<Long> all = new ArrayList<>(recent.stream().map(Status::id).toList());
            all.addAll(originalIds);
            Map<Long, List<Long>> mentions = relations.mentions(all);
            for (Status s : recent.reversed()) {
                Status original = s.isReblog() ? originals.get(s.reblogOfId()) : null;
                if (s.isReblog() && original == null) continue;
                add(h, s, original, listId, mentions);
            }
            return null;
        });
    }

    private void add(Handle h, Status s, Status original, Long onlyList, Map<Long, List<Long>> mentions) {
        if (s.inReplyToUri() != null && s.inReplyToAccountId() == null) return; // reply to something unknown
        Set<Long> involved = new LinkedHashSet<>();
        involved.add(s.accountId());
        involved.addAll(mentions.getOrDefault(s.id(), List.of()));
        if (original != null) {
            involved.add(original.accountId());
            involved.addAll(mentions.getOrDefault(original.id(), List.of()));
        }
        store.addToLists(h, s, original, onlyList, involved, clock.instant());
    }
}
