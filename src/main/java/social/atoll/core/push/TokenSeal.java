package social.atoll.core.push;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals the access token a push subscription was made with. Mastodon's push payload hands the token to the app (which
 * uses it to tell its accounts apart), while Atoll stores only token hashes; the subscription therefore keeps the
 * token itself, encrypted (AES-256-GCM) with a key from secrets.properties, so a database dump alone reveals none.
 */
public final class TokenSeal {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final SecretKeySpec key;

    public TokenSeal(byte[] key) { this.key = new SecretKeySpec(Arrays.copyOf(key, 32), "AES"); }

    public String seal(String token) {
        try {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            byte[] sealed = c.doFinal(token.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
            return Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** The token, or throws when the seal was made with another key (secrets.properties replaced). */
    public String open(String sealed) throws GeneralSecurityException {
        byte[] in = Base64.getDecoder().decode(sealed);
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, in, 0, 12));
        return new String(c.doFinal(in, 12, in.length - 12), StandardCharsets.UTF_8);
    }
}
