package social.atoll.core.account;

import java.util.Optional;

/**
 * Finds an account of another server by its handle, asking that server when it is not known here (WebFinger, then
 * the actor document). Implemented by the federation layer; core and API code only see this interface.
 */
@FunctionalInterface
public interface RemoteAccountResolver {

    /** The account {@code @username@domain}, stored on the way; empty when the other server does not know it. */
    Optional<Account> resolve(String username, String domain);

    /** Resolves nothing: for wiring without federation. */
    RemoteAccountResolver NONE = (username, domain) -> Optional.empty();
}
