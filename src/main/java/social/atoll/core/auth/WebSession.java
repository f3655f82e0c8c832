package social.atoll.core.auth;

import java.time.Instant;

/**
 * A browser signed in to this server's own pages. Mirrors {@code web_sessions} (without the secret's hash):
 * {@code ip} is the address it was last seen from, {@code lastActiveAt} when (to within a few minutes; null until
 * first seen after sign-in).
 */
public record WebSession(long id, long userId, long accountId, String ip, String userAgent, Instant createdAt,
                         Instant lastActiveAt, Instant expiresAt) {

    /** When it was last used: its last activity, or its sign-in. */
    public Instant lastSeen() { return lastActiveAt == null ? createdAt : lastActiveAt; }
}
