package social.atoll.core.auth;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.core.mapper.RowMapper;
import social.atoll.infra.db.Database;
import social.atoll.infra.ids.IdGenerator;

/** Issuing, finding and revoking access tokens. The plain token is returned once; only its SHA-256 is stored. */
public final class TokenService {

    private static final RowMapper<AccessToken> TOKEN = ConstructorMapper.of(AccessToken.class);

    /** A token as issued: the secret to hand out, and its stored row. */
    public record Issued(String token, AccessToken row) {}

    private final Database db;
    private final IdGenerator ids;
    private final Clock clock;

    public TokenService(Database db, IdGenerator ids, Clock clock) {
        this.db = db;
        this.ids = ids;
        this.clock = clock;
    }

    /** Issues a token for an app, on behalf of an account (null for an app token). */
    public Issued issue(Long appId, Long accountId, Set<String> scopes) {
        String token = Tokens.random();
        long id = ids.next();
        var now = clock.instant();
        db.write(h -> h.createUpdate("""
                        INSERT INTO oauth_tokens (id, token_hash, app_id, account_id, scopes, created_at)
                        VALUES (:id, :hash, :app, :account, :scopes, :now)""")
                .bind("id", id).bind("hash", Tokens.sha256(token)).bind("app", appId).bind("account", accountId)
                .bind("scopes", Scopes.join(scopes)).bind("now", now).execute());
        return new Issued(token, new AccessToken(id, appId, accountId, Scopes.join(scopes), now));
    }

    /** The live token with this secret, if any. */
    public Optional<AccessToken> find(String token) {
        if (token == null || token.isBlank()) return Optional.empty();
        return db.read(h -> h.createQuery("""
                        SELECT id, app_id, account_id, scopes, created_at FROM oauth_tokens
                        WHERE token_hash = :hash AND revoked_at IS NULL""")
                .bind("hash", Tokens.sha256(token)).map(TOKEN).findOne());
    }

    /** Revokes the token with this secret if it belongs to the app; true if one was revoked. */
    public boolean revoke(String token, long appId) {
        return db.write(h -> h.createUpdate("UPDATE oauth_tokens SET revoked_at = :now WHERE token_hash = :hash AND app_id = :app AND revoked_at IS NULL")
                .bind("now", clock.instant()).bind("hash", Tokens.sha256(token)).bind("app", appId).execute()) > 0;
    }
}
