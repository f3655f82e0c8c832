package social.atoll.core.moderation;

import java.time.Instant;
import java.util.List;

/** A report of an account (and some of its statuses) to the moderators. */
public record Report(long id, long accountId, long targetAccountId, String category, String comment, List<Long> statusIds,
                     List<Long> ruleIds, boolean forwarded, Instant actionTakenAt, Instant createdAt) {

    public static final java.util.Set<String> CATEGORIES = java.util.Set.of("spam", "legal", "violation", "other");
}
