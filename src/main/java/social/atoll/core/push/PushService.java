package social.atoll.core.push;

import com.interaso.webpush.CryptoKt;
import java.net.URI;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import social.atoll.infra.db.Database;
import social.atoll.infra.ids.IdGenerator;

/**
 * Mastodon's push subscription API: each access token has at most one subscription; creating one replaces the
 * token's previous one.
 */
public final class PushService {

    /** The request cannot make a subscription; the message is Mastodon's validation message. */
    public static final class InvalidSubscription extends RuntimeException {
        public InvalidSubscription(String message) { super(message); }
    }

    /** What an app asks for: the subscription's keys and endpoint, and which notifications it wants. */
    public record Request(String endpoint, String p256dh, String auth, boolean standard, Set<String> alerts, String policy) {}

    private final Database db;
    private final PushSubscriptionStore store;
    private final TokenSeal seal;
    private final VapidKeyPair vapid;
    private final IdGenerator ids;
    private final Clock clock;

    public PushService(Database db, PushSubscriptionStore store, TokenSeal seal, VapidKeyPair vapid, IdGenerator ids, Clock clock) {
        this.db = db;
        this.store = store;
        this.seal = seal;
        this.vapid = vapid;
        this.ids = ids;
        this.clock = clock;
    }

    /** The server's VAPID public key as apps pass it to {@code PushManager.subscribe} (base64url, uncompressed point). */
    public String vapidPublicKey() { return vapid.applicationServerKey(); }

    public PushSubscription subscribe(long tokenId, long accountId, String rawToken, Request r) {
        String endpoint = validEndpoint(r.endpoint());
        validKeys(r.p256dh(), r.auth());
        PushSubscription s = new PushSubscription(ids.next(), tokenId, accountId, endpoint, r.p256dh().trim(), r.auth().trim(),
                r.standard(), alerts(r.alerts()), policy(r.policy()), clock.instant());
        db.write(h -> {
            store.replace(h, s, seal.seal(rawToken));
            return null;
        });
        return s;
    }

    public Optional<PushSubscription> of(long tokenId) { return store.ofToken(tokenId); }

    /** Changes what is pushed; empty when the token has no subscription. */
    public Optional<PushSubscription> update(long tokenId, Set<String> alerts, String policy) {
        PushSubscription current = store.ofToken(tokenId).orElse(null);
        if (current == null) return Optional.empty();
        Set<String> a = alerts == null ? current.alerts() : alerts(alerts);
        String p = policy == null ? current.policy() : policy(policy);
        db.write(h -> store.updateData(h, tokenId, a, p));
        return store.ofToken(tokenId);
    }

    public void unsubscribe(long tokenId) {
        db.write(h -> store.deleteOfToken(h, tokenId));
    }

    private static Set<String> alerts(Set<String> wanted) {
        Set<String> out = new java.util.LinkedHashSet<>();
        for (String t : PushSubscription.ALERT_TYPES) if (wanted.contains(t)) out.add(t);
        return out;
    }

    private static String policy(String p) {
        if (p == null || p.isBlank()) return "all";
        String v = p.trim().toLowerCase(Locale.ROOT);
        if (!PushSubscription.POLICIES.contains(v)) throw new InvalidSubscription("Validation failed: Policy is not included in the list");
        return v;
    }

    private static String validEndpoint(String endpoint) {
        if (endpoint == null || endpoint.isBlank()) throw new InvalidSubscription("Validation failed: Endpoint can't be blank");
        try {
            URI u = new URI(endpoint.trim());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || u.getHost() == null || endpoint.length() > 2048)
                throw new InvalidSubscription("Validation failed: Endpoint is not a valid URL");
            return u.toString();
        } catch (java.net.URISyntaxException e) {
            throw new InvalidSubscription("Validation failed: Endpoint is not a valid URL");
        }
    }

    /** The browser's key must be a P-256 point and its auth secret 16 bytes, or nothing could ever be encrypted. */
    private static void validKeys(String p256dh, String auth) {
        if (p256dh == null || p256dh.isBlank() || auth == null || auth.isBlank())
            throw new InvalidSubscription("Validation failed: Key p256dh and auth can't be blank");
        try {
            byte[] point = decode(p256dh);
            if (point.length != 65 || point[0] != 4) throw new IllegalArgumentException("not an uncompressed point");
            // key agreement checks that the point is on the curve, which building the key does not
            var probe = CryptoKt.generateSecp256r1KeyPair();
            CryptoKt.generateEcdhSharedSecret((java.security.interfaces.ECPrivateKey) probe.getPrivate(),
                    CryptoKt.generatePublicKeyFromUncompressedBytes(point));
        } catch (Exception e) { // the library's Kotlin code passes on the JDK's checked exceptions undeclared
            throw new InvalidSubscription("Validation failed: Key p256dh is not a valid P-256 public key");
        }
        byte[] a;
        try {
            a = decode(auth);
        } catch (IllegalArgumentException e) {
            throw new InvalidSubscription("Validation failed: Key auth is not valid base64");
        }
        if (a.length != 16) throw new InvalidSubscription("Validation failed: Key auth must be 16 bytes");
    }

    /** Apps send base64url, some with padding, a few plain base64. */
    static byte[] decode(String b64) {
        String s = b64.trim().replace('+', '-').replace('/', '_');
        while (s.endsWith("=")) s = s.substring(0, s.length() - 1);
        return java.util.Base64.getUrlDecoder().decode(s);
    }
}
