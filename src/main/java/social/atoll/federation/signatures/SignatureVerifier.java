package social.atoll.federation.signatures;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import social.atoll.config.Settings;
import social.atoll.core.moderation.FederationPolicy;
import social.atoll.federation.vocab.AsValues;

/**
 * Checks the signature of an inbound request and names its signer, with Mastodon's rules (spec §5.2):
 * <ul>
 * <li>draft-cavage ({@code Signature}, algorithms {@code rsa-sha256} and {@code hs2019}) or RFC 9421
 *     ({@code Signature-Input} + {@code Signature}); exactly one signature;</li>
 * <li>the signature covers {@code date} or {@code (created)}, and {@code (request-target)} (or {@code digest});
 *     GETs also {@code host}; POSTs a {@code Digest} (or {@code Content-Digest}) that matches the body;</li>
 * <li>time: created (or {@code Date}) at most an hour ahead, and not past its expiry (5 minutes after creation
 *     unless {@code expires} says otherwise, at most 12 hours) by more than an hour;</li>
 * <li>the key is resolved from its id (known keys from the database; unknown ones fetched), belongs to an actor on
 *     the key's own host, and is fetched again once when the signature does not verify (key rotation);</li>
 * <li>a signer on a suspended or (in limited federation) not allowed host, or itself suspended, gets 403.</li>
 * </ul>
 * The request target is checked with its query string and, failing that, without (older Mastodon signed without);
 * an RFC 9421 base also in Fedify's writing of {@code @query} and {@code @request-target}
 * ({@link MessageSignature.Dialect}).
 */
public final class SignatureVerifier {

    static final Duration CLOCK_SKEW = Duration.ofHours(1);
    static final Duration DEFAULT_EXPIRY = Duration.ofMinutes(5);
    static final Duration MAX_EXPIRY = Duration.ofHours(12);

    private final Settings settings;
    private final KeyOwners keys;
    private final FederationPolicy policy;
    private final Clock clock;

    public SignatureVerifier(Settings settings, KeyOwners keys, FederationPolicy policy, Clock clock) {
        this.settings = settings;
        this.keys = keys;
        this.policy = policy;
        this.clock = clock;
    }

    /** True when the request carries a signature of either kind (so a failure is an error, not anonymity). */
    public static boolean isSigned(Map<String, List<String>> headers) {
        Map<String, List<String>> h = lowerCase(headers);
        return h.containsKey("signature") || h.containsKey("signature-input")
                || first(h, "authorization").map(v -> v.regionMatches(true, 0, "Signature ", 0, 10)).orElse(false);
    }

    /**
     * Verifies a request. {@code pathAndQuery} is the request target as received ({@code /inbox?x=1});
     * {@code headers} may use any case; {@code body} may be null for GETs.
     */
    public VerifiedRequest verify(String method, String pathAndQuery, Map<String, List<String>> headers, byte[] body) throws SignatureException {
        Map<String, List<String>> h = lowerCase(headers);
        byte[] content = body == null ? new byte[0] : body;
        if (h.containsKey("signature-input")) return verify9421(method, pathAndQuery, h, content);
        String header = first(h, "signature").orElse(null);
        if (header == null) {
            header = first(h, "authorization").filter(v -> v.regionMatches(true, 0, "Signature ", 0, 10)).orElse(null);
        }
        if (header == null) throw new SignatureException("request is not signed");
        CavageSignature sig = CavageSignature.parse(header);
        boolean post = method.equalsIgnoreCase("POST");
        List<String> covered = sig.headers();
        if (!covered.contains("date") && !covered.contains("(created)")) throw new SignatureException("signature must cover date or (created)");
        if (!covered.contains("(request-target)") && !covered.contains("digest")) throw new SignatureException("signature must cover (request-target)");
        if (!post && !covered.contains("host")) throw new SignatureException("signature of a GET must cover host");
        if (post && !covered.contains("digest")) throw new SignatureException("signature of a POST must cover digest");

        Instant created = sig.created() != null && covered.contains("(created)") ? Instant.ofEpochSecond(sig.created())
                : first(h, "date").flatMap(HttpDates::parse).orElseThrow(() -> new SignatureException("Date header missing or unreadable"));
        Instant expires = sig.expires() != null && covered.contains("(expires)") ? Instant.ofEpochSecond(sig.expires()) : null;
        checkTime(created, expires);
        if (covered.contains("digest") || post) {
            String digest = first(h, "digest").orElseThrow(() -> new SignatureException("Digest header missing"));
            if (!Digests.digestMatches(digest, content)) throw new SignatureException("Digest does not match the body");
        }
        List<String> strings = new ArrayList<>();
        strings.add(sig.signingString(method, pathAndQuery, h));
        int q = pathAndQuery.indexOf('?');
        if (q >= 0) strings.add(sig.signingString(method, pathAndQuery.substring(0, q), h));
        return check(sig.keyId(), VerifiedRequest.Scheme.DRAFT_CAVAGE, key -> strings.stream().anyMatch(s -> sig.verify(key, s)));
    }

    private VerifiedRequest verify9421(String method, String pathAndQuery, Map<String, List<String>> h, byte[] content) throws SignatureException {
        MessageSignature sig = MessageSignature.parse(first(h, "signature-input").orElse(null), first(h, "signature").orElse(null));
        if (sig.keyId() == null) throw new SignatureException("Signature-Input has no keyid");
        if (sig.created() == null) throw new SignatureException("Signature-Input has no created parameter");
        List<String> covered = sig.components();
        if (!covered.contains("@method")) throw new SignatureException("signature must cover @method");
        if (!covered.contains("@target-uri") && !covered.contains("@request-target") && !covered.contains("@path"))
            throw new SignatureException("signature must cover @target-uri");
        if (!covered.contains("@target-uri") && !covered.contains("@authority") && !covered.contains("host"))
            throw new SignatureException("signature must cover @authority");
        boolean post = method.equalsIgnoreCase("POST");
        if (post && !covered.contains("content-digest")) throw new SignatureException("signature of a POST must cover content-digest");
        checkTime(Instant.ofEpochSecond(sig.created()), sig.expires() == null ? null : Instant.ofEpochSecond(sig.expires()));
        if (covered.contains("content-digest") || post) {
            String digest = first(h, "content-digest").orElseThrow(() -> new SignatureException("Content-Digest header missing"));
            if (!Digests.contentDigestMatches(digest, content)) throw new SignatureException("Content-Digest does not match the body");
        }
        String scheme = URI.create(settings.baseUrl()).getScheme();
        List<String> bases = sig.candidateBases(method, scheme, pathAndQuery, h);
        return check(sig.keyId(), VerifiedRequest.Scheme.RFC9421, key -> bases.stream().anyMatch(base -> sig.verify(key, base)));
    }

    @FunctionalInterface
    private interface KeyCheck {
        boolean test(java.security.PublicKey key);
    }

    /** Resolves the key, checks, and on failure fetches the key once more (the signer may have rotated it). */
    private VerifiedRequest check(String keyId, VerifiedRequest.Scheme scheme, KeyCheck check) throws SignatureException {
        String host = AsValues.authority(keyId);
        if (host == null) throw new SignatureException("keyId is not an http(s) URL");
        if (!policy.allows(host)) throw new SignatureException(403, "the signer's domain is not allowed here");
        Optional<KeyOwners.KeyOwner> owner = keys.keyOwner(keyId, false);
        if (owner.isPresent() && check.test(owner.get().key())) return verified(owner.get(), keyId, scheme, host);
        if (owner.isPresent() && owner.get().fetched()) throw new SignatureException("signature does not verify with " + keyId);
        Optional<KeyOwners.KeyOwner> refetched = owner.isEmpty() ? Optional.empty() : keys.keyOwner(keyId, true);
        if (refetched.isEmpty()) throw new SignatureException("cannot fetch the key " + keyId);
        if (!check.test(refetched.get().key())) throw new SignatureException("signature does not verify with " + keyId);
        return verified(refetched.get(), keyId, scheme, host);
    }

    private static VerifiedRequest verified(KeyOwners.KeyOwner owner, String keyId, VerifiedRequest.Scheme scheme, String host)
            throws SignatureException {
        if (!host.equals(AsValues.authority(owner.account().uri()))) throw new SignatureException("key " + keyId + " belongs to an actor on another host");
        // a suspended account, ours or another server's (suspended by a moderator), speaks for nobody here
        if (owner.account().suspended()) throw new SignatureException(403, "the signer is suspended");
        return new VerifiedRequest(owner.account(), keyId, scheme);
    }

    private void checkTime(Instant created, Instant expires) throws SignatureException {
        Instant now = clock.instant();
        Instant until = expires != null ? expires : created.plus(DEFAULT_EXPIRY);
        if (Duration.between(created, until).compareTo(MAX_EXPIRY) > 0) until = created.plus(MAX_EXPIRY);
        if (created.isAfter(now.plus(CLOCK_SKEW))) throw new SignatureException("signature is dated in the future");
        if (until.isBefore(now.minus(CLOCK_SKEW))) throw new SignatureException("signature has expired (Date too old)");
    }

    static Map<String, List<String>> lowerCase(Map<String, List<String>> headers) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        headers.forEach((k, v) -> out.computeIfAbsent(k.toLowerCase(Locale.ROOT), x -> new ArrayList<>()).addAll(v));
        return out;
    }

    private static Optional<String> first(Map<String, List<String>> h, String name) {
        List<String> v = h.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.ofNullable(v.get(0));
    }
}
