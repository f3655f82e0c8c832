package social.atoll.core.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import social.atoll.infra.db.RecordMapper;
import social.atoll.infra.db.Database;
import social.atoll.infra.events.EventBus;
import social.atoll.infra.ids.IdGenerator;

/**
 * Issuing, finding and revoking access tokens. Only a token's SHA-256 is stored.
 *
 * <p>Mastodon hands a client the token it already holds when the same app asks again for the same user and
 * scopes (Doorkeeper's {@code reuse_access_token}), which needs the plain token back. So a token is not stored
 * random bytes but an HMAC of its row id under a server key: the database alone still reveals no token, and the
 * server can recompute an existing one. A token whose recomputation no longer matches (the key was changed) is
 * simply never reused.
 */
public final class TokenService {

    private static final RowMapper<AccessToken> TOKEN = RecordMapper.of(AccessToken.class);

    /** A token as issued: the secret to hand out, and its stored row. */
    public record Issued(String token, AccessToken row) {}

    /** What {@link #revoke} did. */
    public enum RevokeOutcome { REVOKED, UNKNOWN, NOT_OWNED }

    private record Stored(long id, String tokenHash, Long appId, Long accountId, String scopes, Instant revokedAt, Instant createdAt) {}

    private static final RowMapper<Stored> STORED = RecordMapper.of(Stored.class);

    private final Database db;
    private final IdGenerator ids;
    private final Clock clock;
    private final EventBus events;
    private final byte[] tokenKey;

    /** {@code serverKey} is the installation's secret (the cookie key); a sub-key is derived from it. */
    public TokenService(Database db, IdGenerator ids, Clock clock, EventBus events, byte[] serverKey) {
        this.db = db;
        this.ids = ids;
        this.clock = clock;
        this.events = events;
        this.tokenKey = Tokens.hmac(serverKey, "atoll oauth access tokens v1");
    }

    /** Issues a new token for an app, on behalf of an account (null for an app token). */
    public Issued issue(Long appId, Long accountId, Set<String> scopes) {
        long id = ids.next();
        String token = secretFor(id);
        Instant now = clock.instant();
        db.write(h -> h.createUpdate("""
                        INSERT INTO oauth_tokens (id, token_hash, app_id, account_id, scopes, created_at)
                        VALUES (:id, :hash, :app, :account, :scopes, :now)""")
                .bind("id", id).bind("hash", Tokens.sha256(token)).bind("app", appId).bind("account", accountId)
                .bind("scopes", Scopes.join(scopes)).bind("now", now).execute());
        return new Issued(token, new AccessToken(id, appId, accountId, Scopes.join(scopes), now));
    }

    /** The live token this app already holds for this account (null: app token) with exactly these scopes, else a new one. */
    public Issued issueOrReuse(long appId, Long accountId, Set<String> scopes) {
        return db.write(h -> matching(h, appId, accountId, scopes)
                .map(s -> new Issued(secretFor(s.id()), new AccessToken(s.id(), s.appId(), s.accountId(), s.scopes(), s.createdAt())))
                .orElseGet(() -> issue(appId, accountId, scopes)));
    }

    /** True when the account already gave this app a live token with exactly these scopes (consent can be skipped). */
    public boolean hasMatching(long appId, long accountId, Set<String> scopes) {
        return db.read(h -> matching(h, appId, accountId, scopes).isPresent());
    }

    private Optional<Stored> matching(Handle h, long appId, Long accountId, Set<String> scopes) {
        String sql = "SELECT id, token_hash, app_id, account_id, scopes, revoked_at, created_at FROM oauth_tokens "
                + "WHERE app_id = :app AND " + (accountId == null ? "account_id IS NULL" : "account_id = :account")
                + " AND revoked_at IS NULL ORDER BY id DESC";
        var q = h.createQuery(sql).bind("app", appId);
        if (accountId != null) q.bind("account", accountId);
        List<Stored> live = q.map(STORED).list();
        return live.stream()
                .filter(s -> Scopes.parse(s.scopes()).equals(scopes))
                .filter(s -> Tokens.same(s.tokenHash(), Tokens.sha256(secretFor(s.id()))))
                .findFirst();
    }

    /** The live token with this secret, if any. */
    public Optional<AccessToken> find(String token) {
        if (token == null || token.isBlank()) return Optional.empty();
        return db.read(h -> h.createQuery("""
                        SELECT id, app_id, account_id, scopes, created_at FROM oauth_tokens
                        WHERE token_hash = :hash AND revoked_at IS NULL""")
                .bind("hash", Tokens.sha256(token)).map(TOKEN).findOne());
    }

    /**
     * Revokes the token with this secret on behalf of the app that holds it. An unknown token is not an error
     * (RFC 7009); a token of another app is refused and left alone. Revoking twice is harmless.
     */
    public RevokeOutcome revoke(String token, long appId) {
        if (token == null || token.isBlank()) return RevokeOutcome.UNKNOWN;
        return db.write(h -> {
            Optional<Stored> found = h.createQuery("""
                            SELECT id, token_hash, app_id, account_id, scopes, revoked_at, created_at FROM oauth_tokens
                            WHERE token_hash = :hash""")
                    .bind("hash", Tokens.sha256(token)).map(STORED).findOne();
            if (found.isEmpty()) return RevokeOutcome.UNKNOWN;
            Stored s = found.get();
            if (s.appId() != null && s.appId() != appId) return RevokeOutcome.NOT_OWNED;
            if (s.revokedAt() == null) {
                h.createUpdate("UPDATE oauth_tokens SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
                        .bind("now", clock.instant()).bind("id", s.id()).execute();
                events.publish(new AuthEvents.TokenRevoked(s.id(), s.appId(), s.accountId()));
            }
            return RevokeOutcome.REVOKED;
        });
    }

    private String secretFor(long tokenId) { return Tokens.hmacText(tokenKey, "token:" + tokenId); }
}
