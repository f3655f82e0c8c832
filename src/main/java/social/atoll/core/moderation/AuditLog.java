package social.atoll.core.moderation;

import java.util.List;

/** Reading the audit log of staff actions ({@code view_audit_log}); the rows are written by each action's service. */
public final class AuditLog {

    public static final int MAX_PAGE = 100;

    private final ActionLogStore log;

    public AuditLog(ActionLogStore log) { this.log = log; }

    /** Newest first, {@code limit} rows (at most {@link #MAX_PAGE}) older than {@code maxId} when given. */
    public List<ActionLog> page(StaffAccess.Actor actor, Long maxId, int limit) {
        StaffAccess.require(actor, Permission.VIEW_AUDIT_LOG);
        return log.list(null, null, maxId, Math.max(1, Math.min(limit, MAX_PAGE)));
    }
}
