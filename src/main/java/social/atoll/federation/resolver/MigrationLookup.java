package social.atoll.federation.resolver;

import java.util.Optional;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountStore;
import social.atoll.core.migration.ActorLookup;
import social.atoll.federation.vocab.AsValues;

/**
 * The accounts a migration names, found through {@link ActorResolver}: actor URIs by fetching them, handles by
 * WebFinger, local ones from the database. All fetching goes through the SSRF-safe federation client.
 */
public final class MigrationLookup implements ActorLookup {

    /** What may stand before and after the @ of a handle; anything else is nobody, never a request. */
    private static final java.util.regex.Pattern USERNAME = java.util.regex.Pattern.compile("[\\p{L}\\p{N}_.~-]{1,100}");
    private static final java.util.regex.Pattern DOMAIN = java.util.regex.Pattern.compile("[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?");

    private final ActorResolver resolver;
    private final AccountStore accounts;

    public MigrationLookup(ActorResolver resolver, AccountStore accounts) {
        this.resolver = resolver;
        this.accounts = accounts;
    }

    @Override
    public Optional<Account> find(String ref) {
        String r = ref.strip();
        if (AsValues.httpUri(r) != null) {
            Optional<Account> byId = resolver.byUri(r);
            // a local profile URL (https://here/@name) names the account as well as its actor id does
            return byId.isPresent() || !resolver.isLocal(r) ? byId : accounts.visibleByUrl(r);
        }
        if (r.startsWith("acct:")) r = r.substring("acct:".length());
        if (r.startsWith("@")) r = r.substring(1);
        int at = r.indexOf('@');
        String username = at < 0 ? r : r.substring(0, at);
        String domain = at < 0 ? null : r.substring(at + 1);
        if (!USERNAME.matcher(username).matches() || (domain != null && !DOMAIN.matcher(domain).matches())) return Optional.empty();
        return resolver.byAcct(username, domain);
    }

    @Override
    public Optional<Account> fresh(Account account) { return resolver.refresh(account); }
}
