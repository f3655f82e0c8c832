package social.atoll.core.auth;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The apps a person let into their account (as Mastodon's "Authorized apps" page shows them): the live tokens they
 * gave, one entry per app, and revoking an app's access.
 */
public final class AuthorizedApps {

    /** An app with live tokens for the account: every scope any of them carries, first authorization, last use. */
    public record AuthorizedApp(long appId, String name, String website, Set<String> scopes, Instant authorizedAt,
                                Instant lastUsedAt) {}

    private final OAuthStore store;
    private final TokenService tokens;

    public AuthorizedApps(OAuthStore store, TokenService tokens) {
        this.store = store;
        this.tokens = tokens;
    }

    /** The apps holding live tokens of this account, in the order they were first authorized. */
    public List<AuthorizedApp> of(long accountId) {
        Map<Long, List<OAuthStore.AppToken>> byApp = new LinkedHashMap<>();
        for (OAuthStore.AppToken t : store.appTokens(accountId)) byApp.computeIfAbsent(t.appId(), k -> new ArrayList<>()).add(t);
        List<AuthorizedApp> out = new ArrayList<>();
        for (List<OAuthStore.AppToken> ts : byApp.values()) {
            Set<String> scopes = new TreeSet<>();
            Instant last = null;
            for (OAuthStore.AppToken t : ts) {
                scopes.addAll(Scopes.parse(t.scopes()));
                if (t.lastUsedAt() != null && (last == null || t.lastUsedAt().isAfter(last))) last = t.lastUsedAt();
            }
            OAuthStore.AppToken first = ts.get(0);
            out.add(new AuthorizedApp(first.appId(), first.appName(), first.website(), scopes, first.createdAt(), last));
        }
        return out;
    }

    /** Signs the app out of this account; false when it held nothing. */
    public boolean revoke(long accountId, long appId) { return tokens.revokeApp(appId, accountId) > 0; }
}
