package social.atoll.core.push;

import com.interaso.webpush.CryptoKt;
import com.interaso.webpush.WebPush;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;
import org.jsoup.Jsoup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountQueries;
import social.atoll.core.auth.AuthEvents;
import social.atoll.core.follow.FollowStore;
import social.atoll.core.notification.Notification;
import social.atoll.core.notification.NotificationEvents;
import social.atoll.core.notification.NotificationStore;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusQueries;
import social.atoll.infra.db.JsonColumns;
import social.atoll.infra.events.EventBus;
import social.atoll.infra.http.BlockedAddressException;
import social.atoll.infra.http.FetchFailedException;
import social.atoll.infra.http.Limits;
import social.atoll.infra.http.Response;
import social.atoll.infra.http.SafeHttpClient;
import social.atoll.infra.jobs.JobQueue;
import social.atoll.infra.jobs.JobType;
import social.atoll.infra.jobs.PermanentJobFailure;

/**
 * Sends each new notification to the account's push subscriptions, one durable job per subscription, with the payload
 * Mastodon sends. The body is encrypted for the browser (RFC 8291 {@code aes128gcm}, or the older {@code aesgcm} draft
 * for subscriptions made with {@code standard=false}) and the request carries a VAPID token (RFC 8292); both come
 * from the webpush library, and the request goes out through the SSRF-safe client. A push service that answers
 * 404 or 410 has forgotten the subscription, so it is removed.
 */
public final class WebPushDelivery {

    private static final Logger log = LoggerFactory.getLogger(WebPushDelivery.class);

    /** Which subscription gets which notification. */
    public record Push(long subscriptionId, long accountId, long notificationId) {}

    /** Push services keep a message this long for an offline device; Mastodon's value. */
    static final int TTL_SECONDS = (int) Duration.ofHours(48).toSeconds();
    public static final JobType<Push> TYPE = new JobType<>("push.deliver", Push.class, 10, Duration.ofSeconds(30),
            Duration.ofHours(2), Duration.ofSeconds(TTL_SECONDS));
    private static final Limits LIMITS = new Limits(64 * 1024, Duration.ofSeconds(10), Duration.ofSeconds(30), 0);
    private static final int BODY_LENGTH = 140;

    private final PushSubscriptionStore store;
    private final NotificationStore notifications;
    private final AccountQueries accounts;
    private final StatusQueries statuses;
    private final FollowStore follows;
    private final TokenSeal seal;
    private final VapidKeyPair vapid;
    private final WebPush webPush;
    private final SafeHttpClient http;
    private final JsonColumns json;
    private final LongFunction<String> avatarUrl;

    /**
     * @param subject   the VAPID contact ({@code mailto:} or {@code https://} URL) push services may use to reach us
     * @param avatarUrl the full URL of an account's avatar, the payload's {@code icon}
     */
    public WebPushDelivery(PushSubscriptionStore store, NotificationStore notifications, AccountQueries accounts, StatusQueries statuses,
                           FollowStore follows, TokenSeal seal, VapidKeyPair vapid, String subject, SafeHttpClient http,
                           JsonColumns json, LongFunction<String> avatarUrl) {
        this.store = store;
        this.notifications = notifications;
        this.accounts = accounts;
        this.statuses = statuses;
        this.follows = follows;
        this.seal = seal;
        this.vapid = vapid;
        this.webPush = new WebPush(subject, vapid.keys());
        this.http = http;
        this.json = json;
        this.avatarUrl = avatarUrl;
    }

    public void register(EventBus events, JobQueue jobs) {
        // enqueued with the notification, so a push is never lost to a crash between the two
        events.inTransaction(NotificationEvents.Created.class, (h, e) -> {
            for (long id : store.idsOfAccount(h, e.accountId()))
                jobs.enqueue(TYPE, id + ":" + e.notificationId(), new Push(id, e.accountId(), e.notificationId()));
        });
        events.inTransaction(AuthEvents.TokenRevoked.class, (h, e) -> store.deleteOfToken(h, e.tokenId()));
        jobs.register(TYPE, this::deliver);
    }

    void deliver(Push p) throws FetchFailedException {
        PushSubscriptionStore.Sealed found = store.byId(p.subscriptionId()).orElse(null);
        if (found == null) return; // unsubscribed, or its token revoked, since
        PushSubscription s = found.subscription();
        Notification n = notifications.byId(p.accountId(), p.notificationId()).orElse(null);
        if (n == null || !wanted(s, n)) return;
        String token;
        try {
            token = seal.open(found.sealedToken());
        } catch (GeneralSecurityException e) {
            throw new PermanentJobFailure("push subscription " + s.id() + " was sealed with another push_token_key");
        }
        byte[] payload = payload(n, token);
        Encrypted message = s.standard() ? aes128gcm(s, payload) : aesgcm(s, payload);
        Response r;
        try {
            r = http.post(URI.create(s.endpoint()), message.headers(), message.body(), LIMITS);
        } catch (BlockedAddressException e) {
            throw new PermanentJobFailure("push endpoint refused: " + e.getMessage(), e);
        }
        if (r.ok()) return;
        if (r.status() == 404 || r.status() == 410) {
            store.deleteGone(s.id(), s.endpoint());
            log.info("push subscription {} removed: its push service answered {}", s.id(), r.status());
            return;
        }
        if (r.status() == 429 || r.status() >= 500) throw new FetchFailedException("push service answered " + r.status());
        throw new PermanentJobFailure("push service refused the message: " + r.status());
    }

    /** Mastodon's rule: the type is switched on, and the policy lets the sender through. */
    boolean wanted(PushSubscription s, Notification n) {
        if (!s.alerts().contains(n.type())) return false;
        return switch (s.policy()) {
            case "all" -> true;
            case "followed" -> follows.follows(n.accountId(), n.fromAccountId());
            case "follower" -> follows.follows(n.fromAccountId(), n.accountId());
            default -> false;
        };
    }

    private byte[] payload(Notification n, String token) {
        Optional<Account> from = accounts.byId(n.fromAccountId());
        String name = from.map(a -> a.displayName() != null && !a.displayName().isBlank() ? a.displayName() : a.username()).orElse("");
        Status status = n.statusId() == null ? null : statuses.byId(n.statusId()).orElse(null);
        String text = status != null
                ? (status.spoilerText() != null && !status.spoilerText().isBlank() ? status.spoilerText() : plain(status.content()))
                : from.map(a -> plain(a.note())).orElse("");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("access_token", token);
        out.put("preferred_locale", accounts.user(n.accountId()).map(u -> u.locale()).filter(l -> l != null && !l.isBlank()).orElse("en"));
        out.put("notification_id", Long.toString(n.id()));
        out.put("notification_type", n.type());
        out.put("icon", avatarUrl.apply(n.fromAccountId()));
        out.put("title", title(n.type(), name));
        out.put("body", truncate(text));
        return json.write(out).getBytes(StandardCharsets.UTF_8);
    }

    /** Mastodon's English titles (its notification_mailer subjects). */
    static String title(String type, String name) {
        return switch (type) {
            case Notification.MENTION -> "You were mentioned by " + name;
            case Notification.STATUS -> name + " just posted";
            case Notification.REBLOG -> name + " boosted your post";
            case Notification.FAVOURITE -> name + " favorited your post";
            case Notification.FOLLOW -> name + " is now following you";
            case Notification.FOLLOW_REQUEST -> "Pending follower: " + name;
            case Notification.POLL -> "A poll has ended";
            case Notification.UPDATE -> name + " edited a post";
            case Notification.ADMIN_SIGN_UP -> "New sign-up: " + name;
            case Notification.ADMIN_REPORT -> "New report from " + name;
            default -> "New notification";
        };
    }

    private static String plain(String html) {
        return html == null || html.isEmpty() ? "" : Jsoup.parse(html).text();
    }

    /** Rails' truncate: at most 140 characters, the last three "..." when cut. */
    private static String truncate(String s) {
        if (s.codePointCount(0, s.length()) <= BODY_LENGTH) return s;
        return s.substring(0, s.offsetByCodePoints(0, BODY_LENGTH - 3)) + "...";
    }

    record Encrypted(Map<String, String> headers, byte[] body) {}

    private Encrypted aes128gcm(PushSubscription s, byte[] payload) {
        byte[] body = webPush.getBody(payload, PushService.decode(s.keyP256dh()), PushService.decode(s.keyAuth()));
        Map<String, String> headers = new LinkedHashMap<>(webPush.getHeaders(s.endpoint(), TTL_SECONDS, null, WebPush.Urgency.Normal));
        return new Encrypted(headers, body);
    }

    /**
     * The {@code aesgcm} content coding of draft-ietf-webpush-encryption-04, which older apps ask for with
     * {@code standard=false}: the same ECDH and HKDF steps as RFC 8291 with the draft's labels, salt and sender key
     * in the {@code Encryption} and {@code Crypto-Key} headers, and the VAPID token in the draft's
     * {@code WebPush} authorization scheme. The primitives are the library's.
     */
    private Encrypted aesgcm(PushSubscription s, byte[] payload) {
        byte[] uaBytes = PushService.decode(s.keyP256dh());
        ECPublicKey ua = CryptoKt.generatePublicKeyFromUncompressedBytes(uaBytes);
        KeyPair local = CryptoKt.generateSecp256r1KeyPair();
        byte[] asBytes = CryptoKt.getUncompressedBytes((ECPublicKey) local.getPublic());
        byte[] shared = CryptoKt.generateEcdhSharedSecret((ECPrivateKey) local.getPrivate(), ua);
        byte[] salt = CryptoKt.generateSalt(16);
        byte[] ikm = CryptoKt.hkdfSha256(shared, PushService.decode(s.keyAuth()), ascii("Content-Encoding: auth\0"), 32);
        byte[] context = CryptoKt.concatBytes(ascii("P-256\0"), new byte[] {0, 65}, uaBytes, new byte[] {0, 65}, asBytes);
        byte[] key = CryptoKt.hkdfSha256(ikm, salt, CryptoKt.concatBytes(ascii("Content-Encoding: aesgcm\0"), context), 16);
        byte[] nonce = CryptoKt.hkdfSha256(ikm, salt, CryptoKt.concatBytes(ascii("Content-Encoding: nonce\0"), context), 12);
        byte[] body = CryptoKt.encryptAesGcmNoPadding(key, nonce, CryptoKt.concatBytes(new byte[] {0, 0}, payload));
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String jwt = webPush.getToken(webPush.getAudience(s.endpoint()), 12 * 3600);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "WebPush " + jwt);
        headers.put("Crypto-Key", "dh=" + b64.encodeToString(asBytes) + ";p256ecdsa=" + vapid.applicationServerKey());
        headers.put("Encryption", "salt=" + b64.encodeToString(salt));
        headers.put("Content-Encoding", "aesgcm");
        headers.put("Content-Type", "application/octet-stream");
        headers.put("TTL", Integer.toString(TTL_SECONDS));
        headers.put("Urgency", "normal");
        return new Encrypted(headers, body);
    }

    private static byte[] ascii(String s) { return s.getBytes(StandardCharsets.US_ASCII); }
}
