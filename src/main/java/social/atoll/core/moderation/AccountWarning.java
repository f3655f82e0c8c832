package social.atoll.core.moderation;

import java.time.Instant;
import java.util.List;

/** A strike (Mastodon's {@code AccountWarning}): the action taken against a local account, why, and about which posts. */
public record AccountWarning(long id, Long accountId, long targetAccountId, String action, String text, List<Long> statusIds,
                             Long reportId, Instant overruledAt, Instant createdAt) {}
