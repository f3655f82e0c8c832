package social.atoll.federation.signatures;

import java.security.PublicKey;
import java.util.Optional;
import social.atoll.core.account.Account;

/**
 * Where {@link SignatureVerifier} finds the key behind a key id and the account that owns it: the resolver, which
 * keeps the keys it has read and fetches the others from their servers.
 */
public interface KeyOwners {

    /** A verification key and the account it belongs to; {@code fetched} when just read from its server. */
    record KeyOwner(Account account, PublicKey key, boolean fetched) {}

    /** The owner of {@code keyId} and the key: the stored one unless {@code refetch}, else read again from its server. */
    Optional<KeyOwner> keyOwner(String keyId, boolean refetch);
}
