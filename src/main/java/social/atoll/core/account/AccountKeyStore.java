package social.atoll.core.account;

import java.util.Optional;
import social.atoll.infra.db.Database;

/**
 * SQL for the signing keys kept beside an account that are not part of {@link Account}: the Ed25519 pair
 * ({@code ed25519_public_key}, {@code ed25519_private_key}), made on first use.
 */
public final class AccountKeyStore {

    private final Database db;

    public AccountKeyStore(Database db) { this.db = db; }

    /** The account's Ed25519 public key (PEM), if it has one. */
    public Optional<String> ed25519PublicKey(long accountId) {
        return db.read(h -> h.createQuery("SELECT ed25519_public_key FROM accounts WHERE id = :id")
                .bind("id", accountId).mapTo(String.class).findOne());
    }

    /**
     * Stores an Ed25519 pair (PEM) unless the account got one meanwhile, and returns the public key the account now
     * has: two first uses at once keep the first pair written.
     */
    public String storeEd25519IfAbsent(long accountId, String publicPem, String privatePem) {
        return db.write(h -> {
            h.createUpdate("UPDATE accounts SET ed25519_public_key = :pub, ed25519_private_key = :priv WHERE id = :id AND ed25519_public_key IS NULL")
                    .bind("pub", publicPem).bind("priv", privatePem).bind("id", accountId).execute();
            return h.createQuery("SELECT ed25519_public_key FROM accounts WHERE id = :id").bind("id", accountId).mapTo(String.class).one();
        });
    }
}
