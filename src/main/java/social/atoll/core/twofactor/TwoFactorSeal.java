package social.atoll.core.twofactor;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import social.atoll.core.auth.Tokens;

/**
 * What keeps the two-factor tables useless on their own (a leaked dump or backup of the database without
 * {@code secrets.properties}):
 * <ul>
 * <li>TOTP secrets are sealed with AES-256-GCM, stored as {@code v1:<base64url(nonce | ciphertext+tag)>}, the user
 * id as associated data so a sealed secret copied onto another user's row does not open;</li>
 * <li>recovery codes are kept as HMAC-SHA256 under a server key of a per-code random salt and the code's SHA-256
 * (the form earlier versions stored, so rows written before could be re-hashed without knowing the codes).</li>
 * </ul>
 *
 * <p>Both keys are derived (HMAC-SHA256 with distinct labels) from {@code cookie_key} in
 * {@code <data dir>/secrets.properties}, the installation's key for session cookies. Rotation limits: replacing or
 * losing that key makes every TOTP secret and recovery code unreadable (people with two-factor then cannot sign in
 * until an administrator turns it off with {@code atoll admin accounts disable-2fa}); nodes sharing a database must share
 * the file, and a backup is only whole with it. The {@code v1:} prefix leaves room for a later key version.
 */
public final class TwoFactorSeal {

    private static final String PREFIX = "v1:";
    private static final int NONCE = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec totpKey;
    private final byte[] codeKey;

    public TwoFactorSeal(byte[] cookieKey) {
        this.totpKey = new SecretKeySpec(Tokens.hmac(cookieKey, "atoll totp secret v1"), "AES");
        this.codeKey = Tokens.hmac(cookieKey, "atoll recovery code v1");
    }

    /** True when {@code stored} is a sealed secret (false: a plain one written before secrets were sealed). */
    static boolean sealed(String stored) { return stored.startsWith(PREFIX); }

    String seal(long userId, String secret) {
        try {
            byte[] nonce = new byte[NONCE];
            RANDOM.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, totpKey, new GCMParameterSpec(128, nonce));
            c.updateAAD(aad(userId));
            byte[] sealed = c.doFinal(secret.getBytes(StandardCharsets.US_ASCII));
            byte[] out = new byte[NONCE + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE);
            System.arraycopy(sealed, 0, out, NONCE, sealed.length);
            return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /**
     * The secret of a stored value: opened when sealed, as it is for a row not sealed yet (the start-up step seals
     * those, but an admin command may read one first).
     *
     * @throws IllegalStateException when the seal does not open: another key (secrets.properties replaced) or a row
     *                               moved to another user
     */
    String open(long userId, String stored) {
        if (!sealed(stored)) return stored;
        try {
            byte[] in = Base64.getUrlDecoder().decode(stored.substring(PREFIX.length()));
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, totpKey, new GCMParameterSpec(128, in, 0, NONCE));
            c.updateAAD(aad(userId));
            return new String(c.doFinal(in, NONCE, in.length - NONCE), StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the TOTP secret of user " + userId + " does not open with this server's key"
                    + " (was secrets.properties replaced?)", e);
        }
    }

    /** A new random salt for a recovery code. */
    static String salt() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** The stored hash of a recovery code, from its salt and its SHA-256 ({@link TwoFactorService#hash}). */
    String codeHash(String salt, String sha256) { return Tokens.hmacText(codeKey, salt + ":" + sha256); }

    private static byte[] aad(long userId) { return ("atoll totp user " + userId).getBytes(StandardCharsets.US_ASCII); }
}
