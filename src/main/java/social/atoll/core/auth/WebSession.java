package social.atoll.core.auth;

import java.time.Instant;

/** A browser signed in to this server's own pages. Mirrors {@code web_sessions} (without the secret's hash). */
public record WebSession(long id, long userId, long accountId, Instant createdAt, Instant expiresAt) {}
