package social.atoll.core.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import social.atoll.infra.db.RecordMapper;
import social.atoll.infra.db.Database;
import social.atoll.infra.ids.IdGenerator;

/**
 * Server-side browser sessions: a random secret in the cookie, its SHA-256 in {@code web_sessions}. Keeping them
 * on the server makes signing out (or an admin disabling a user) take effect at once, on every node.
 */
public final class WebSessionStore {

    /** How long a sign-in lasts; the browser is asked to forget the cookie at the same moment. */
    public static final Duration LIFETIME = Duration.ofDays(14);

    private static final RowMapper<WebSession> SESSION = RecordMapper.of(WebSession.class);

    /** A new session and the secret for its cookie (shown once, never stored). */
    public record Created(String secret, WebSession session) {}

    private final Database db;
    private final IdGenerator ids;
    private final Clock clock;

    public WebSessionStore(Database db, IdGenerator ids, Clock clock) {
        this.db = db;
        this.ids = ids;
        this.clock = clock;
    }

    /** Signs a user in: a new session, the user's last sign-in time, and expired sessions swept. */
    public Created create(long userId, long accountId, String ip, String userAgent) {
        String secret = Tokens.random();
        long id = ids.next();
        Instant now = clock.instant();
        WebSession session = new WebSession(id, userId, accountId, now, now.plus(LIFETIME));
        db.write(h -> {
            h.createUpdate("DELETE FROM web_sessions WHERE expires_at < :now").bind("now", now).execute();
            h.createUpdate("""
                            INSERT INTO web_sessions (id, token_hash, user_id, ip, user_agent, created_at, expires_at)
                            VALUES (:id, :hash, :user, :ip, :ua, :now, :expires)""")
                    .bind("id", id).bind("hash", Tokens.sha256(secret)).bind("user", userId).bind("ip", ip)
                    .bind("ua", userAgent == null ? null : userAgent.substring(0, Math.min(userAgent.length(), 500)))
                    .bind("now", now).bind("expires", session.expiresAt()).execute();
            return h.createUpdate("UPDATE users SET last_sign_in_at = :now WHERE id = :user").bind("now", now).bind("user", userId).execute();
        });
        return new Created(secret, session);
    }

    /** The unexpired session with this secret, if any. */
    public Optional<WebSession> find(String secret) {
        if (secret == null || secret.isBlank()) return Optional.empty();
        return db.read(h -> h.createQuery("""
                        SELECT s.id, s.user_id, u.account_id, s.created_at, s.expires_at
                        FROM web_sessions s JOIN users u ON u.id = s.user_id
                        WHERE s.token_hash = :hash AND s.expires_at > :now""")
                .bind("hash", Tokens.sha256(secret)).bind("now", clock.instant()).map(SESSION).findOne());
    }

    /** Ends the session with this secret (sign-out); unknown secrets are ignored. */
    public void delete(String secret) {
        if (secret == null || secret.isBlank()) return;
        db.write(h -> h.createUpdate("DELETE FROM web_sessions WHERE token_hash = :hash").bind("hash", Tokens.sha256(secret)).execute());
    }

    /** Ends every browser session of the user of {@code accountId}. */
    public void deleteAllOf(org.jdbi.v3.core.Handle h, long accountId) {
        h.createUpdate("DELETE FROM web_sessions WHERE user_id IN (SELECT id FROM users WHERE account_id = :a)").bind("a", accountId).execute();
    }
}
