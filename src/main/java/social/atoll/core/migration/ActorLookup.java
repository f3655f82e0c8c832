package social.atoll.core.migration;

import java.util.Optional;
import social.atoll.core.account.Account;

/**
 * Finds the accounts a migration names, here or on other servers. Implemented by the federation layer (WebFinger and
 * actor fetches through the SSRF-safe client); core only sees this interface.
 */
public interface ActorLookup {

    /**
     * The account named by {@code ref}: an actor URI, a profile URL, {@code user@domain} or {@code @user@domain}
     * (our own domain, or no domain, meaning a local account). Empty when nobody answers for it.
     */
    Optional<Account> find(String ref);

    /** The account as its own server describes it now: remote actors are fetched again, whatever their age. */
    Optional<Account> fresh(Account account);
}
