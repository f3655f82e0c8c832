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

/**
 * Keys in PEM text, as actors publish them ({@code publicKeyPem}) and as we store ours. Public keys are SPKI
 * ({@code BEGIN PUBLIC KEY}, RSA or Ed25519) or PKCS#1 ({@code BEGIN RSA PUBLIC KEY}, some older servers);
 * private keys are PKCS#8.
 */
public final class Pem {

    private Pem() {}

    /** The key in {@code pem}; throws {@link IllegalArgumentException} when it is not a public key we can use. */
    public static PublicKey publicKey(String pem) {
        if (pem == null || pem.isBlank()) throw new IllegalArgumentException("no key");
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
