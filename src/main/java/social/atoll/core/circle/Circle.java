package social.atoll.core.circle;

import java.time.Instant;

/**
 * A named set of the owner's followers a post can be shared with (diaspora*'s aspects, the circles of Fedibird and
 * kmyblue). Mirrors the {@code circles} table.
 */
public record Circle(long id, long accountId, String title, Instant createdAt) {}
