package social.atoll.core.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
    private static final String COLUMNS = "s.id, s.user_id, u.account_id, s.ip, s.user_agent, s.created_at, s.last_active_at, s.expires_at";

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
        String ua = userAgent == null ? null : userAgent.substring(0, Math.min(userAgent.length(), 500));
        WebSession session = new WebSession(id, userId, accountId, ip, ua, now, now, now.plus(LIFETIME));
        db.write(h -> {
            h.createUpdate("DELETE FROM web_sessions WHERE expires_at < :now").bind("now", now).execute();
            h.createUpdate("""
                            INSERT INTO web_sessions (id, token_hash, user_id, ip, user_agent, created_at, last_active_at, expires_at)
                            VALUES (:id, :hash, :user, :ip, :ua, :now, :now, :expires)""")
                    .bind("id", id).bind("hash", Tokens.sha256(secret)).bind("user", userId).bind("ip", ip)
                    .bind("ua", ua)
                    .bind("now", now).bind("expires", session.expiresAt()).execute();
            return h.createUpdate("UPDATE users SET last_sign_in_at = :now WHERE id = :user").bind("now", now).bind("user", userId).execute();
        });
        return new Created(secret, session);
    }

    /** The unexpired session with this secret, if any. */
    public Optional<WebSession> find(String secret) {
        if (secret == null || secret.isBlank()) return Optional.empty();
        return db.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM web_sessions s JOIN users u ON u.id = s.user_id"
                        + " WHERE s.token_hash = :hash AND s.expires_at > :now")
                .bind("hash", Tokens.sha256(secret)).bind("now", clock.instant()).map(SESSION).findOne());
    }

    /** The unexpired sessions of a user, most recently active first. */
    public List<WebSession> ofUser(long userId) {
        return db.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM web_sessions s JOIN users u ON u.id = s.user_id"
                        + " WHERE s.user_id = :user AND s.expires_at > :now"
                        + " ORDER BY COALESCE(s.last_active_at, s.created_at) DESC, s.id DESC")
                .bind("user", userId).bind("now", clock.instant()).map(SESSION).list());
    }

    /** Records that the session was used now, from {@code ip}. */
    public void touch(long id, String ip, Instant now) {
        db.write(h -> h.createUpdate("UPDATE web_sessions SET last_active_at = :now, ip = COALESCE(:ip, ip) WHERE id = :id")
                .bind("now", now).bind("ip", ip).bind("id", id).execute());
    }

    /** Ends one session of a user; false when it was not theirs or is gone. */
    public boolean delete(long userId, long id) {
        return db.write(h -> h.createUpdate("DELETE FROM web_sessions WHERE id = :id AND user_id = :user")
                .bind("id", id).bind("user", userId).execute()) > 0;
    }

    /** Ends every session of a user except {@code keepId}; answers how many ended. */
    public int deleteOthers(long userId, long keepId) {
        return db.write(h -> h.createUpdate("DELETE FROM web_sessions WHERE user_id = :user AND id <> :keep")
                .bind("user", userId).bind("keep", keepId).execute());
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
