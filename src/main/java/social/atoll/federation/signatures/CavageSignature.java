package social.atoll.federation.signatures;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A draft-cavage-http-signatures-12 {@code Signature} header (the scheme every fediverse server speaks), its signing
 * string and its check.
 *
 * @param keyId     who signed
 * @param algorithm as sent ({@code rsa-sha256}, {@code hs2019}, …), lower case; may be empty
 * @param headers   the covered header names in order, lower case
 * @param signature the signature bytes
 * @param created   the {@code created} parameter (epoch seconds), or null
 * @param expires   the {@code expires} parameter (epoch seconds), or null
 */
public record CavageSignature(String keyId, String algorithm, List<String> headers, byte[] signature, Long created, Long expires) {

    /**
     * Parses the header value. Tolerates whitespace around separators and the stray {@code Signature } prefix some
     * clients put in front (the {@code Authorization: Signature …} form too).
     */
    public static CavageSignature parse(String header) throws SignatureException {
        if (header == null || header.isBlank()) throw new SignatureException("no Signature header");
        String s = header.trim();
        if (s.regionMatches(true, 0, "Signature ", 0, 10)) s = s.substring(10).trim();
        Map<String, String> params = new LinkedHashMap<>();
        int i = 0;
        while (i < s.length()) {
            while (i < s.length() && (s.charAt(i) == ',' || Character.isWhitespace(s.charAt(i)))) i++;
            int eq = s.indexOf('=', i);
            if (eq < 0) break;
            String name = s.substring(i, eq).trim();
            i = eq + 1;
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
            String value;
            if (i < s.length() && s.charAt(i) == '"') {
                StringBuilder v = new StringBuilder();
                i++;
                while (i < s.length() && s.charAt(i) != '"') {
                    if (s.charAt(i) == '\\' && i + 1 < s.length()) i++;
                    v.append(s.charAt(i++));
                }
                if (i >= s.length()) throw new SignatureException("unterminated quoted value in Signature header");
                i++;
                value = v.toString();
            } else {
                int end = s.indexOf(',', i);
                if (end < 0) end = s.length();
                value = s.substring(i, end).trim();
                i = end;
            }
            params.putIfAbsent(name, value);
        }
        String keyId = params.get("keyId");
        String sig = params.get("signature");
        if (keyId == null || keyId.isBlank()) throw new SignatureException("Signature header has no keyId");
        if (sig == null || sig.isBlank()) throw new SignatureException("Signature header has no signature");
        String algorithm = params.getOrDefault("algorithm", "").toLowerCase(Locale.ROOT);
        String headersParam = params.get("headers");
        List<String> covered = new ArrayList<>();
        if (headersParam == null || headersParam.isBlank()) {
            covered.add(algorithm.equals("hs2019") ? "(created)" : "date");
        } else {
            for (String h : headersParam.trim().split("\\s+")) covered.add(h.toLowerCase(Locale.ROOT));
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sig.trim());
        } catch (IllegalArgumentException e) {
            throw new SignatureException("signature is not base64");
        }
        return new CavageSignature(keyId, algorithm, List.copyOf(covered), bytes, number(params.get("created")), number(params.get("expires")));
    }

    private static Long number(String v) throws SignatureException {
        if (v == null || v.isBlank()) return null;
        try {
            return (long) Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new SignatureException("created/expires is not a number");
        }
    }

    /**
     * The string that was signed: one {@code name: value} line per covered header, joined by {@code \n}.
     * {@code headers} are keyed by lower-case name; repeated headers are joined with {@code ", "}.
     */
    public String signingString(String method, String pathAndQuery, Map<String, List<String>> headers) throws SignatureException {
        List<String> lines = new ArrayList<>(this.headers.size());
        for (String name : this.headers) {
            String value = switch (name) {
                case "(request-target)" -> method.toLowerCase(Locale.ROOT) + " " + pathAndQuery;
                case "(created)" -> {
                    if (created == null) throw new SignatureException("(created) is covered but the created parameter is missing");
                    yield Long.toString(created);
                }
                case "(expires)" -> {
                    if (expires == null) throw new SignatureException("(expires) is covered but the expires parameter is missing");
                    yield Long.toString(expires);
                }
                default -> {
                    List<String> values = headers.get(name);
                    if (values == null || values.isEmpty()) throw new SignatureException("covered header " + name + " is missing");
                    yield String.join(", ", values.stream().map(String::trim).toList());
                }
            };
            lines.add(name + ": " + value);
        }
        return String.join("\n", lines);
    }

    /** Checks the signature against {@code key}: RSASSA-PKCS1-v1_5 with SHA-256 for RSA keys (whatever
     *  {@code algorithm} says, as Mastodon does), Ed25519 for Ed25519 keys. */
    public boolean verify(PublicKey key, String signingString) {
        try {
            Signature v = Signature.getInstance(javaAlgorithm(key));
            v.initVerify(key);
            v.update(signingString.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return v.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    static String javaAlgorithm(java.security.Key key) {
        return switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            case "EC" -> "SHA256withECDSA";
            default -> throw new IllegalArgumentException("unsupported key type " + key.getAlgorithm());
        };
    }
}
