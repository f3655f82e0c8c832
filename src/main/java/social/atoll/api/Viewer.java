package social.atoll.api;

import java.util.Set;
import social.atoll.core.account.Account;
import social.atoll.core.account.User;
import social.atoll.core.auth.AccessToken;
import social.atoll.core.auth.Scopes;

/**
 * Who is calling: nobody (no token), an app (client_credentials token) or a user through an app.
 * Built once per request by {@link Auth}.
 */
public record Viewer(AccessToken token, Account account, User user) {

    public static final Viewer ANONYMOUS = new Viewer(null, null, null);

    public boolean anonymous() { return token == null; }

    public boolean hasUser() { return account != null; }

    public Long accountId() { return account == null ? null : account.id(); }

    public Set<String> scopes() { return token == null ? Set.of() : token.scopeSet(); }

    public boolean has(String scope) { return token != null && Scopes.satisfies(scopes(), scope); }
}
