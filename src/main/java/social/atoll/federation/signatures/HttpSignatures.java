package social.atoll.federation.signatures;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Outbound draft-cavage HTTP signatures, the way Mastodon signs: RSASSA-PKCS1-v1_5 SHA-256 ({@code rsa-sha256}),
 * POSTs covering {@code (request-target) host date digest content-type}, GETs {@code (request-target) host date}.
 * The returned headers must be sent exactly as they are ({@code SafeHttpClient} does); sign right before sending,
 * since receivers allow only about an hour of clock difference.
 */
public final class HttpSignatures {

    private HttpSignatures() {}

    /** Headers for a signed POST: Host, Date, Digest, Content-Type, Signature. */
    public static Map<String, String> signPost(URI target, byte[] body, String contentType, String keyId, PrivateKey key) {
        return signPost(target, body, contentType, keyId, key, Instant.now());
    }

    public static Map<String, String> signPost(URI target, byte[] body, String contentType, String keyId, PrivateKey key, Instant now) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", host(target));
        headers.put("Date", HttpDates.format(now));
        headers.put("Digest", Digests.digestHeader(body));
        headers.put("Content-Type", contentType);
        headers.put("Signature", signature("POST", target, headers, keyId, key));
        return headers;
    }

    /** Headers for a signed GET: Host, Date, Accept, Signature (covering {@code (request-target) host date}). */
    public static Map<String, String> signGet(URI target, String accept, String keyId, PrivateKey key) {
        return signGet(target, accept, keyId, key, Instant.now());
    }

    public static Map<String, String> signGet(URI target, String accept, String keyId, PrivateKey key, Instant now) {
        Map<String, String> signed = new LinkedHashMap<>();
        signed.put("Host", host(target));
        signed.put("Date", HttpDates.format(now));
        Map<String, String> headers = new LinkedHashMap<>(signed);
        headers.put("Accept", accept);
        headers.put("Signature", signature("GET", target, signed, keyId, key));
        return headers;
    }

    /**
     * The {@code Signature} header value covering {@code (request-target)} and every header of {@code headers}, in
     * their order.
     */
    public static String signature(String method, URI target, Map<String, String> headers, String keyId, PrivateKey key) {
        List<String> names = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        names.add("(request-target)");
        lines.add("(request-target): " + method.toLowerCase(Locale.ROOT) + " " + requestTarget(target));
        headers.forEach((name, value) -> {
            String n = name.toLowerCase(Locale.ROOT);
            names.add(n);
            lines.add(n + ": " + value);
        });
        String algorithm = key.getAlgorithm().equals("RSA") ? "rsa-sha256" : "hs2019";
        String sig = Base64.getEncoder().encodeToString(sign(key, String.join("\n", lines)));
        return "keyId=\"" + keyId + "\",algorithm=\"" + algorithm + "\",headers=\"" + String.join(" ", names) + "\",signature=\"" + sig + "\"";
    }

    static byte[] sign(PrivateKey key, String text) {
        try {
            Signature s = Signature.getInstance(CavageSignature.javaAlgorithm(key));
            s.initSign(key);
            s.update(text.getBytes(StandardCharsets.UTF_8));
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with a " + key.getAlgorithm() + " key", e);
        }
    }

    /** Path with query, as the request line carries it ({@code /} for an empty path). */
    public static String requestTarget(URI target) {
        String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
        return target.getRawQuery() == null ? path : path + "?" + target.getRawQuery();
    }

    /** The Host header a client sends: the host, with the port when it is not the scheme's default. */
    public static String host(URI target) {
        String host = target.getHost().toLowerCase(Locale.ROOT);
        int port = target.getPort();
        boolean dflt = port == -1 || (port == 443 && "https".equalsIgnoreCase(target.getScheme()))
                || (port == 80 && "http".equalsIgnoreCase(target.getScheme()));
        return dflt ? host : host + ":" + port;
    }
}
