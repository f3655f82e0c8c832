package social.atoll.core.moderation;

import java.time.Instant;

/** One row of the audit log: who ({@code accountId}, null for the system), did what, to which target, when. */
public record ActionLog(long id, Long accountId, String action, String targetType, long targetId, String humanIdentifier,
                        String details, Instant createdAt) {}
