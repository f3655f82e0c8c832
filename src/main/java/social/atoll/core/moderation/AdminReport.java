package social.atoll.core.moderation;

import java.time.Instant;
import java.util.List;

/** A report as staff see it: the report and its handling (assignment, resolution). */
public record AdminReport(long id, long accountId, long targetAccountId, String category, String comment, List<Long> statusIds,
                          List<Long> ruleIds, boolean forwarded, Instant actionTakenAt, Long actionTakenByAccountId,
                          Long assignedAccountId, Instant createdAt, Instant updatedAt) {

    public boolean resolved() { return actionTakenAt != null; }
}
