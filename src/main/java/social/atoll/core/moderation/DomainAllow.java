package social.atoll.core.moderation;

import java.time.Instant;

/** A server allowed in limited federation mode (Mastodon's {@code DomainAllow}). */
public record DomainAllow(long id, String domain, Instant createdAt) {}
