package social.atoll.federation.keys;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keys in PEM text, as actors publish them ({@code publicKeyPem}) and as we store ours. Public keys are SPKI
 * ({@code BEGIN PUBLIC KEY}, RSA or Ed25519) or PKCS#1 ({@code BEGIN RSA PUBLIC KEY}, some older servers);
 * private keys are PKCS#8.
 */
public final class Pem {

    private Pem() {}

    /**
     * Parsed keys by their PEM text. Every delivery signs with its account's key and every inbound request is checked
     * with its actor's: parsing the PEM each time (and, with ACCP, importing it into native code again) cost more than
     * the RSA signature itself (1,100 vs 3,000 signatures/s measured). Keyed by the text itself, an entry can never be
     * stale: a rotated key is another text. Keys are immutable and thread-safe to use. Bounded by dropping everything
     * when full, which only costs a re-parse.
     */
    private static final int CACHED_KEYS = 4096;
    private static final Map<String, PublicKey> publicKeys = new ConcurrentHashMap<>();
    private static final Map<String, PrivateKey> privateKeys = new ConcurrentHashMap<>();

    /** The key in {@code pem}; throws {@link IllegalArgumentException} when it is not a public key we can use. */
    public static PublicKey publicKey(String pem) {
        if (pem == null || pem.isBlank()) throw new IllegalArgumentException("no key");
        PublicKey cached = publicKeys.get(pem);
        if (cached != null) return cached;
        PublicKey key = parsePublicKey(pem);
        if (publicKeys.size() >= CACHED_KEYS) publicKeys.clear();
        publicKeys.put(pem, key);
        return key;
    }

    private static PublicKey parsePublicKey(String pem) {
        try {
            if (pem.contains("BEGIN RSA PUBLIC KEY")) return pkcs1(body(pem));
            byte[] der = body(pem);
            X509EncodedKeySpec spec = new X509EncodedKeySpec(der);
            for (String alg : new String[] {"RSA", "Ed25519", "EC"}) {
                try {
                    return KeyFactory.getInstance(alg).generatePublic(spec);
                } catch (GeneralSecurityException ignored) {
                    // try the next algorithm
                }
            }
            throw new IllegalArgumentException("unsupported public key");
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("invalid public key: " + e.getMessage(), e);
        }
    }

    public static PrivateKey privateKey(String pem) {
        PrivateKey cached = privateKeys.get(pem);
        if (cached != null) return cached;
        PrivateKey key = parsePrivateKey(pem);
        if (privateKeys.size() >= CACHED_KEYS) privateKeys.clear();
        privateKeys.put(pem, key);
        return key;
    }

    private static PrivateKey parsePrivateKey(String pem) {
        byte[] der = body(pem);
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String alg : new String[] {"RSA", "Ed25519", "EC"}) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(spec);
            } catch (GeneralSecurityException ignored) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException("unsupported private key");
    }

    /** PEM text of DER bytes, 64 characters a line, ending in a newline (as Mastodon publishes keys). */
    public static String encode(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] body(String pem) {
        String b64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "").replace("\\n", "");
        return Base64.getDecoder().decode(b64);
    }

    /** PKCS#1 RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }. */
    private static PublicKey pkcs1(byte[] der) throws GeneralSecurityException {
        int[] pos = {0};
        expect(der, pos, 0x30);
        length(der, pos);
        BigInteger modulus = integer(der, pos);
        BigInteger exponent = integer(der, pos);
        return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
    }

    private static BigInteger integer(byte[] der, int[] pos) {
        expect(der, pos, 0x02);
        int len = length(der, pos);
        byte[] v = java.util.Arrays.copyOfRange(der, pos[0], pos[0] + len);
        pos[0] += len;
        return new BigInteger(1, v);
    }

    private static void expect(byte[] der, int[] pos, int tag) {
        if ((der[pos[0]++] & 0xFF) != tag) throw new IllegalArgumentException("malformed PKCS#1 key");
    }

    private static int length(byte[] der, int[] pos) {
        int b = der[pos[0]++] & 0xFF;
        if (b < 0x80) return b;
        int n = b & 0x7F;
        int len = 0;
        for (int i = 0; i < n; i++) len = (len << 8) | (der[pos[0]++] & 0xFF);
        return len;
    }
}
