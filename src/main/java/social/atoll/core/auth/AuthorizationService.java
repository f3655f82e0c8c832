package social.atoll.core.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import social.atoll.infra.db.Database;
import social.atoll.infra.ids.IdGenerator;

/**
 * The OAuth 2 grants Mastodon offers: the authorization-code flow (checking the request, issuing the code once
 * the user approved, exchanging it for a token) and client credentials. Codes are single use, live ten minutes
 * and are stored as SHA-256 hashes.
 */
public final class AuthorizationService {

    public static final Duration CODE_LIFETIME = Duration.ofMinutes(10);
    private static final int MAX_CHALLENGE = 128;
    private static final int MAX_STATE = 2000;

    /** An authorization request as the client sent it (query of {@code GET /oauth/authorize}, or the consent form). */
    public record Request(String responseType, String responseMode, String clientId, String redirectUri, String scope,
                          String state, String codeChallenge, String codeChallengeMethod) {}

    /** How the result travels back to the client (OAuth 2.0 Multiple Response Types, Form Post Response Mode). */
    public enum ResponseMode {
        QUERY, FRAGMENT, FORM_POST;

        public String param() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    /** A request that passed every check; {@code scopes} keep the order the client asked for them in. */
    public record Valid(OAuthApp app, String redirectUri, ResponseMode responseMode, Set<String> scopes, String state,
                        String codeChallenge, String codeChallengeMethod) {

        public String scope() { return Scopes.join(scopes); }

        public boolean oob() { return OAuthService.OOB.equals(redirectUri); }
    }

    /** The client or its redirect URI cannot be trusted, so the error must be shown, never redirected. */
    public static final class Unredirectable extends RuntimeException {
        private final OAuthError error;

        Unredirectable(OAuthError error) {
            super(error.getMessage());
            this.error = error;
        }

        public OAuthError error() { return error; }
    }

    /** The request is wrong in a way the client must hear about at its (registered) redirect URI. */
    public static final class Redirectable extends RuntimeException {
        private final OAuthError error;
        private final String redirectUri;
        private final ResponseMode responseMode;
        private final String state;

        Redirectable(OAuthError error, String redirectUri, ResponseMode responseMode, String state) {
            super(error.getMessage());
            this.error = error;
            this.redirectUri = redirectUri;
            this.responseMode = responseMode;
            this.state = state;
        }

        public ResponseMode responseMode() { return responseMode; }

        public OAuthError error() { return error; }

        public String redirectUri() { return redirectUri; }

        public String state() { return state; }

        public boolean oob() { return OAuthService.OOB.equals(redirectUri); }
    }


    private final Database db;
    private final OAuthStore store;
    private final OAuthService apps;
    private final TokenService tokens;
    private final IdGenerator ids;
    private final Clock clock;

    public AuthorizationService(Database db, OAuthStore store, OAuthService apps, TokenService tokens, IdGenerator ids, Clock clock) {
        this.db = db;
        this.store = store;
        this.apps = apps;
        this.tokens = tokens;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * Checks an authorization request in Doorkeeper's order: client and redirect URI first (their errors are
     * {@link Unredirectable}), then response type, scopes and PKCE ({@link Redirectable}).
     */
    public Valid check(Request r) {
        if (blank(r.clientId())) throw new Unredirectable(OAuthError.missingParam("client_id"));
        OAuthApp app = apps.byClientId(r.clientId()).orElseThrow(() -> new Unredirectable(OAuthError.invalidClient()));
        if (blank(r.redirectUri())) throw new Unredirectable(OAuthError.missingParam("redirect_uri"));
        if (!OAuthService.registeredRedirect(app, r.redirectUri())) throw new Unredirectable(OAuthError.invalidRedirectUri());
        String state = blank(r.state()) ? null : r.state();
        if (state != null && state.length() > MAX_STATE)
            throw new Unredirectable(OAuthError.invalidRequest("The state parameter is too long."));
        ResponseMode mode = responseMode(r.responseMode());
        if (mode == null) {
            throw new Redirectable(OAuthError.invalidRequest("The requested response_mode is not supported."), r.redirectUri(),
                    ResponseMode.QUERY, state);
        }
        if (blank(r.responseType())) throw new Redirectable(OAuthError.missingParam("response_type"), r.redirectUri(), mode, state);
        if (!r.responseType().equals("code")) throw new Redirectable(OAuthError.unsupportedResponseType(), r.redirectUri(), mode, state);
        Set<String> scopes;
        try {
            scopes = grantableScopes(app, r.scope());
        } catch (OAuthError e) {
            throw new Redirectable(e, r.redirectUri(), mode, state);
        }
        String challenge = blank(r.codeChallenge()) ? null : r.codeChallenge();
        if (challenge != null && (!Pkce.S256.equals(r.codeChallengeMethod()) || challenge.length() > MAX_CHALLENGE))
            throw new Redirectable(OAuthError.invalidRequest("The code_challenge_method must be S256."), r.redirectUri(), mode, state);
        return new Valid(app, r.redirectUri(), mode, scopes, state, challenge, challenge == null ? null : Pkce.S256);
    }

    private static ResponseMode responseMode(String s) {
        if (blank(s)) return ResponseMode.QUERY;
        for (ResponseMode m : ResponseMode.values()) {
            if (m.param().equals(s)) return m;
        }
        return null;
    }

    /**
     * The scopes a client may be granted for {@code scope} (space- or plus-separated): all known and covered by
     * the app's registration. Omitted means {@code read}, which the app must then allow.
     */
    public static Set<String> grantableScopes(OAuthApp app, String scope) {
        Set<String> requested = Scopes.parse(scope);
        for (String s : requested) {
            if (!Scopes.isKnown(s)) throw OAuthError.invalidScope();
        }
        if (!Scopes.subsetOf(requested, app.scopeSet())) throw OAuthError.invalidScope();
        return requested;
    }

    /** True when the account already holds a live token of this app with exactly these scopes (Mastodon skips consent then). */
    public boolean previouslyApproved(Valid v, long accountId) {
        return tokens.hasMatching(v.app().id(), accountId, v.scopes());
    }

    /** The user approved: a single-use code for this request, valid {@link #CODE_LIFETIME}. */
    public String issueCode(Valid v, long accountId) {
        String code = Tokens.random();
        Instant now = clock.instant();
        store.insertCode(ids.next(), Tokens.sha256(code), v.app().id(), accountId, v.redirectUri(), v.scope(),
                v.codeChallenge(), v.codeChallengeMethod(), now.plus(CODE_LIFETIME), now);
        return code;
    }

    /**
     * Exchanges a code for a user token ({@code grant_type=authorization_code}). The code must belong to this
     * (already authenticated) app, be unused and unexpired, come with the redirect URI it was issued for and, when
     * a PKCE challenge was given, with its verifier. Only a successful exchange uses the code up.
     */
    public TokenService.Issued exchangeCode(OAuthApp app, String code, String redirectUri, String codeVerifier) {
        if (blank(redirectUri)) throw OAuthError.missingParam("redirect_uri");
        if (blank(code)) throw OAuthError.invalidGrant();
        Instant now = clock.instant();
        return db.write(h -> {
            Optional<OAuthStore.Code> found = store.codeByHash(h, Tokens.sha256(code));
            OAuthStore.Code c = found.filter(x -> x.appId() == app.id() && x.usedAt() == null && x.expiresAt().isAfter(now))
                    .orElseThrow(OAuthError::invalidGrant);
            if (c.codeChallenge() != null && blank(codeVerifier)) throw OAuthError.missingParam("code_verifier");
            if (!c.redirectUri().equals(redirectUri)) throw OAuthError.invalidGrant();
            if (c.codeChallenge() != null ? !Pkce.verify(c.codeChallenge(), codeVerifier) : !blank(codeVerifier))
                throw OAuthError.invalidGrant();
            if (!store.useCode(h, c.id(), now)) throw OAuthError.invalidGrant();
            return tokens.issueOrReuse(app.id(), c.accountId(), Scopes.parse(c.scopes()));
        });
    }

    /** An app token ({@code grant_type=client_credentials}); {@code scope} defaults to {@code read}. */
    public TokenService.Issued clientCredentials(OAuthApp app, String scope) {
        return tokens.issueOrReuse(app.id(), null, grantableScopes(app, scope));
    }

    private static boolean blank(String s) { return s == null || s.isBlank(); }
}
