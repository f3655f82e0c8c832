package social.atoll.api.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.interaso.webpush.CryptoKt;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.api.statuses.Fixtures;
import social.atoll.testing.Await;
import social.atoll.testing.TestHttp;
import social.atoll.testing.TestInstance;

/**
 * Web Push as a Mastodon app uses it: the app subscribes with a browser's keys, and a push service (a sink on
 * loopback here) receives each notification encrypted for those keys and signed with the server's VAPID key. The
 * test plays the browser: it decrypts the message (RFC 8291 aes128gcm, or the aesgcm draft for {@code standard=false})
 * and checks the payload, the VAPID token, and which notifications the alerts and policy let through.
 */
class WebPushIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private static TestInstance atoll;
    private static Fixtures f;
    private static HttpServer sink;
    private static String sinkUrl;
    /** What the sink received, by path. */
    private static final Map<String, List<Received>> RECEIVED = new ConcurrentHashMap<>();
    /** The status the sink answers, by path (201 when not set). */
    private static final Map<String, Integer> ANSWER = new ConcurrentHashMap<>();

    record Received(Map<String, String> headers, byte[] body) {}

    /** A browser's push subscription: its ECDH key pair and auth secret, and the endpoint the push service gave it. */
    record Browser(String endpoint, String path, KeyPair keys, byte[] auth) {
        byte[] publicBytes() { return CryptoKt.getUncompressedBytes((ECPublicKey) keys.getPublic()); }

        String p256dh() { return B64.encodeToString(publicBytes()); }

        String authB64() { return B64.encodeToString(auth); }
    }

    @BeforeAll
    static void start() throws Exception {
        atoll = TestInstance.start(Map.of("ATOLL_ALLOW_PRIVATE_ADDRESSES", "true"));
        f = new Fixtures(atoll);
        sink = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        sink.createContext("/push/", ex -> {
            Map<String, String> headers = new LinkedHashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
            byte[] body = ex.getRequestBody().readAllBytes();
            String path = ex.getRequestURI().getPath();
            RECEIVED.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>()).add(new Received(headers, body));
            ex.sendResponseHeaders(ANSWER.getOrDefault(path, 201), -1);
            ex.close();
        });
        sink.start();
        sinkUrl = "http://127.0.0.1:" + sink.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        atoll.close();
        sink.stop(0);
    }

    private static Browser browser(String name) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        byte[] auth = new byte[16];
        new SecureRandom().nextBytes(auth);
        String path = "/push/" + name;
        return new Browser(sinkUrl + path, path, g.generateKeyPair(), auth);
    }

    private static List<Received> received(Browser b) { return RECEIVED.getOrDefault(b.path(), List.of()); }

    private static void pushesDone() {
        Await.until("push jobs done", () -> atoll.app().infra.jobs.pendingCounts().getOrDefault("push.deliver", 0) == 0);
    }

    private static String vapidKey() {
        return atoll.http().get("/api/v2/instance").json().get("configuration").get("vapid").get("public_key").asText();
    }

    private static TestHttp.Response subscribe(String token, Browser b, Boolean standard, Map<String, Boolean> alerts, String policy) {
        Map<String, Object> keys = Map.of("p256dh", b.p256dh(), "auth", b.authB64());
        Map<String, Object> sub = new LinkedHashMap<>(Map.of("endpoint", b.endpoint(), "keys", keys));
        if (standard != null) sub.put("standard", standard);
        Map<String, Object> data = new LinkedHashMap<>(Map.of("alerts", alerts));
        if (policy != null) data.put("policy", policy);
        return atoll.http().postJson("/api/v1/push/subscription", token, Map.of("subscription", sub, "data", data));
    }

    @Test
    void mentionIsPushedEncryptedAndSignedAlertsAndPolicyFilter() throws Exception {
        Fixtures.User alice = f.user("wp_alice");
        Fixtures.User bob = f.user("wp_bob");
        Fixtures.User carol = f.user("wp_carol");
        Browser phone = browser("alice");

        TestHttp.Response created = subscribe(alice.token(), phone, true, Map.of("mention", true, "follow", true), "all");
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        JsonNode entity = created.json();
        assertThat(entity.get("id").isTextual()).isTrue();
        assertThat(entity.get("endpoint").asText()).isEqualTo(phone.endpoint());
        assertThat(entity.get("standard").asBoolean()).isTrue();
        assertThat(entity.get("policy").asText()).isEqualTo("all");
        assertThat(entity.get("alerts").get("mention").asBoolean()).isTrue();
        assertThat(entity.get("alerts").get("follow").asBoolean()).isTrue();
        assertThat(entity.get("alerts").get("favourite").asBoolean()).isFalse();
        assertThat(entity.get("alerts").has("admin.sign_up")).isTrue();
        String serverKey = entity.get("server_key").asText();
        assertThat(serverKey).isEqualTo(vapidKey());
        assertThat(Base64.getUrlDecoder().decode(serverKey)).hasSize(65);
        assertThat(atoll.http().get("/api/v1/apps/verify_credentials", alice.token()).json().get("vapid_key").asText()).isEqualTo(serverKey);
        assertThat(atoll.http().get("/api/v1/push/subscription", alice.token()).json()).isEqualTo(entity);

        // a mention: pushed, and the browser can read it
        String postId = f.post(bob, "@wp_alice hello from the push test", "public").get("id").asText();
        Await.until("the mention pushed", () -> received(phone).size() == 1);
        Received msg = received(phone).get(0);
        assertThat(msg.headers().get("content-encoding")).isEqualTo("aes128gcm");
        assertThat(msg.headers().get("ttl")).isEqualTo("172800");
        JsonNode payload = JSON.readTree(decryptAes128gcm(phone, msg.body()));
        JsonNode notifications = atoll.http().get("/api/v1/notifications", alice.token()).json();
        assertThat(payload.get("notification_type").asText()).isEqualTo("mention");
        assertThat(payload.get("notification_id").asText()).isEqualTo(notifications.get(0).get("id").asText());
        assertThat(payload.get("title").asText()).isEqualTo("You were mentioned by wp_bob");
        assertThat(payload.get("body").asText()).contains("hello from the push test");
        assertThat(payload.get("access_token").asText()).isEqualTo(alice.token());
        assertThat(payload.get("preferred_locale").asText()).isNotBlank();
        assertThat(payload.get("icon").asText()).startsWith("http");
        String authorization = msg.headers().get("authorization");
        assertThat(authorization).startsWith("vapid ");
        Map<String, String> vapid = new LinkedHashMap<>();
        for (String part : authorization.substring(6).split(",")) {
            String[] kv = part.trim().split("=", 2);
            vapid.put(kv[0], kv[1]);
        }
        assertThat(vapid.get("k")).isEqualTo(serverKey);
        JsonNode claims = verifiedJwt(vapid.get("t"), serverKey);
        assertThat(claims.get("aud").asText()).isEqualTo(sinkUrl);
        assertThat(claims.get("exp").asLong()).isGreaterThan(System.currentTimeMillis() / 1000);
        assertThat(claims.get("sub").asText()).startsWith("https://");

        // a favourite: its alert is off
        assertThat(atoll.http().postJson("/api/v1/statuses/" + f.post(alice, "mine", "public").get("id").asText() + "/favourite",
                bob.token(), Map.of()).status()).isEqualTo(200);
        pushesDone();
        assertThat(received(phone)).hasSize(1);

        // policy "followed": a mention from someone alice does not follow stays quiet, one from someone she follows is pushed
        TestHttp.Response updated = atoll.http().putJson("/api/v1/push/subscription", alice.token(),
                Map.of("data", Map.of("policy", "followed", "alerts", Map.of("mention", true))));
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().get("policy").asText()).isEqualTo("followed");
        assertThat(updated.json().get("alerts").get("follow").asBoolean()).isFalse();
        assertThat(updated.json().get("endpoint").asText()).isEqualTo(phone.endpoint());
        f.post(carol, "@wp_alice from a stranger", "public");
        pushesDone();
        assertThat(received(phone)).hasSize(1);
        f.follow(alice, bob);
        f.post(bob, "@wp_alice from a friend", "public");
        Await.until("the friend's mention pushed", () -> received(phone).size() == 2);
        assertThat(JSON.readTree(decryptAes128gcm(phone, received(phone).get(1).body())).get("body").asText()).contains("from a friend");

        // policy "follower": only those following alice; bob does not, carol will
        atoll.http().putJson("/api/v1/push/subscription", alice.token(), Map.of("data", Map.of("policy", "follower")));
        f.post(bob, "@wp_alice bob again", "public");
        pushesDone();
        assertThat(received(phone)).hasSize(2);
        f.follow(carol, alice);
        f.post(carol, "@wp_alice carol follows", "public");
        Await.until("the follower's mention pushed", () -> received(phone).size() == 3);

        // policy "none": nothing
        atoll.http().putJson("/api/v1/push/subscription", alice.token(), Map.of("data", Map.of("policy", "none")));
        f.post(carol, "@wp_alice nobody hears", "public");
        pushesDone();
        assertThat(received(phone)).hasSize(3);

        assertThat(atoll.http().delete("/api/v1/push/subscription", alice.token()).status()).isEqualTo(200);
        TestHttp.Response gone = atoll.http().get("/api/v1/push/subscription", alice.token());
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().get("error").asText()).isNotBlank();
        assertThat(postId).isNotBlank();
    }

    @Test
    void legacyAesgcmForStandardFalseFromAForm() throws Exception {
        Fixtures.User dana = f.user("wp_dana");
        Fixtures.User erin = f.user("wp_erin");
        Browser old = browser("dana");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("subscription[endpoint]", old.endpoint());
        form.put("subscription[keys][p256dh]", old.p256dh());
        form.put("subscription[keys][auth]", old.authB64());
        form.put("data[alerts][follow]", "true");
        form.put("data[alerts][admin.sign_up]", "1");
        TestHttp.Response r = atoll.http().postForm("/api/v1/push/subscription", dana.token(), form);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("standard").asBoolean()).isFalse();
        assertThat(r.json().get("alerts").get("admin.sign_up").asBoolean()).isTrue();
        assertThat(r.json().get("policy").asText()).isEqualTo("all");

        f.follow(erin, dana);
        Await.until("the follow pushed", () -> received(old).size() == 1);
        Received msg = received(old).get(0);
        assertThat(msg.headers().get("content-encoding")).isEqualTo("aesgcm");
        JsonNode payload = JSON.readTree(decryptAesgcm(old, msg));
        assertThat(payload.get("notification_type").asText()).isEqualTo("follow");
        assertThat(payload.get("title").asText()).isEqualTo("wp_erin is now following you");
        String authorization = msg.headers().get("authorization");
        assertThat(authorization).startsWith("WebPush ");
        assertThat(msg.headers().get("crypto-key")).contains("p256ecdsa=" + vapidKey());
        verifiedJwt(authorization.substring(8), vapidKey());
    }

    @Test
    void aPushServiceThatForgotTheSubscriptionRemovesIt() throws Exception {
        Fixtures.User gina = f.user("wp_gina");
        Fixtures.User hal = f.user("wp_hal");
        Browser lost = browser("gina");
        ANSWER.put(lost.path(), 410);
        assertThat(subscribe(gina.token(), lost, true, Map.of("mention", true), null).status()).isEqualTo(200);
        f.post(hal, "@wp_gina are you there", "public");
        Await.until("the push attempted", () -> received(lost).size() == 1);
        Await.until("the subscription removed", () -> atoll.http().get("/api/v1/push/subscription", gina.token()).status() == 404);
        f.post(hal, "@wp_gina still there?", "public");
        pushesDone();
        assertThat(received(lost)).hasSize(1);
    }

    @Test
    void scopeAndKeysAreChecked() throws Exception {
        Fixtures.User ivy = f.user("wp_ivy");
        Browser b = browser("ivy");
        String readOnly = atoll.token(ivy.id(), "read");
        assertThat(subscribe(readOnly, b, true, Map.of("mention", true), null).status()).isEqualTo(403);
        assertThat(atoll.http().get("/api/v1/push/subscription", ivy.token()).status()).isEqualTo(404);
        assertThat(atoll.http().putJson("/api/v1/push/subscription", ivy.token(), Map.of("data", Map.of("policy", "all"))).status()).isEqualTo(404);

        Map<String, Object> badKey = Map.of("subscription", Map.of("endpoint", b.endpoint(),
                "keys", Map.of("p256dh", B64.encodeToString(new byte[65]), "auth", b.authB64())));
        TestHttp.Response bad = atoll.http().postJson("/api/v1/push/subscription", ivy.token(), badKey);
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("error").asText()).contains("p256dh");
        byte[] offCurve = new byte[65];
        java.util.Arrays.fill(offCurve, (byte) 1);
        offCurve[0] = 4;
        Map<String, Object> notOnCurve = Map.of("subscription", Map.of("endpoint", b.endpoint(),
                "keys", Map.of("p256dh", B64.encodeToString(offCurve), "auth", b.authB64())));
        assertThat(atoll.http().postJson("/api/v1/push/subscription", ivy.token(), notOnCurve).status()).isEqualTo(422);
        Map<String, Object> badEndpoint = Map.of("subscription", Map.of("endpoint", "not a url",
                "keys", Map.of("p256dh", b.p256dh(), "auth", b.authB64())));
        assertThat(atoll.http().postJson("/api/v1/push/subscription", ivy.token(), badEndpoint).status()).isEqualTo(422);
        assertThat(subscribe(ivy.token(), b, true, Map.of(), "sometimes").status()).isEqualTo(422);

        // one subscription per token: a second POST replaces the first
        assertThat(subscribe(ivy.token(), b, true, Map.of("mention", true), null).status()).isEqualTo(200);
        Browser other = browser("ivy2");
        assertThat(subscribe(ivy.token(), other, true, Map.of("follow", true), null).status()).isEqualTo(200);
        JsonNode now = atoll.http().get("/api/v1/push/subscription", ivy.token()).json();
        assertThat(now.get("endpoint").asText()).isEqualTo(other.endpoint());
        assertThat(now.get("alerts").get("mention").asBoolean()).isFalse();
        assertThat(f.count("SELECT COUNT(*) FROM push_subscriptions WHERE account_id = " + ivy.id())).isEqualTo(1);
    }

    // ---- the browser's side ----

    /** RFC 8291: salt, record size, the sender's key, then one record ending in the 0x02 delimiter and zero padding. */
    private static byte[] decryptAes128gcm(Browser b, byte[] body) throws Exception {
        ByteBuffer in = ByteBuffer.wrap(body);
        byte[] salt = new byte[16];
        in.get(salt);
        in.getInt(); // record size
        byte[] senderKey = new byte[in.get() & 0xff];
        in.get(senderKey);
        byte[] cipherText = new byte[in.remaining()];
        in.get(cipherText);
        byte[] shared = CryptoKt.generateEcdhSharedSecret((ECPrivateKey) b.keys().getPrivate(),
                CryptoKt.generatePublicKeyFromUncompressedBytes(senderKey));
        byte[] ikm = hkdf(b.auth(), shared, concat(ascii("WebPush: info\0"), b.publicBytes(), senderKey), 32);
        byte[] key = hkdf(salt, ikm, ascii("Content-Encoding: aes128gcm\0"), 16);
        byte[] nonce = hkdf(salt, ikm, ascii("Content-Encoding: nonce\0"), 12);
        byte[] plain = aesGcm(key, nonce, cipherText);
        int end = plain.length - 1;
        while (end >= 0 && plain[end] == 0) end--;
        assertThat(plain[end]).as("last-record delimiter").isEqualTo((byte) 2);
        return java.util.Arrays.copyOf(plain, end);
    }

    /** The aesgcm draft: salt and sender key in headers, a two-byte padding length before the plaintext. */
    private static byte[] decryptAesgcm(Browser b, Received msg) throws Exception {
        byte[] salt = Base64.getUrlDecoder().decode(param(msg.headers().get("encryption"), "salt"));
        byte[] senderKey = Base64.getUrlDecoder().decode(param(msg.headers().get("crypto-key"), "dh"));
        byte[] shared = CryptoKt.generateEcdhSharedSecret((ECPrivateKey) b.keys().getPrivate(),
                CryptoKt.generatePublicKeyFromUncompressedBytes(senderKey));
        byte[] ikm = hkdf(b.auth(), shared, ascii("Content-Encoding: auth\0"), 32);
        byte[] context = concat(ascii("P-256\0"), new byte[] {0, 65}, b.publicBytes(), new byte[] {0, 65}, senderKey);
        byte[] key = hkdf(salt, ikm, concat(ascii("Content-Encoding: aesgcm\0"), context), 16);
        byte[] nonce = hkdf(salt, ikm, concat(ascii("Content-Encoding: nonce\0"), context), 12);
        byte[] plain = aesGcm(key, nonce, msg.body());
        int pad = ((plain[0] & 0xff) << 8) | (plain[1] & 0xff);
        return java.util.Arrays.copyOfRange(plain, 2 + pad, plain.length);
    }

    private static String param(String header, String name) {
        for (String part : header.split("[;,]")) {
            String[] kv = part.trim().split("=", 2);
            if (kv[0].equals(name)) return kv[1];
        }
        throw new AssertionError("no " + name + " in " + header);
    }

    /** Checks an ES256 JWT against the server's key and answers its claims. */
    private static JsonNode verifiedJwt(String jwt, String serverKey) throws Exception {
        String[] parts = jwt.split("\\.");
        assertThat(parts).hasSize(3);
        JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
        assertThat(header.get("alg").asText()).isEqualTo("ES256");
        Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
        verifier.initVerify(CryptoKt.generatePublicKeyFromUncompressedBytes(Base64.getUrlDecoder().decode(serverKey)));
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(verifier.verify(Base64.getUrlDecoder().decode(parts[2]))).as("VAPID signature").isTrue();
        return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    }

    /** HKDF-SHA-256 (RFC 5869), written out here so the test does not trust the sender's code. */
    private static byte[] hkdf(byte[] salt, byte[] ikm, byte[] info, int length) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(salt, "HmacSHA256"));
        byte[] prk = mac.doFinal(ikm);
        mac.init(new SecretKeySpec(prk, "HmacSHA256"));
        mac.update(info);
        mac.update((byte) 1);
        return java.util.Arrays.copyOf(mac.doFinal(), length);
    }

    private static byte[] aesGcm(byte[] key, byte[] nonce, byte[] cipherText) throws Exception {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        return c.doFinal(cipherText);
    }

    private static byte[] ascii(String s) { return s.getBytes(StandardCharsets.US_ASCII); }

    private static byte[] concat(byte[]... parts) {
        List<Byte> out = new ArrayList<>();
        for (byte[] p : parts) for (byte x : p) out.add(x);
        byte[] r = new byte[out.size()];
        for (int i = 0; i < r.length; i++) r[i] = out.get(i);
        return r;
    }
}
