package social.atoll.core.moderation;

import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;
import social.atoll.infra.db.Database;
import social.atoll.infra.ids.IdGenerator;

/** Reports that other servers send about local accounts (ActivityPub {@code Flag}), stored for the moderators. */
public final class RemoteReports {

    private final Database db;
    private final IdGenerator ids;
    private final Clock clock;
    private final FederationPolicy policy;
    private ModerationExtrasStore snapshots;

    /** Set once at wiring: where the reported posts are copied when a report arrives. */
    public void snapshots(ModerationExtrasStore store) { this.snapshots = store; }

    public RemoteReports(Database db, IdGenerator ids, Clock clock, FederationPolicy policy) {
        this.db = db;
        this.ids = ids;
        this.clock = clock;
        this.policy = policy;
    }

    /**
     * Stores a report by {@code reporterId} (the remote account or instance actor that sent it) about local
     * {@code targetId}, naming {@code statusIds} of the target; the same report {@code uri} is stored once. A report
     * from a domain whose block says {@code reject_reports} is dropped.
     */
    public void file(long reporterId, String reporterDomain, long targetId, List<Long> statusIds, String comment, String uri) {
        if (reporterDomain != null && policy.rejectsReports(reporterDomain)) return;
        String statuses = statusIds.stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(",", "[", "]"));
        db.write(h -> {
            if (uri != null && h.createQuery("SELECT COUNT(*) FROM reports WHERE uri = :u").bind("u", uri).mapTo(Integer.class).one() > 0)
                return null;
            long id = ids.next();
            h.createUpdate("""
                    INSERT INTO reports (id, account_id, target_account_id, comment, status_ids, uri, created_at, updated_at)
                    VALUES (:id, :a, :t, :comment, :statuses, :uri, :now, :now)""")
                    .bind("id", id).bind("a", reporterId).bind("t", targetId)
                    .bind("comment", comment == null ? "" : comment.length() > 5000 ? comment.substring(0, 5000) : comment)
                    .bind("statuses", statuses).bind("uri", uri).bind("now", clock.instant()).execute();
            if (snapshots != null) snapshots.snapshot(h, id, statusIds);
            return null;
        });
    }
}
