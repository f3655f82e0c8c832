package social.atoll.federation.signatures;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One RFC 9421 HTTP Message Signature of a request ({@code Signature-Input} + {@code Signature}), its signature base
 * and its check. Covered components may be header fields (lower case) and the derived components {@code @method},
 * {@code @target-uri}, {@code @authority}, {@code @scheme}, {@code @request-target}, {@code @path}, {@code @query};
 * component parameters ({@code ;sf}, {@code ;key} …) are refused rather than guessed at.
 *
 * @param label      the dictionary key both headers use ({@code sig1})
 * @param components covered component names, in order
 * @param params     the signature parameters ({@code created}, {@code expires}, {@code keyid}, {@code alg}, …)
 * @param paramsText the inner list with parameters exactly as it appears in {@code Signature-Input}
 * @param signature  the signature bytes
 */
public record MessageSignature(String label, List<String> components, Map<String, String> params, String paramsText, byte[] signature) {

    public String keyId() { return params.get("keyid"); }

    public String alg() { return params.get("alg"); }

    public Long created() { return longParam("created"); }

    public Long expires() { return longParam("expires"); }

    private Long longParam(String name) {
        String v = params.get(name);
        if (v == null) return null;
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Reads the first signature of the {@code Signature-Input} dictionary and its value from {@code Signature}. */
    public static MessageSignature parse(String signatureInput, String signatureHeader) throws SignatureException {
        if (signatureInput == null || signatureHeader == null) throw new SignatureException("Signature-Input without Signature");
        Map<String, String> inputs = dictionary(signatureInput);
        Map<String, String> values = dictionary(signatureHeader);
        if (inputs.isEmpty()) throw new SignatureException("empty Signature-Input");
        if (inputs.size() > 1) throw new SignatureException("more than one signature in Signature-Input");
        String label = inputs.keySet().iterator().next();
        String input = inputs.get(label);
        String value = values.get(label);
        if (value == null) throw new SignatureException("no Signature for label " + label);
        value = value.trim();
        if (!value.startsWith(":") || !value.endsWith(":") || value.length() < 2) throw new SignatureException("Signature is not a byte sequence");
        byte[] sig;
        try {
            sig = Base64.getDecoder().decode(value.substring(1, value.length() - 1));
        } catch (IllegalArgumentException e) {
            throw new SignatureException("Signature is not base64");
        }
        input = input.trim();
        if (!input.startsWith("(")) throw new SignatureException("Signature-Input is not an inner list");
        int close = input.indexOf(')');
        if (close < 0) throw new SignatureException("Signature-Input inner list is not closed");
        List<String> components = new ArrayList<>();
        String list = input.substring(1, close).trim();
        int i = 0;
        while (i < list.length()) {
            while (i < list.length() && list.charAt(i) == ' ') i++;
            if (i >= list.length()) break;
            if (list.charAt(i) != '"') throw new SignatureException("covered component is not a string");
            int end = list.indexOf('"', i + 1);
            if (end < 0) throw new SignatureException("unterminated component name");
            components.add(list.substring(i + 1, end));
            i = end + 1;
            if (i < list.length() && list.charAt(i) == ';') throw new SignatureException("component parameters are not supported");
        }
        Map<String, String> params = new LinkedHashMap<>();
        String rest = input.substring(close + 1);
        for (String p : rest.split(";")) {
            if (p.isBlank()) continue;
            int eq = p.indexOf('=');
            String name = (eq < 0 ? p : p.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            String v = eq < 0 ? "true" : p.substring(eq + 1).trim();
            if (v.startsWith("\"") && v.endsWith("\"") && v.length() >= 2) v = v.substring(1, v.length() - 1);
            params.put(name, v);
        }
        return new MessageSignature(label, List.copyOf(components), params, input, sig);
    }

    /** Splits a structured-field dictionary on top-level commas (outside quotes and parentheses). */
    static Map<String, String> dictionary(String header) {
        Map<String, String> out = new LinkedHashMap<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i <= header.length(); i++) {
            char c = i < header.length() ? header.charAt(i) : ',';
            if (quoted) {
                if (c == '\\') i++;
                else if (c == '"') quoted = false;
                continue;
            }
            if (c == '"') quoted = true;
            else if (c == '(') depth++;
            else if (c == ')') depth--;
            else if (c == ',' && depth == 0) {
                String member = header.substring(start, Math.min(i, header.length())).trim();
                start = i + 1;
                int eq = member.indexOf('=');
                if (eq > 0) out.putIfAbsent(member.substring(0, eq).trim(), member.substring(eq + 1).trim());
            }
        }
        return out;
    }

    /**
     * How derived components are written into the signature base. Fedify (up to 2.3 at least) writes two of them its
     * own way: {@code @query} without the leading {@code ?} (RFC 9421 §2.2.7 keeps it) and {@code @request-target}
     * as {@code get /path?query}, method first, the way draft-cavage's {@code (request-target)} was (§2.2.5 has the
     * bare target). Its default components avoid both, but a Fedify signer that covers them, e.g. to answer an
     * {@code Accept-Signature} challenge, signs a base the RFC's rules never rebuild.
     */
    public enum Dialect { RFC9421, FEDIFY }

    /**
     * The bases this signature may have been made over: the RFC's, then Fedify's when it covers a component that
     * Fedify writes differently (see {@link Dialect}).
     */
    public List<String> candidateBases(String method, String scheme, String pathAndQuery, Map<String, List<String>> headers) throws SignatureException {
        String rfc = signatureBase(method, scheme, pathAndQuery, headers, Dialect.RFC9421);
        if (!components.contains("@query") && !components.contains("@request-target")) return List.of(rfc);
        return List.of(rfc, signatureBase(method, scheme, pathAndQuery, headers, Dialect.FEDIFY));
    }

    /** The RFC 9421 signature base; see {@link #signatureBase(String, String, String, Map, Dialect)}. */
    public String signatureBase(String method, String scheme, String pathAndQuery, Map<String, List<String>> headers) throws SignatureException {
        return signatureBase(method, scheme, pathAndQuery, headers, Dialect.RFC9421);
    }

    /**
     * The signature base (RFC 9421 §2.5) of a request. {@code scheme} and {@code pathAndQuery} describe the request as
     * it was addressed; {@code headers} are keyed by lower-case name.
     */
    public String signatureBase(String method, String scheme, String pathAndQuery, Map<String, List<String>> headers, Dialect dialect)
            throws SignatureException {
        boolean fedify = dialect == Dialect.FEDIFY;
        StringBuilder base = new StringBuilder();
        String authority = first(headers, "host");
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        String query = q < 0 ? "" : pathAndQuery.substring(q + 1);
        for (String c : components) {
            String value = switch (c) {
                case "@method" -> method.toUpperCase(Locale.ROOT);
                case "@authority" -> require(authority, "host").toLowerCase(Locale.ROOT);
                case "@scheme" -> scheme.toLowerCase(Locale.ROOT);
                case "@target-uri" -> scheme.toLowerCase(Locale.ROOT) + "://" + require(authority, "host").toLowerCase(Locale.ROOT) + pathAndQuery;
                case "@request-target" -> fedify ? method.toLowerCase(Locale.ROOT) + " " + pathAndQuery : pathAndQuery;
                case "@path" -> path.isEmpty() ? "/" : path;
                case "@query" -> fedify ? query : "?" + query;
                default -> {
                    if (c.startsWith("@")) throw new SignatureException("unsupported component " + c);
                    List<String> values = headers.get(c.toLowerCase(Locale.ROOT));
                    if (values == null || values.isEmpty()) throw new SignatureException("covered header " + c + " is missing");
                    yield String.join(", ", values.stream().map(String::trim).toList());
                }
            };
            base.append('"').append(c).append("\": ").append(value).append('\n');
        }
        base.append("\"@signature-params\": ").append(paramsText);
        return base.toString();
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? null : v.get(0).trim();
    }

    private static String require(String value, String name) throws SignatureException {
        if (value == null) throw new SignatureException("request has no " + name);
        return value;
    }

    /** Checks the signature with {@code key}, by the {@code alg} parameter or, without one, by the key's type. */
    public boolean verify(PublicKey key, String base) {
        try {
            Signature v = verifier(alg(), key);
            v.initVerify(key);
            v.update(base.getBytes(StandardCharsets.UTF_8));
            return v.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Signs a signature base (tests, and senders that upgrade to RFC 9421). */
    public static byte[] sign(String alg, PrivateKey key, String base) {
        try {
            Signature s = verifier(alg, key);
            s.initSign(key);
            s.update(base.getBytes(StandardCharsets.UTF_8));
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Signature verifier(String alg, java.security.Key key) throws GeneralSecurityException {
        String a = alg == null ? switch (key.getAlgorithm()) {
            case "RSA" -> "rsa-v1_5-sha256";
            case "Ed25519", "EdDSA" -> "ed25519";
            case "EC" -> "ecdsa-p256-sha256";
            default -> throw new IllegalArgumentException("unsupported key type");
        } : alg.toLowerCase(Locale.ROOT);
        return switch (a) {
            case "rsa-v1_5-sha256" -> requireKey(key, "RSA", Signature.getInstance("SHA256withRSA"));
            case "rsa-pss-sha512" -> {
                Signature s = requireKey(key, "RSA", Signature.getInstance("RSASSA-PSS"));
                s.setParameter(new PSSParameterSpec("SHA-512", "MGF1", MGF1ParameterSpec.SHA512, 64, 1));
                yield s;
            }
            case "ecdsa-p256-sha256" -> requireKey(key, "EC", Signature.getInstance("SHA256withECDSAinP1363Format"));
            case "ed25519" -> {
                if (!key.getAlgorithm().equals("Ed25519") && !key.getAlgorithm().equals("EdDSA")) throw new IllegalArgumentException("not an Ed25519 key");
                yield Signature.getInstance("Ed25519");
            }
            default -> throw new IllegalArgumentException("unsupported alg " + alg);
        };
    }

    private static Signature requireKey(java.security.Key key, String type, Signature s) {
        if (!key.getAlgorithm().equals(type)) throw new IllegalArgumentException("alg does not fit a " + key.getAlgorithm() + " key");
        return s;
    }
}
