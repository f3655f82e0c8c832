package social.atoll.federation.signatures;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;

/**
 * Body digests: {@code Digest: SHA-256=<base64>} (RFC 3230, what draft-cavage signers send) and
 * {@code Content-Digest: sha-256=:<base64>:} (RFC 9530, what RFC 9421 signers send).
 */
public final class Digests {

    private Digests() {}

    public static String digestHeader(byte[] body) { return "SHA-256=" + Base64.getEncoder().encodeToString(hash("SHA-256", body)); }

    public static String contentDigestHeader(byte[] body) {
        return "sha-256=:" + Base64.getEncoder().encodeToString(hash("SHA-256", body)) + ":";
    }

    /**
     * True when a {@code Digest} header carries a SHA-256 (or SHA-512) entry matching the body. Entries are
     * comma-separated {@code name=value}; names are case-insensitive. An entry we can check must be present.
     */
    public static boolean digestMatches(String header, byte[] body) {
        boolean checked = false;
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) continue;
            String name = part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = part.substring(eq + 1).trim();
            String alg = switch (name) {
                case "sha-256" -> "SHA-256";
                case "sha-512" -> "SHA-512";
                default -> null;
            };
            if (alg == null) continue;
            if (!MessageDigest.isEqual(decode(value), hash(alg, body))) return false;
            checked = true;
        }
        return checked;
    }

    /** The same for {@code Content-Digest}, whose values are structured-field byte sequences ({@code :…:}). */
    public static boolean contentDigestMatches(String header, byte[] body) {
        boolean checked = false;
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) continue;
            String name = part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = part.substring(eq + 1).trim();
            if (!value.startsWith(":") || !value.endsWith(":") || value.length() < 2) return false;
            value = value.substring(1, value.length() - 1);
            String alg = switch (name) {
                case "sha-256" -> "SHA-256";
                case "sha-512" -> "SHA-512";
                default -> null;
            };
            if (alg == null) continue;
            if (!MessageDigest.isEqual(decode(value), hash(alg, body))) return false;
            checked = true;
        }
        return checked;
    }

    private static byte[] decode(String b64) {
        try {
            return Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    static byte[] hash(String alg, byte[] body) {
        try {
            return MessageDigest.getInstance(alg).digest(body == null ? new byte[0] : body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
