package social.atoll.core.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
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

    /** A token as issued: the secret to hand out, and its stored row. */
    public record Issued(String token, AccessToken row) {}

    /** How stale a token's recorded last use may get before a request refreshes it. */
    static final java.time.Duration USE_STEP = java.time.Duration.ofHours(1);

    /** What {@link #revoke} did. */
    public enum RevokeOutcome { REVOKED, UNKNOWN, NOT_OWNED }

    private final Database db;
    private final OAuthStore store;
    private final IdGenerator ids;
    private final Clock clock;
    private final EventBus events;
    private final byte[] tokenKey;

    /** {@code serverKey} is the installation's secret (the cookie key); a sub-key is derived from it. */
    public TokenService(Database db, OAuthStore store, IdGenerator ids, Clock clock, EventBus events, byte[] serverKey) {
        this.db = db;
        this.store = store;
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
        store.insertToken(id, Tokens.sha256(token), appId, accountId, Scopes.join(scopes), now);
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

    private Optional<OAuthStore.StoredToken> matching(Handle h, long appId, Long accountId, Set<String> scopes) {
        List<OAuthStore.StoredToken> live = store.liveTokens(h, appId, accountId);
        return live.stream()
                .filter(s -> Scopes.parse(s.scopes()).equals(scopes))
                .filter(s -> Tokens.same(s.tokenHash(), Tokens.sha256(secretFor(s.id()))))
                .findFirst();
    }

    /**
     * The live token with this secret, if any. Using it records when, for the authorized-apps page: at most once per
     * {@link #USE_STEP}, so an API request does not turn into a write.
     */
    public Optional<AccessToken> find(String token) {
        if (token == null || token.isBlank()) return Optional.empty();
        return store.liveToken(Tokens.sha256(token)).map(live -> {
            Instant now = clock.instant();
            if (live.lastUsedAt() == null || live.lastUsedAt().plus(USE_STEP).isBefore(now)) store.touchToken(live.token().id(), now);
            return live.token();
        });
    }

    /** A live token with its owner: account and user are null for an app token, or when the owner is gone. */
    public record Owned(AccessToken token, social.atoll.core.account.Account account, social.atoll.core.account.User user) {}

    /** As {@link #find}, with the token's account and user read in the same statement. */
    public Optional<Owned> findWithOwner(String token) {
        if (token == null || token.isBlank()) return Optional.empty();
        return store.liveBearer(Tokens.sha256(token)).map(b -> {
            Instant now = clock.instant();
            OAuthStore.LiveToken live = b.live();
            if (live.lastUsedAt() == null || live.lastUsedAt().plus(USE_STEP).isBefore(now)) store.touchToken(live.token().id(), now);
            return new Owned(live.token(), b.account(), b.user());
        });
    }

    /**
     * Signs an app out of an account: every live token the account gave it is revoked (each announced as on
     * {@code /oauth/revoke}, so its streams close and its push subscription goes) and its unused authorization codes
     * are dropped. Answers how many tokens were revoked.
     */
    public int revokeApp(long appId, long accountId) {
        return db.write(h -> {
            List<OAuthStore.StoredToken> live = store.liveTokens(h, appId, accountId);
            Instant now = clock.instant();
            for (OAuthStore.StoredToken s : live) {
                store.revokeToken(h, s.id(), now);
                events.publish(new AuthEvents.TokenRevoked(s.id(), s.appId(), s.accountId()));
            }
            store.deleteCodes(h, appId, accountId);
            return live.size();
        });
    }

    /**
     * Revokes the token with this secret on behalf of the app that holds it. An unknown token is not an error
     * (RFC 7009); a token of another app is refused and left alone. Revoking twice is harmless.
     */
    public RevokeOutcome revoke(String token, long appId) {
        if (token == null || token.isBlank()) return RevokeOutcome.UNKNOWN;
        return db.write(h -> {
            Optional<OAuthStore.StoredToken> found = store.tokenByHash(h, Tokens.sha256(token));
            if (found.isEmpty()) return RevokeOutcome.UNKNOWN;
            OAuthStore.StoredToken s = found.get();
            if (s.appId() != null && s.appId() != appId) return RevokeOutcome.NOT_OWNED;
            if (s.revokedAt() == null) {
                store.revokeToken(h, s.id(), clock.instant());
                events.publish(new AuthEvents.TokenRevoked(s.id(), s.appId(), s.accountId()));
            }
            return RevokeOutcome.REVOKED;
        });
    }

    private String secretFor(long tokenId) { return Tokens.hmacText(tokenKey, "token:" + tokenId); }
}
