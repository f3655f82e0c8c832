package social.atoll.core.search;

import java.util.Optional;
import social.atoll.core.account.Account;
import social.atoll.core.status.Status;

/**
 * What {@code resolve=true} search finds on other servers: an account by its handle, or the account or post at a
 * URL. Implemented by the federation layer (WebFinger, signed fetches); core and the API only see this interface.
 */
public interface RemoteLookup {

    /** A resolved account or status (one of them). */
    record Found(Account account, Status status) {}

    /** The account {@code @username@domain}, asking its server when it is unknown here. */
    Optional<Account> account(String username, String domain);

    /** The account or status at {@code url}, stored on the way, when {@code viewerId} may see it. */
    Optional<Found> url(String url, Long viewerId);

    /**
     * Where {@code @username@domain} follows and interacts with things from other servers: the address template
     * its server advertises in WebFinger ({@code {uri}} to be replaced), asked of that server now; empty when it
     * cannot tell.
     */
    Optional<String> interactionTemplate(String username, String domain);

    /** Resolves nothing: for wiring without federation. */
    RemoteLookup NONE = new RemoteLookup() {
        @Override public Optional<Account> account(String username, String domain) { return Optional.empty(); }
        @Override public Optional<Found> url(String url, Long viewerId) { return Optional.empty(); }
        @Override public Optional<String> interactionTemplate(String username, String domain) { return Optional.empty(); }
    };

    /** A handle query ({@code @user@domain}, {@code user@domain}, {@code acct:user@domain}) split, or empty. */
    static Optional<String[]> handle(String q) {
        String s = q.trim();
        if (s.startsWith("acct:")) s = s.substring(5);
        if (s.startsWith("@")) s = s.substring(1);
        int at = s.lastIndexOf('@');
        if (at <= 0 || at == s.length() - 1 || s.contains(" ") || s.contains("/")) return Optional.empty();
        return Optional.of(new String[] {s.substring(0, at), s.substring(at + 1)});
    }

    /** Whether the query is a URL to resolve rather than words to search. */
    static boolean isUrl(String q) {
        String s = q.trim();
        return (s.startsWith("https://") || s.startsWith("http://")) && !s.contains(" ");
    }
}
