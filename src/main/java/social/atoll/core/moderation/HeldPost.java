package social.atoll.core.moderation;

import java.time.Instant;

/** A remote post waiting for review: its author, how many local people it mentions, when it was held. */
public record HeldPost(long statusId, long accountId, int mentions, Instant createdAt) {}
