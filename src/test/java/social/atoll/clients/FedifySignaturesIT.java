package social.atoll.clients;

import social.atoll.testing.NodeProject;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import social.atoll.core.account.Account;
import social.atoll.federation.FakeFediServer;
import social.atoll.federation.documents.FetchAccess;
import social.atoll.testing.Await;
import social.atoll.testing.TestInstance;

/**
 * Requests signed by Fedify's own {@code signRequest} (the {@code @fedify/fedify} npm package under Node, the code
 * every Fedify-based server signs with) reach a real Atoll in authorized-fetch mode. A Fedify server's first knock
 * carries only an RFC 9421 signature ({@code Signature-Input} + {@code Signature}, covering {@code @method},
 * {@code @target-uri}, {@code @authority}, {@code host}, {@code date} and, with a body, {@code content-digest}); it
 * must be accepted as it is, and one Atoll cannot verify must be answered with 401, the status on which Fedify falls
 * back to draft-cavage. The signing actor's documents are served by a {@link FakeFediServer}. Script:
 * {@code src/test/js/fedify/sign.js}.
 */
class FedifySignaturesIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    static NodeProject fedify;
    static TestInstance atoll;
    static FakeFediServer remote;
    static FakeFediServer.Actor signer;
    static Account alice;

    private ListAppender<ILoggingEvent> fetchLog;

    @BeforeAll
    static void start() {
        fedify = NodeProject.install("fedify");
        atoll = TestInstance.start(Map.of("ATOLL_AUTHORIZED_FETCH", "true", "ATOLL_ALLOW_PRIVATE_ADDRESSES", "true"));
        atoll.createUser("alice");
        alice = atoll.app().core.accounts.byAcct("alice", null).orElseThrow();
        remote = FakeFediServer.start();
        signer = remote.actor("fedi");
    }

    @AfterAll
    static void stop() {
        if (remote != null) remote.close();
        if (atoll != null) atoll.close();
    }

    @BeforeEach
    void captureFetchLog() {
        fetchLog = new ListAppender<>();
        fetchLog.start();
        ((Logger) LoggerFactory.getLogger(FetchAccess.class)).addAppender(fetchLog);
    }

    @AfterEach
    void releaseFetchLog() {
        ((Logger) LoggerFactory.getLogger(FetchAccess.class)).detachAppender(fetchLog);
    }

    @Test
    void fedifysDocumentLoaderIsAnsweredOnTheFirstKnock() throws Exception {
        // the outbox page needs a verified signer in authorized-fetch mode, and its URL has a query (@target-uri)
        List<JsonNode> attempts = load(alice.uri() + "/outbox?page=true", signer.keys().getPrivate());
        assertThat(attempts).as("Fedify's knocks: %s", attempts).hasSize(1);
        assertRfc9421Only(attempts.get(0));
        assertThat(attempts.get(0).path("status").asInt()).isEqualTo(200);
        assertThat(JSON.readTree(attempts.get(0).path("body").asText()).path("type").asText()).isEqualTo("OrderedCollectionPage");
        assertThat(refusedLines()).isEmpty();
    }

    @Test
    void aFedifySignedActorFetchGetsTheFullDocument() throws Exception {
        List<JsonNode> attempts = load(alice.uri(), signer.keys().getPrivate());
        assertThat(attempts).as("Fedify's knocks: %s", attempts).hasSize(1);
        assertRfc9421Only(attempts.get(0));
        assertThat(attempts.get(0).path("status").asInt()).isEqualTo(200);
        // an unverified fetcher would get the bare document of secure mode, without the profile's name
        assertThat(JSON.readTree(attempts.get(0).path("body").asText()).has("name")).isTrue();
        assertThat(refusedLines()).isEmpty();
    }

    @Test
    void aFedifySignedPostWithContentDigestIsAcceptedOnTheFirstKnock() throws Exception {
        JsonNode r = sign(Map.of("METHOD", "POST", "URL", alice.inboxUrl(), "BODY", follow("1")), signer.keys().getPrivate());
        assertRfc9421Only(r);
        assertThat(r.path("sent").path("signature-input").asText()).contains("\"content-digest\"");
        assertThat(r.path("status").asInt()).as("answer to the first knock: %s", r).isEqualTo(202);
        Await.until("the Follow is processed", () -> remote.received("Accept").stream()
                .anyMatch(a -> a.path("object").path("id").asText().endsWith("/follows/1")));
    }

    @Test
    void fedifysOwnWritingOfQueryAndRequestTargetVerifies() throws Exception {
        // what Fedify signs when an Accept-Signature challenge asks for these components
        for (String components : List.of("@method @path @query @authority date", "@method @request-target host date")) {
            JsonNode r = sign(Map.of("METHOD", "GET", "URL", alice.uri() + "/outbox?page=true", "COMPONENTS", components), signer.keys().getPrivate());
            assertThat(r.path("status").asInt()).as("%s: %s", components, r).isEqualTo(200);
        }
        assertThat(refusedLines()).isEmpty();
    }

    @Test
    void behindATlsTerminatingProxyGetAndPostVerify() throws Exception {
        try (TestInstance proxied = TestInstance.start(Map.of("ATOLL_AUTHORIZED_FETCH", "true", "ATOLL_ALLOW_PRIVATE_ADDRESSES", "true",
                "ATOLL_DOMAIN", "atoll.test", "ATOLL_URL", "https://atoll.test"))) {
            proxied.createUser("bob");
            String local = "http://127.0.0.1:" + proxied.settings().port();
            JsonNode get = sign(Map.of("METHOD", "GET", "URL", "https://atoll.test/users/bob/outbox?page=true",
                    "SEND_TO", local + "/users/bob/outbox?page=true"), signer.keys().getPrivate());
            assertThat(get.path("sent").path("host").asText()).isEqualTo("atoll.test");
            assertThat(get.path("status").asInt()).as("%s", get).isEqualTo(200);
            JsonNode post = sign(Map.of("METHOD", "POST", "URL", "https://atoll.test/inbox", "SEND_TO", local + "/inbox",
                    "BODY", follow("2").replace(alice.uri(), "https://atoll.test/users/bob")), signer.keys().getPrivate());
            assertThat(post.path("status").asInt()).as("%s", post).isEqualTo(202);
        }
        assertThat(refusedLines()).isEmpty();
    }

    @Test
    void aSignatureAtollCannotVerifyIsAnswered401SoFedifyFallsBack() throws Exception {
        PrivateKey wrong = freshKey().getPrivate();
        for (String url : List.of(alice.uri() + "/outbox?page=true", alice.uri())) {
            List<JsonNode> attempts = load(url, wrong);
            // refused as RFC 9421 with 401, Fedify knocks again with draft-cavage (refused too: the key is wrong)
            assertThat(attempts).as("Fedify's knocks on %s: %s", url, attempts).hasSize(2);
            assertRfc9421Only(attempts.get(0));
            assertThat(attempts.get(0).path("status").asInt()).isEqualTo(401);
            assertThat(attempts.get(1).path("sent").path("signature").asText()).contains("keyId=");
            assertThat(attempts.get(1).path("status").asInt()).isEqualTo(401);
        }
        JsonNode post = sign(Map.of("METHOD", "POST", "URL", alice.inboxUrl(), "BODY", follow("3")), wrong);
        assertThat(post.path("status").asInt()).isEqualTo(401);
    }

    private String follow(String n) {
        return "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"" + remote.base() + "/follows/" + n + "\","
                + "\"type\":\"Follow\",\"actor\":\"" + signer.uri() + "\",\"object\":\"" + alice.uri() + "\"}";
    }

    /** Fetches {@code url} through Fedify's authenticated document loader; returns every request it sent. */
    private static List<JsonNode> load(String url, PrivateKey key) throws Exception {
        JsonNode report = run(Map.of("MODE", "load", "URL", url), key);
        List<JsonNode> attempts = new ArrayList<>();
        report.path("attempts").forEach(attempts::add);
        return attempts;
    }

    /** Signs and sends one request with Fedify's signRequest ({@code spec: "rfc9421"}); returns what Atoll answered. */
    private static JsonNode sign(Map<String, String> env, PrivateKey key) throws Exception {
        JsonNode attempts = run(env, key).path("attempts");
        assertThat(attempts.size()).isEqualTo(1);
        return attempts.get(0);
    }

    private static JsonNode run(Map<String, String> vars, PrivateKey key) throws Exception {
        Map<String, String> env = new HashMap<>(vars);
        env.put("KEY_ID", signer.keyId());
        env.put("PRIVATE_KEY", "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(key.getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        NodeProject.Run run = fedify.run("sign.js", env, Duration.ofMinutes(1), line -> System.out.println("[fedify] " + line));
        String output = String.join("\n", run.lines());
        assertThat(run.exitCode()).as("sign.js output:\n%s", output).isZero();
        List<String> json = run.lines().stream().filter(l -> l.startsWith("{")).toList();
        assertThat(json).as("sign.js output:\n%s", output).hasSize(1);
        return JSON.readTree(json.get(0));
    }

    /** The first knock carries an RFC 9421 signature and no draft-cavage one, so a 2xx can only mean RFC 9421 passed. */
    private static void assertRfc9421Only(JsonNode report) {
        JsonNode sent = report.path("sent");
        assertThat(sent.path("signature-input").asText()).startsWith("sig1=(\"@method\" \"@target-uri\"");
        assertThat(sent.path("signature").asText()).startsWith("sig1=:").doesNotContain("keyId=");
        assertThat(sent.has("authorization")).isFalse();
    }

    private List<String> refusedLines() {
        return fetchLog.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains("refused")).toList();
    }

    private static KeyPair freshKey() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }
}
