package social.atoll.federation.keys;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.Optional;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountKeyStore;

/**
 * Signing keys of local accounts: the RSA pair made at sign-up (Mastodon's {@code #main-key}) and an Ed25519 pair
 * published as a FEP-521a Multikey ({@code #ed25519-key}), made on first use for accounts that predate it.
 */
public final class LocalKeys {

    /** The Ed25519 public key of an account. */
    public record Ed25519(String keyId, String publicKeyMultibase, String publicKeyPem) {}

    private final AccountKeyStore keys;

    public LocalKeys(AccountKeyStore keys) { this.keys = keys; }

    /** The RSA private key an account signs with; empty for remote accounts. */
    public static Optional<PrivateKey> privateKey(Account account) {
        if (account.privateKeyPem() == null || account.privateKeyPem().isBlank()) return Optional.empty();
        return Optional.of(Pem.privateKey(account.privateKeyPem()));
    }

    /** The account's Ed25519 key, created and stored if it has none yet. */
    public Ed25519 ed25519(Account account) {
        String pem = keys.ed25519PublicKey(account.id()).orElse(null);
        if (pem == null) {
            KeyPair pair = generate("Ed25519");
            pem = keys.storeEd25519IfAbsent(account.id(), Pem.encode("PUBLIC KEY", pair.getPublic().getEncoded()),
                    Pem.encode("PRIVATE KEY", pair.getPrivate().getEncoded()));
        }
        return new Ed25519(account.uri() + "#ed25519-key", multibase(Pem.publicKey(pem).getEncoded()), pem);
    }

    /**
     * {@code z} + base58btc of the multicodec prefix {@code 0xed 0x01} and the 32 raw key bytes (the tail of the SPKI
     * encoding), as FEP-521a writes Ed25519 keys.
     */
    static String multibase(byte[] spki) {
        byte[] raw = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
        byte[] prefixed = new byte[34];
        prefixed[0] = (byte) 0xed;
        prefixed[1] = 0x01;
        System.arraycopy(raw, 0, prefixed, 2, 32);
        return "z" + Base58.encode(prefixed);
    }

    public static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair generate(String alg) {
        try {
            return KeyPairGenerator.getInstance(alg).generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
