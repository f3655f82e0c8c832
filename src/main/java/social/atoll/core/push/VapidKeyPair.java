package social.atoll.core.push;

import com.interaso.webpush.VapidKeys;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** The server's VAPID key pair (RFC 8292), kept in secrets.properties and made on first start. */
public final class VapidKeyPair {

    private final VapidKeys keys;

    /** Keys as secrets.properties keeps them: X.509 and PKCS#8 DER in standard base64. */
    public VapidKeyPair(String x509PublicKey, String pkcs8PrivateKey) {
        try {
            KeyFactory f = KeyFactory.getInstance("EC");
            this.keys = new VapidKeys(
                    (ECPublicKey) f.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(x509PublicKey))),
                    (ECPrivateKey) f.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pkcs8PrivateKey))));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalStateException("the VAPID keys in secrets.properties are not a P-256 key pair", e);
        }
    }

    VapidKeys keys() { return keys; }

    /** The public key as an uncompressed P-256 point in base64url without padding, as browsers and Mastodon give it. */
    public String applicationServerKey() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(keys.getApplicationServerKey());
    }
}
