package social.atoll.federation.keys;

import java.math.BigInteger;

/** Bitcoin's base58 alphabet, as multibase {@code z} uses it. */
final class Base58 {

    private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final BigInteger BASE = BigInteger.valueOf(58);

    private Base58() {}

    static String encode(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        BigInteger n = new BigInteger(1, bytes);
        while (n.signum() > 0) {
            BigInteger[] qr = n.divideAndRemainder(BASE);
            out.append(ALPHABET.charAt(qr[1].intValue()));
            n = qr[0];
        }
        for (byte b : bytes) {
            if (b != 0) break;
            out.append('1');
        }
        return out.reverse().toString();
    }
}
