package social.atoll.federation.signatures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.core.account.Account;
import social.atoll.federation.DocumentServer;
import social.atoll.federation.keys.LocalKeys;
import social.atoll.federation.keys.Pem;
import social.atoll.testing.TestInstance;

/**
 * Instance B verifies requests signed by alice of instance A (both real, on loopback): it fetches her key from A,
 * caches it, refetches it once after a rotation, and refuses tampered bodies, wrong keys, stale dates, missing
 * digests and keys that name an actor on another host.
 */
class SignatureVerifierIT {

    static final byte[] BODY = "{\"type\":\"Create\"}".getBytes(StandardCharsets.UTF_8);

    static TestInstance a;
    static TestInstance b;
    static DocumentServer remote;
    static Account alice;
    static PrivateKey aliceKey;

    @BeforeAll
    static void start() {
        Map<String, String> env = Map.of("ATOLL_ALLOW_PRIVATE_ADDRESSES", "true");
        a = TestInstance.start(env);
        b = TestInstance.start(env);
        a.createUser("alice");
        alice = a.app().core.accounts.byAcct("alice", null).orElseThrow();
        aliceKey = LocalKeys.privateKey(alice).orElseThrow();
        remote = new DocumentServer();
    }

    @AfterAll
    static void stop() {
        remote.close();
        a.close();
        b.close();
    }

    URI inbox() { return URI.create(b.baseUrl() + "/inbox"); }

    static Map<String, List<String>> multi(Map<String, String> headers) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        headers.forEach((k, v) -> out.put(k, List.of(v)));
        return out;
    }

    VerifiedRequest verifyPost(Map<String, String> headers, byte[] body) throws SignatureException {
        return b.app().federation.signatureVerifier.verify("POST", "/inbox", multi(headers), body);
    }

    @Test
    void aSignedPostNamesItsRemoteSigner() throws Exception {
        VerifiedRequest v = verifyPost(HttpSignatures.signPost(inbox(), BODY, "application/activity+json", alice.publicKeyId(), aliceKey), BODY);
        assertThat(v.scheme()).isEqualTo(VerifiedRequest.Scheme.DRAFT_CAVAGE);
        assertThat(v.actor().uri()).isEqualTo(alice.uri());
        assertThat(v.actor().domain()).isEqualTo(a.domain());
        assertThat(v.actor().username()).isEqualTo("alice");
        assertThat(v.actor().inboxUrl()).isEqualTo(alice.uri() + "/inbox");
        assertThat(v.actor().local()).isFalse();
        // B stored her as a remote account, with her key
        assertThat(b.app().core.accounts.byUri(alice.uri()).orElseThrow().publicKeyPem()).isEqualTo(alice.publicKeyPem());
    }

    @Test
    void aSignedGetVerifiesWithItsQuery() throws Exception {
        URI target = URI.create(b.baseUrl() + "/users/x/outbox?page=true");
        Map<String, String> h = HttpSignatures.signGet(target, "application/activity+json", alice.publicKeyId(), aliceKey);
        assertThat(b.app().federation.signatureVerifier.verify("GET", "/users/x/outbox?page=true", multi(h), null).actor().uri()).isEqualTo(alice.uri());
    }

    @Test
    void tamperedBodyIsRefused() {
        Map<String, String> h = HttpSignatures.signPost(inbox(), BODY, "application/activity+json", alice.publicKeyId(), aliceKey);
        assertThatThrownBy(() -> verifyPost(h, "{\"type\":\"Delete\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SignatureException.class).hasMessageContaining("Digest");
    }

    @Test
    void tamperedDigestAndBodyTogetherStillFail() {
        byte[] other = "{\"type\":\"Delete\"}".getBytes(StandardCharsets.UTF_8);
        Map<String, String> h = new LinkedHashMap<>(HttpSignatures.signPost(inbox(), BODY, "application/activity+json", alice.publicKeyId(), aliceKey));
        h.put("Digest", Digests.digestHeader(other));
        assertThatThrownBy(() -> verifyPost(h, other)).isInstanceOf(SignatureException.class).hasMessageContaining("does not verify");
    }

    @Test
    void aWrongKeyIsRefused() throws Exception {
        KeyPair other = LocalKeys.rsa();
        Map<String, String> h = HttpSignatures.signPost(inbox(), BODY, "application/activity+json", alice.publicKeyId(), other.getPrivate());
        assertThatThrownBy(() -> verifyPost(h, BODY)).isInstanceOf(SignatureException.class)
                .satisfies(e -> assertThat(((SignatureException) e).status()).isEqualTo(401));
    }

    @Test
    void staleAndFutureDatesAreRefused() {
        Map<String, String> old = HttpSignatures.signPost(inbox(), BODY, "application/activity+json", alice.publicKeyId(), aliceKey,
                Instant.now().minus(Duration.ofHours(2)));
        assertThatThrownBy(() -> verifyPost(old, BODY)).isInstanceOf(SignatureException.class).hasMessageContaining("expired");
        Map<String, String> future = HttpSignatures.signPost(inbox(), BODY, "application/activity+json", alice.publicKeyId(), aliceKey,
                Instant.now().plus(Duration.ofHours(2)));
        assertThatThrownBy(() -> verifyPost(future, BODY)).isInstanceOf(SignatureException.class).hasMessageContaining("future");
    }

    @Test
    void aPostWithoutDigestIsRefused() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Host", HttpSignatures.host(inbox()));
        h.put("Date", HttpDates.format(Instant.now()));
        h.put("Signature", HttpSignatures.signature("POST", inbox(), h, alice.publicKeyId(), aliceKey));
        assertThatThrownBy(() -> verifyPost(h, BODY)).isInstanceOf(SignatureException.class).hasMessageContaining("digest");
        assertThatThrownBy(() -> verifyPost(Map.of("Date", HttpDates.format(Instant.now())), BODY))
                .isInstanceOf(SignatureException.class).hasMessageContaining("not signed");
    }

    @Test
    void aKeyOnAnotherHostThanItsActorIsRefused() {
        // 127.0.0.1 claims a key whose owner is alice on A
        remote.put("/evil/key", """
                {"@context": "https://www.w3.org/ns/activitystreams", "id": "$BASE/evil/key", "type": "Key",
                 "owner": "%s", "publicKeyPem": %s}""".formatted(alice.uri(), quote(alice.publicKeyPem())));
        Map<String, String> h = HttpSignatures.signPost(inbox(), BODY, "application/activity+json", remote.baseUrl() + "/evil/key", aliceKey);
        assertThatThrownBy(() -> verifyPost(h, BODY)).isInstanceOf(SignatureException.class);
    }

    @Test
    void goToSocialMainKeyStubsLeadToTheirOwner() throws Exception {
        KeyPair dave = LocalKeys.rsa();
        String pem = Pem.encode("PUBLIC KEY", dave.getPublic().getEncoded());
        remote.put("/users/dave", """
                {"@context": ["https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"],
                 "id": "$BASE/users/dave", "type": "Person", "preferredUsername": "dave",
                 "inbox": "$BASE/users/dave/inbox", "outbox": "$BASE/users/dave/outbox",
                 "publicKey": {"id": "$BASE/users/dave/main-key", "owner": "$BASE/users/dave", "publicKeyPem": %s}}""".formatted(quote(pem)));
        remote.put("/users/dave/main-key", """
                {"@context": ["https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"],
                 "id": "$BASE/users/dave", "type": "Person",
                 "publicKey": {"id": "$BASE/users/dave/main-key", "owner": "$BASE/users/dave", "publicKeyPem": %s}}""".formatted(quote(pem)));
        Map<String, String> h = HttpSignatures.signPost(inbox(), BODY, "application/activity+json", remote.baseUrl() + "/users/dave/main-key", dave.getPrivate());
        VerifiedRequest v = verifyPost(h, BODY);
        assertThat(v.actor().uri()).isEqualTo(remote.baseUrl() + "/users/dave");
        assertThat(v.actor().username()).isEqualTo("dave");
    }

    @Test
    void rotatedKeysAreFetchedAgainOnce() throws Exception {
        KeyPair erin1 = LocalKeys.rsa();
        KeyPair erin2 = LocalKeys.rsa();
        String actor = """
                {"@context": "https://www.w3.org/ns/activitystreams", "id": "$BASE/users/erin", "type": "Person",
                 "preferredUsername": "erin", "inbox": "$BASE/users/erin/inbox",
                 "publicKey": {"id": "$BASE/users/erin#main-key", "owner": "$BASE/users/erin", "publicKeyPem": %s}}""";
        remote.put("/users/erin", actor.formatted(quote(Pem.encode("PUBLIC KEY", erin1.getPublic().getEncoded()))));
        String keyId = remote.baseUrl() + "/users/erin#main-key";
        assertThat(verifyPost(HttpSignatures.signPost(inbox(), BODY, "application/activity+json", keyId, erin1.getPrivate()), BODY).actor().username())
                .isEqualTo("erin");
        remote.put("/users/erin", actor.formatted(quote(Pem.encode("PUBLIC KEY", erin2.getPublic().getEncoded()))));
        assertThat(verifyPost(HttpSignatures.signPost(inbox(), BODY, "application/activity+json", keyId, erin2.getPrivate()), BODY).actor().username())
                .isEqualTo("erin");
        assertThat(b.app().core.accounts.byUri(remote.baseUrl() + "/users/erin").orElseThrow().publicKeyPem())
                .isEqualTo(Pem.encode("PUBLIC KEY", erin2.getPublic().getEncoded()));
    }

    @Test
    void rfc9421SignaturesVerify() throws Exception {
        long created = Instant.now().getEpochSecond();
        String input = "sig1=(\"@method\" \"@target-uri\" \"@authority\" \"content-digest\");created=" + created
                + ";keyid=\"" + alice.publicKeyId() + "\";alg=\"rsa-v1_5-sha256\"";
        Map<String, List<String>> h = new LinkedHashMap<>();
        h.put("Host", List.of(HttpSignatures.host(inbox())));
        h.put("Content-Digest", List.of(Digests.contentDigestHeader(BODY)));
        Map<String, List<String>> lower = new LinkedHashMap<>();
        h.forEach((k, v) -> lower.put(k.toLowerCase(), v));
        String base = MessageSignature.parse(input, "sig1=:AAAA:").signatureBase("POST", "http", "/inbox", lower);
        h.put("Signature-Input", List.of(input));
        h.put("Signature", List.of("sig1=:" + Base64.getEncoder().encodeToString(MessageSignature.sign("rsa-v1_5-sha256", aliceKey, base)) + ":"));
        VerifiedRequest v = b.app().federation.signatureVerifier.verify("POST", "/inbox", h, BODY);
        assertThat(v.scheme()).isEqualTo(VerifiedRequest.Scheme.RFC9421);
        assertThat(v.actor().uri()).isEqualTo(alice.uri());
        assertThatThrownBy(() -> b.app().federation.signatureVerifier.verify("POST", "/inbox", h, "{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SignatureException.class);
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
