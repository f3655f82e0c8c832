package social.atoll.core.media;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Camo-compatible signed URLs for the privacy media proxy: {@code /media_proxy/<digest>/<url>} where the digest is
 * HMAC-SHA1 of the URL's bytes under the media proxy key. Atoll writes go-camo's base64url form (no padding) and
 * also accepts the hex form diaspora* and camo generate. A URL that is not signed with our key is never fetched,
 * so the proxy cannot be used to fetch arbitrary URLs.
 */
public final class MediaProxySigner {

    public static final String PATH = "/media_proxy/";

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODE = Base64.getUrlDecoder();

    private final byte[] key;
    private final String baseUrl;

    /** A keyed Mac to clone: looking the algorithm up and keying it on every URL cost more than the HMAC itself. */
    private final Mac keyed;

    public MediaProxySigner(byte[] key, String baseUrl) {
        this.key = key.clone();
        this.baseUrl = baseUrl;
        this.keyed = newMac();
    }

    /**
     * The URL a reader should load for {@code url}: our own URLs and non-http(s) values unchanged (null for the
     * latter: a reader must not be sent anywhere else), remote ones through the proxy.
     */
    public String proxied(String url) {
        if (url == null || url.isBlank()) return null;
        if (url.startsWith(baseUrl + "/")) return url;
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("https://") && !lower.startsWith("http://")) return null;
        byte[] bytes = url.getBytes(StandardCharsets.UTF_8);
        return baseUrl + PATH + B64.encodeToString(hmac(bytes)) + "/" + B64.encodeToString(bytes);
    }

    /** The remote URL a proxy path names, when its signature is ours; empty for a forged or mangled one. */
    public Optional<URI> verify(String digest, String encodedUrl) {
        byte[] given;
        byte[] urlBytes;
        try {
            if (digest.length() == 40 && digest.matches("[0-9a-fA-F]+")) {
                given = HexFormat.of().parseHex(digest);
                urlBytes = HexFormat.of().parseHex(encodedUrl);
            } else {
                given = B64_DECODE.decode(digest);
                urlBytes = B64_DECODE.decode(encodedUrl);
            }
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(given, hmac(urlBytes))) return Optional.empty();
        try {
            return Optional.of(new URI(new String(urlBytes, StandardCharsets.UTF_8)));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private byte[] hmac(byte[] data) {
        Mac mac;
        try {
            mac = (Mac) keyed.clone(); // a Mac is not thread-safe: each use gets its own copy of the keyed one
        } catch (CloneNotSupportedException e) {
            mac = newMac();
        }
        return mac.doFinal(data);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
