package social.atoll.core.auth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import social.atoll.core.account.Account;
import social.atoll.core.account.User;
import social.atoll.infra.db.Database;
import social.atoll.infra.db.RecordMapper;

/**
 * SQL for {@code oauth_apps}, {@code oauth_codes} and {@code oauth_tokens}. Codes and tokens are stored as hashes
 * only. Methods taking a {@link Handle} join the caller's transaction.
 */
public final class OAuthStore {

    /** A token row with its hash and revocation. */
    public record StoredToken(long id, String tokenHash, Long appId, Long accountId, String scopes, Instant revokedAt, Instant createdAt) {}

    /** An authorization code row. */
    public record Code(long id, long appId, long accountId, String redirectUri, String scopes, String codeChallenge,
                       String codeChallengeMethod, Instant expiresAt, Instant usedAt) {}

    private static final RowMapper<OAuthApp> APP = RecordMapper.of(OAuthApp.class);
    private static final RowMapper<AccessToken> TOKEN = RecordMapper.of(AccessToken.class);
    private static final RowMapper<StoredToken> STORED = RecordMapper.of(StoredToken.class);
    private static final RowMapper<Code> CODE = RecordMapper.of(Code.class);
    private static final RowMapper<AppToken> APP_TOKEN = RecordMapper.of(AppToken.class);

    private final Database db;

    public OAuthStore(Database db) { this.db = db; }

    // ---- oauth_apps ----

    public void insertApp(long id, String name, String website, String redirectUris, String scopes, String clientId,
                          String clientSecret, Instant now) {
        db.write(h -> h.createUpdate("""
                        INSERT INTO oauth_apps (id, name, website, redirect_uris, scopes, client_id, client_secret, created_at)
                        VALUES (:id, :name, :website, :uris, :scopes, :cid, :secret, :now)""")
                .bind("id", id).bind("name", name).bind("website", website)
                .bind("uris", redirectUris).bind("scopes", scopes)
                .bind("cid", clientId).bind("secret", clientSecret).bind("now", now).execute());
    }

    public Optional<OAuthApp> appById(long id) {
        return db.read(h -> h.createQuery("SELECT * FROM oauth_apps WHERE id = :id").bind("id", id).map(APP).findOne());
    }

    public Optional<OAuthApp> appByClientId(String clientId) {
        return db.read(h -> h.createQuery("SELECT * FROM oauth_apps WHERE client_id = :c").bind("c", clientId).map(APP).findOne());
    }

    /** The first app without an owner that has this name and these redirect URIs. */
    public Optional<OAuthApp> unownedApp(Handle h, String name, String redirectUris) {
        return h.createQuery("SELECT * FROM oauth_apps WHERE name = :n AND owner_account_id IS NULL AND redirect_uris = :oob ORDER BY id LIMIT 1")
                .bind("n", name).bind("oob", redirectUris).map(APP).findOne();
    }

    // ---- oauth_codes ----

    /** Stores a code, first forgetting the codes expired by {@code now}. */
    public void insertCode(long id, String codeHash, long appId, long accountId, String redirectUri, String scopes,
                           String codeChallenge, String codeChallengeMethod, Instant expiresAt, Instant now) {
        db.write(h -> {
            h.createUpdate("DELETE FROM oauth_codes WHERE expires_at < :now").bind("now", now).execute();
            return h.createUpdate("""
                            INSERT INTO oauth_codes (id, code_hash, app_id, account_id, redirect_uri, scopes, code_challenge,
                              code_challenge_method, expires_at, created_at)
                            VALUES (:id, :hash, :app, :account, :redirect, :scopes, :challenge, :method, :expires, :now)""")
                    .bind("id", id).bind("hash", codeHash).bind("app", appId).bind("account", accountId)
                    .bind("redirect", redirectUri).bind("scopes", scopes).bind("challenge", codeChallenge)
                    .bind("method", codeChallengeMethod).bind("expires", expiresAt).bind("now", now)
                    .execute();
        });
    }

    public Optional<Code> codeByHash(Handle h, String codeHash) {
        return h.createQuery("""
                        SELECT id, app_id, account_id, redirect_uri, scopes, code_challenge, code_challenge_method,
                          expires_at, used_at
                        FROM oauth_codes WHERE code_hash = :hash""")
                .bind("hash", codeHash).map(CODE).findOne();
    }

    /** Marks a code used; false when it was used already. */
    public boolean useCode(Handle h, long id, Instant now) {
        return h.createUpdate("UPDATE oauth_codes SET used_at = :now WHERE id = :id AND used_at IS NULL")
                .bind("now", now).bind("id", id).execute() == 1;
    }

    // ---- oauth_tokens ----

    public void insertToken(long id, String tokenHash, Long appId, Long accountId, String scopes, Instant now) {
        db.write(h -> h.createUpdate("""
                        INSERT INTO oauth_tokens (id, token_hash, app_id, account_id, scopes, created_at)
                        VALUES (:id, :hash, :app, :account, :scopes, :now)""")
                .bind("id", id).bind("hash", tokenHash).bind("app", appId).bind("account", accountId)
                .bind("scopes", scopes).bind("now", now).execute());
    }

    /** The live tokens of an app for an account (null: its app tokens), newest first. */
    public List<StoredToken> liveTokens(Handle h, long appId, Long accountId) {
        String sql = "SELECT id, token_hash, app_id, account_id, scopes, revoked_at, created_at FROM oauth_tokens "
                + "WHERE app_id = :app AND " + (accountId == null ? "account_id IS NULL" : "account_id = :account")
                + " AND revoked_at IS NULL ORDER BY id DESC";
        var q = h.createQuery(sql).bind("app", appId);
        if (accountId != null) q.bind("account", accountId);
        return q.map(STORED).list();
    }

    /** A live token and when it was last used (null: never, or not since it was issued). */
    public record LiveToken(AccessToken token, Instant lastUsedAt) {}

    /** The live token with this hash. */
    public Optional<LiveToken> liveToken(String tokenHash) {
        return db.read(h -> h.createQuery("""
                        SELECT id, app_id, account_id, scopes, created_at, last_used_at FROM oauth_tokens
                        WHERE token_hash = :hash AND revoked_at IS NULL""")
                .bind("hash", tokenHash)
                .map((rs, ctx) -> new LiveToken(TOKEN.map(rs, ctx), instant(rs.getObject("last_used_at"))))
                .findOne());
    }

    /** A live token with its account and that account's user; both null for an app token or a vanished owner. */
    public record Bearer(LiveToken live, Account account, User user) {}

    private static final RowMapper<AccessToken> BEARER_TOKEN = RecordMapper.of(AccessToken.class, "tok_");
    private static final RowMapper<Account> BEARER_ACCOUNT = RecordMapper.of(Account.class);
    private static final RowMapper<User> BEARER_USER = RecordMapper.of(User.class, "u_");
    private static final String BEARER_SQL = "SELECT " + RecordMapper.columns(AccessToken.class, "t", "tok_")
            + ", t.last_used_at AS tok_last_used_at, a.*, " + RecordMapper.columns(User.class, "u", "u_")
            + " FROM oauth_tokens t"
            + " LEFT JOIN accounts a ON a.id = t.account_id"
            + " LEFT JOIN users u ON u.account_id = t.account_id"
            + " WHERE t.token_hash = :hash AND t.revoked_at IS NULL";

    /**
     * The live token with this hash, with its account and user, in one statement: every API request starts here,
     * and three lookups were three statements to compile and run (issue 16).
     */
    public Optional<Bearer> liveBearer(String tokenHash) {
        return db.read(h -> h.createQuery(BEARER_SQL)
                .bind("hash", tokenHash)
                .map((rs, ctx) -> new Bearer(
                        new LiveToken(BEARER_TOKEN.map(rs, ctx), instant(rs.getObject("tok_last_used_at"))),
                        rs.getObject("id") == null ? null : BEARER_ACCOUNT.map(rs, ctx),
                        rs.getObject("u_id") == null ? null : BEARER_USER.map(rs, ctx)))
                .findOne());
    }

    public void touchToken(long id, Instant now) {
        db.write(h -> h.createUpdate("UPDATE oauth_tokens SET last_used_at = :now WHERE id = :id").bind("now", now).bind("id", id).execute());
    }

    /** One live user token with its app, for the authorized-apps page. */
    public record AppToken(long tokenId, long appId, String appName, String website, String scopes, Instant createdAt, Instant lastUsedAt) {}

    /** The live tokens an account gave to apps, oldest first. */
    public List<AppToken> appTokens(long accountId) {
        return db.read(h -> h.createQuery("""
                        SELECT t.id AS token_id, t.app_id, a.name AS app_name, a.website, t.scopes, t.created_at, t.last_used_at
                        FROM oauth_tokens t JOIN oauth_apps a ON a.id = t.app_id
                        WHERE t.account_id = :account AND t.revoked_at IS NULL ORDER BY t.id""")
                .bind("account", accountId).map(APP_TOKEN).list());
    }

    /** Drops the authorization codes an app holds for an account, so none can still be exchanged for a token. */
    public void deleteCodes(Handle h, long appId, long accountId) {
        h.createUpdate("DELETE FROM oauth_codes WHERE app_id = :app AND account_id = :account")
                .bind("app", appId).bind("account", accountId).execute();
    }

    private static Instant instant(Object millis) {
        return millis instanceof Number n ? Instant.ofEpochMilli(n.longValue()) : null;
    }

    /** The token with this hash, revoked or not. */
    public Optional<StoredToken> tokenByHash(Handle h, String tokenHash) {
        return h.createQuery("""
                        SELECT id, token_hash, app_id, account_id, scopes, revoked_at, created_at FROM oauth_tokens
                        WHERE token_hash = :hash""")
                .bind("hash", tokenHash).map(STORED).findOne();
    }

    public void revokeToken(Handle h, long id, Instant now) {
        h.createUpdate("UPDATE oauth_tokens SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
                .bind("now", now).bind("id", id).execute();
    }

    /** Revokes every live token of {@code accountId} (a suspension signs the person out everywhere). */
    public int revokeAllOf(Handle h, long accountId, Instant now) {
        return h.createUpdate("UPDATE oauth_tokens SET revoked_at = :now WHERE account_id = :a AND revoked_at IS NULL")
                .bind("now", now).bind("a", accountId).execute();
    }
}
