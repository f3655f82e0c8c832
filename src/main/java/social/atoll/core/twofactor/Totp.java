package social.atoll.core.twofactor;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226's HOTP) as authenticator apps compute them: HMAC-SHA-1,
 * 30-second steps from the Unix epoch, 6 digits, a 160-bit secret shown in base32 (RFC 4648, no padding).
 *
 * <p>Written here rather than taken from a library: the algorithm is a few lines on the JDK's HMAC, checked against
 * the RFC's own test vectors, and the libraries that wrap it bring QR and image dependencies of their own.
 */
public final class Totp {

    public static final int STEP_SECONDS = 30;
    public static final int DIGITS = 6;
    /** One step either side: a phone's clock a little off, or a code typed just as it changed. */
    static final int DRIFT_STEPS = 1;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private Totp() {}

    /** A new 160-bit secret (the size RFC 4226 recommends for SHA-1), in base32. */
    public static String newSecret() {
        byte[] b = new byte[20];
        RANDOM.nextBytes(b);
        return base32(b);
    }

    /** The time step {@code at} falls in. */
    public static long step(Instant at) { return Math.floorDiv(at.getEpochSecond(), STEP_SECONDS); }

    /** The code for {@code step}, with {@code digits} digits and the given HMAC ({@code HmacSHA1}, {@code HmacSHA256}…). */
    public static String code(byte[] key, long step, int digits, String algorithm) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, "RAW"));
            byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int offset = h[h.length - 1] & 0x0f;
            int binary = ((h[offset] & 0x7f) << 24) | ((h[offset + 1] & 0xff) << 16) | ((h[offset + 2] & 0xff) << 8) | (h[offset + 3] & 0xff);
            long mod = 1;
            for (int i = 0; i < digits; i++) mod *= 10;
            return String.format(Locale.ROOT, "%0" + digits + "d", binary % mod);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The 6-digit SHA-1 code of a base32 secret for {@code step}, as authenticator apps show it. */
    public static String code(String base32Secret, long step) { return code(fromBase32(base32Secret), step, DIGITS, "HmacSHA1"); }

    /**
     * The step whose code {@code typed} is, among the steps around {@code now}; empty when it is none of them.
     * Spaces in the typed code are ignored; every candidate is compared in constant time.
     */
    public static OptionalLong match(String base32Secret, String typed, Instant now) {
        if (typed == null) return OptionalLong.empty();
        String digits = typed.replace(" ", "").replace("-", "");
        if (!digits.matches("[0-9]{" + DIGITS + "}")) return OptionalLong.empty();
        byte[] key = fromBase32(base32Secret);
        long current = step(now);
        OptionalLong found = OptionalLong.empty();
        for (long s = current - DRIFT_STEPS; s <= current + DRIFT_STEPS; s++) {
            boolean same = MessageDigest.isEqual(code(key, s, DIGITS, "HmacSHA1").getBytes(), digits.getBytes());
            if (same && found.isEmpty()) found = OptionalLong.of(s);
        }
        return found;
    }

    /** The {@code otpauth://} URI authenticator apps read from the QR code. */
    public static String uri(String issuer, String accountName, String base32Secret) {
        String label = enc(issuer) + ":" + enc(accountName);
        return "otpauth://totp/" + label + "?secret=" + base32Secret + "&issuer=" + enc(issuer) + "&algorithm=SHA1&digits=" + DIGITS
                + "&period=" + STEP_SECONDS;
    }

    static String base32(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        int buffer = 0, bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) out.append(BASE32.charAt((buffer << (5 - bits)) & 31));
        return out.toString();
    }

    static byte[] fromBase32(String s) {
        String clean = s.replace(" ", "").replace("=", "").toUpperCase(Locale.ROOT);
        ByteBuffer out = ByteBuffer.allocate(clean.length() * 5 / 8);
        int buffer = 0, bits = 0;
        for (char c : clean.toCharArray()) {
            int v = BASE32.indexOf(c);
            if (v < 0) throw new IllegalArgumentException("not base32: " + c);
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8) {
                out.put((byte) (buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return out.array();
    }

    /** Percent-encoding for the URI's label and issuer (spaces as %20, as Google's key-uri format asks). */
    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
