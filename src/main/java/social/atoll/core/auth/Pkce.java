package social.atoll.core.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Pattern;

/** Proof Key for Code Exchange (RFC 7636), S256 only: Mastodon refuses {@code plain}, and so does Atoll. */
public final class Pkce {

    public static final String S256 = "S256";
    /** RFC 7636 §4.1: 43 to 128 unreserved characters. */
    private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

    private Pkce() {}

    /** The S256 challenge of a verifier. */
    public static String challengeOf(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * True when {@code verifier} is well formed and hashes to {@code challenge}, compared in constant time. A
     * challenge sent with base64 padding still matches (some clients pad).
     */
    public static boolean verify(String challenge, String verifier) {
        if (challenge == null || verifier == null || !VERIFIER.matcher(verifier).matches()) return false;
        String unpadded = challenge.replaceAll("=+$", "");
        return Tokens.same(unpadded, challengeOf(verifier));
    }
}
