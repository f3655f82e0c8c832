package social.atoll.core.migration;

import java.time.Instant;

/**
 * A Move this server carried out (a local account left) or accepted (a remote account announced it left): the
 * account, where it went, how many followers it had then, and when its local followers were moved over.
 */
public record AccountMove(long id, long accountId, long targetAccountId, int followersCount, Instant createdAt, Instant completedAt) {}
