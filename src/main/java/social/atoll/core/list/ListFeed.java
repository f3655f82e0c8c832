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
 * The {@code list_feed} table: one row per (list, status), filled on write like the home feed.
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
    private final StatusStore statuses;
    private final StatusRelations relations;
    private final VisibilityPolicy visibility;
    private final JobQueue jobs;
    private final java.time.Clock clock;

    public ListFeed(Database db, StatusStore statuses, StatusRelations relations, VisibilityPolicy visibility, JobQueue jobs, java.time.Clock clock) {
        this.db = db;
        this.statuses = statuses;
        this.relations = relations;
        this.visibility = visibility;
        this.jobs = jobs;
        this.clock = clock;
    }

    public void register(EventBus events) {
        jobs.register(FANOUT, job -> fanOut(job.statusId()));
        events.inTransaction(StatusEvents.StatusCreated.class, (h, e) -> {
            boolean listed = h.createQuery("SELECT COUNT(*) FROM list_accounts WHERE account_id = :a")
                    .bind("a", e.status().accountId()).mapTo(Integer.class).one() > 0;
            if (listed) jobs.enqueue(FANOUT, Long.toString(e.status().id()), new Fanout(e.status().id()));
        });
    }

    /** One page of status ids of a list, newest first. */
    public List<Long> page(long listId, IdRange range) {
        return range.newestFirst(db.read(h -> range.bind(h.createQuery(
                        "SELECT status_id FROM list_feed WHERE list_id = :l" + range.conditions("status_id") + range.orderAndLimit("status_id"))
                .bind("l", listId)).mapTo(Long.class).list()));
    }

    /** Puts a new status into every list that holds its author, by the rules above. Idempotent. */
    void fanOut(long statusId) {
        Status s = statuses.byId(statusId).orElse(null);
        if (s == null) return;
        Status original = s.isReblog() ? statuses.byId(s.reblogOfId()).orElse(null) : null;
        if (s.isReblog() && original == null) return;
        List<Long> ids = original == null ? List.of(s.id()) : List.of(s.id(), original.id());
        Map<Long, List<Long>> mentions = relations.mentions(ids);
        db.write(h -> add(h, s, original, null, mentions));
    }

    /** Brings a new member's latest statuses into the list (inside the membership transaction). */
    void backfill(long listId, long memberId) {
        db.write(h -> {
            List<Status> recent = h.createQuery("SELECT * FROM statuses WHERE account_id = :a AND deleted_at IS NULL ORDER BY id DESC LIMIT :n")
                    .bind("a", memberId).bind("n", BACKFILL).map(StatusStore.STATUS).list();
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

    private int add(Handle h, Status s, Status original, Long onlyList, Map<Long, List<Long>> mentions) {
        if (s.inReplyToUri() != null && s.inReplyToAccountId() == null) return 0; // reply to something unknown
        Set<Long> involved = new LinkedHashSet<>();
        involved.add(s.accountId());
        involved.addAll(mentions.getOrDefault(s.id(), List.of()));
        if (original != null) {
            involved.add(original.accountId());
            involved.addAll(mentions.getOrDefault(original.id(), List.of()));
        }
        StringBuilder sql = new StringBuilder("""
                INSERT INTO list_feed (list_id, status_id, author_id, reblog_of_id)
                SELECT l.id, :status_id, :author, :reblog_of
                  FROM list_accounts la JOIN lists l ON l.id = la.list_id
                  JOIN follows f ON f.account_id = l.account_id AND f.target_account_id = la.account_id
                 WHERE la.account_id = :author""");
        if (onlyList != null) sql.append(" AND l.id = :only_list");
        sql.append(" AND ").append(visibility.recipientCondition(s, "l.account_id"));
        sql.append(" AND NOT EXISTS (SELECT 1 FROM blocks b WHERE b.account_id = l.account_id AND b.target_account_id IN (<involved>))");
        sql.append(" AND NOT EXISTS (SELECT 1 FROM mutes m WHERE m.account_id = l.account_id AND m.target_account_id IN (<involved>)")
                .append(" AND (m.expires_at IS NULL OR m.expires_at > :now))");
        sql.append(" AND NOT EXISTS (SELECT 1 FROM account_domain_blocks adb JOIN accounts ia ON ia.domain = adb.domain")
                .append(" WHERE adb.account_id = l.account_id AND ia.id IN (<involved>))");
        boolean replyToOther = s.inReplyToAccountId() != null && s.inReplyToAccountId() != s.accountId();
        if (replyToOther) {
            // replies to the owner always; otherwise as the list's replies_policy says
            sql.append(" AND (l.account_id = :reply_to")
                    .append(" OR (l.replies_policy = 'followed' AND EXISTS (SELECT 1 FROM follows f2 WHERE f2.account_id = l.account_id AND f2.target_account_id = :reply_to))")
                    .append(" OR (l.replies_policy = 'list' AND EXISTS (SELECT 1 FROM list_accounts la2 WHERE la2.list_id = l.id AND la2.account_id = :reply_to)))");
        }
        if (original != null) {
            sql.append(" AND f.show_reblogs = TRUE")
                    .append(" AND NOT EXISTS (SELECT 1 FROM blocks ob WHERE ob.account_id = :original_author AND ob.target_account_id = l.account_id)")
                    .append(" AND NOT EXISTS (SELECT 1 FROM list_feed lf WHERE lf.list_id = l.id AND (lf.status_id = :original OR lf.reblog_of_id = :original))");
        }
        sql.append(" ON CONFLICT DO NOTHING");
        var u = h.createUpdate(sql.toString())
                .bind("status_id", s.id()).bind("author", s.accountId()).bind("reblog_of", s.reblogOfId())
                .bindList("involved", new ArrayList<>(involved)).bind("now", clock.instant());
        if (onlyList != null) u.bind("only_list", onlyList.longValue());
        if (replyToOther) u.bind("reply_to", s.inReplyToAccountId().longValue());
        if (original != null) u.bind("original_author", original.accountId()).bind("original", original.id());
        return u.execute();
    }
}
