package social.atoll.federation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.core.account.Account;
import social.atoll.federation.keys.LocalKeys;
import social.atoll.federation.signatures.HttpSignatures;
import social.atoll.testing.Await;
import social.atoll.testing.TestHttp;
import social.atoll.testing.TestInstance;

/**
 * Circles and local-only posts between two Atoll servers, with two fake servers watching the wire. On {@code a}: alice
 * (the author), amy (a local member) and al (a local follower left out). On {@code b}: bob (a member) and bea (a
 * follower left out). On fake server {@code x}: fay, a member; on fake server {@code y}: yan, a follower left out.
 * Everyone follows alice.
 */
class CircleFederationIT {

    private static TestInstance a;
    private static TestInstance b;
    private static FakeFediServer x;
    private static FakeFediServer y;
    private static FakeFediServer.Actor fay;
    private static FakeFediServer.Actor yan;
    private static String alice;
    private static String amy;
    private static String al;
    private static String bob;
    private static String bea;
    private static String family;

    @BeforeAll
    static void start() {
        a = Fed.start();
        b = Fed.start();
        x = FakeFediServer.start();
        y = FakeFediServer.start();
        alice = a.createUser("alice");
        amy = a.createUser("amy");
        al = a.createUser("al");
        bob = b.createUser("bob");
        bea = b.createUser("bea");
        fay = x.actor("fay");
        yan = y.actor("yan");

        String aliceOnA = Fed.accountId(a, alice);
        follow(a, amy, aliceOnA);
        follow(a, al, aliceOnA);
        String aliceOnB = b.app().federation.actorResolver.byAcct("alice", a.domain()).orElseThrow().id() + "";
        follow(b, bob, aliceOnB);
        follow(b, bea, aliceOnB);
        Fed.remoteFollows(a, x, fay, "alice");
        Fed.remoteFollows(a, y, yan, "alice");
        Fed.awaitInboxIdle(a);
        String bobOnA = a.app().core.accounts.byAcct("bob", b.domain()).orElseThrow().id() + "";
        Await.until("bob's follow is accepted", () -> Fed.relationship(a, alice, bobOnA).get("followed_by").asBoolean());
        String beaOnA = a.app().core.accounts.byAcct("bea", b.domain()).orElseThrow().id() + "";
        Await.until("bea's follow is accepted", () -> Fed.relationship(a, alice, beaOnA).get("followed_by").asBoolean());
        String fayOnA = Fed.remoteId(a, "fay@" + x.domain());

        family = ok(a.http().postJson("/api/v1/circles", alice, Map.of("title", "Family"))).json().get("id").asText();
        ok(a.http().postJson("/api/v1/circles/" + family + "/accounts", alice,
                Map.of("account_ids", List.of(Fed.accountId(a, amy), bobOnA, fayOnA))));
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
        x.close();
        y.close();
    }

    private static void follow(TestInstance on, String token, String targetId) {
        ok(on.http().postJson("/api/v1/accounts/" + targetId + "/follow", token, null));
    }

    private static TestHttp.Response ok(TestHttp.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r;
    }

    private static List<JsonNode> creates(FakeFediServer server, String objectId) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode c : server.received("Create")) if (c.path("object").path("id").asText().equals(objectId)) out.add(c);
        return out;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array == null || array.isMissingNode() || array.isNull()) return out;
        if (array.isTextual()) out.add(array.asText());
        else array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** A GET of {@code uri} on {@code a} signed by {@code user} of {@code b}, as b's deliveries sign. */
    private static int signedFetchAs(String user, String uri) {
        Account acct = b.app().core.accounts.byAcct(user, null).orElseThrow();
        PrivateKey key = LocalKeys.privateKey(acct).orElseThrow();
        return signedFetch(uri, acct.publicKeyId(), key);
    }

    private static int signedFetch(String uri, String keyId, PrivateKey key) {
        Map<String, String> headers = new LinkedHashMap<>(HttpSignatures.signGet(URI.create(uri), "application/activity+json", keyId, key));
        headers.keySet().removeIf(h -> h.equalsIgnoreCase("host")); // the client sends the same one itself
        return a.http().send("GET", uri, null, null, null, headers).status();
    }

    private static Long idOn(TestInstance i, String uri) {
        return i.app().core.statuses.byUri(uri).map(s -> s.id()).orElse(null);
    }

    @Test
    void aCirclePostGoesToExactlyItsMembers() {
        JsonNode post = ok(a.http().postJson("/api/v1/statuses", alice,
                Map.of("status", "family dinner on sunday", "visibility", "private", "circle_id", family))).json();
        String uri = post.get("uri").asText();
        Fed.awaitDeliveries(a);

        // on the wire: addressed to exactly the members' actors, no followers collection, no Public, no cc
        Await.until("fay's server receives the Create", () -> !creates(x, uri).isEmpty());
        JsonNode create = creates(x, uri).get(0);
        List<String> expected = List.of(Fed.actorUri(a, "amy"), Fed.actorUri(b, "bob"), fay.uri());
        for (JsonNode doc : List.of(create, create.get("object"))) {
            assertThat(texts(doc.get("to"))).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(texts(doc.get("cc"))).isEmpty();
        }
        assertThat(creates(x, uri)).hasSize(1);
        assertThat(creates(y, uri)).isEmpty(); // yan follows alice, but is not in the circle

        // b stores it once and shows it to bob only, as a followers-only post to apps that know no circles
        Fed.awaitInboxIdle(b);
        Long onB = idOn(b, uri);
        assertThat(onB).isNotNull();
        JsonNode seenByBob = ok(b.http().get("/api/v1/statuses/" + onB, bob)).json();
        assertThat(seenByBob.get("visibility").asText()).isEqualTo("private");
        assertThat(seenByBob.get("visibility_ex").asText()).isEqualTo("limited");
        assertThat(b.http().get("/api/v1/statuses/" + onB, bea).status()).isEqualTo(404);
        assertThat(b.http().get("/api/v1/statuses/" + onB, null).status()).isEqualTo(404);
        Await.until("bob's home shows it", () -> b.http().get("/api/v1/timelines/home", bob).body().contains(uri));
        assertThat(b.http().get("/api/v1/timelines/home", bea).body()).doesNotContain(uri);

        // on a: amy yes, al no
        String id = post.get("id").asText();
        assertThat(a.http().get("/api/v1/statuses/" + id, amy).status()).isEqualTo(200);
        assertThat(a.http().get("/api/v1/statuses/" + id, al).status()).isEqualTo(404);

        // fetching the Note: members' signed fetches get it, others (signed or not) a 404
        assertThat(signedFetchAs("bob", uri)).isEqualTo(200);
        assertThat(signedFetchAs("bea", uri)).isEqualTo(404);
        assertThat(signedFetch(uri, fay.keyId(), fay.keys().getPrivate())).isEqualTo(200);
        assertThat(signedFetch(uri, yan.keyId(), yan.keys().getPrivate())).isEqualTo(404);
        assertThat(a.http().send("GET", uri, null, null, null, new LinkedHashMap<>(Map.of("Accept", "application/activity+json"))).status()).isEqualTo(404);
    }

    /**
     * A member on another server answers a circle post: the reply stays limited there (whatever visibility bob's app
     * asked for), goes to the circle post's author addressed to her alone, and is shown on her server to her only.
     */
    @Test
    void aReplyToACirclePostFromAnotherServerStaysLimited() {
        JsonNode post = ok(a.http().postJson("/api/v1/statuses", alice,
                Map.of("status", "circle question", "visibility", "private", "circle_id", family))).json();
        String uri = post.get("uri").asText();
        Fed.awaitDeliveries(a);
        Await.until("b has the circle post", () -> idOn(b, uri) != null);
        Fed.awaitInboxIdle(b);
        JsonNode reply = ok(b.http().postJson("/api/v1/statuses", bob,
                Map.of("status", "circle answer", "in_reply_to_id", idOn(b, uri), "visibility", "public"))).json();
        assertThat(reply.get("visibility_ex").asText()).isEqualTo("limited");
        assertThat(b.http().get("/api/v1/statuses/" + reply.get("id").asText(), bea).status()).isEqualTo(404);
        String replyUri = reply.get("uri").asText();

        Fed.awaitDeliveries(b);
        Await.until("a has bob's reply", () -> idOn(a, replyUri) != null);
        Fed.awaitInboxIdle(a);
        long onA = idOn(a, replyUri);
        JsonNode seen = ok(a.http().get("/api/v1/statuses/" + onA, alice)).json();
        assertThat(seen.get("visibility_ex").asText()).isEqualTo("limited");
        assertThat(seen.get("in_reply_to_id").asText()).isEqualTo(post.get("id").asText());
        assertThat(a.http().get("/api/v1/statuses/" + onA, al).status()).isEqualTo(404);
        assertThat(a.http().get("/api/v1/statuses/" + onA, null).status()).isEqualTo(404);
        // b serves the Note to nobody unsigned, and it names no followers collection nor Public
        assertThat(b.http().send("GET", replyUri, null, null, null, new LinkedHashMap<>(Map.of("Accept", "application/activity+json"))).status())
                .isEqualTo(404);
        assertThat(creates(x, replyUri)).isEmpty();
        assertThat(creates(y, replyUri)).isEmpty();
    }

    @Test
    void anIncomingPostToSomeLocalPeopleIsShownToExactlyThem() {
        // a server with circles of its own (as kmyblue or another Atoll) addresses amy and nobody else of a
        String noteId = x.base() + "/notes/" + Fed.unique();
        String amyUri = Fed.actorUri(a, "amy");
        int answer = x.post(Fed.sharedInbox(a), fay, Fed.createNote(fay, noteId, "<p>just for amy</p>", "[\"" + amyUri + "\"]", "[]", "[]", null));
        assertThat(answer).isEqualTo(202);
        Fed.awaitInboxIdle(a);
        Long id = idOn(a, noteId);
        assertThat(id).isNotNull();
        JsonNode seen = ok(a.http().get("/api/v1/statuses/" + id, amy)).json();
        assertThat(seen.get("visibility").asText()).isEqualTo("private");
        assertThat(seen.get("visibility_ex").asText()).isEqualTo("limited");
        assertThat(a.http().get("/api/v1/statuses/" + id, al).status()).isEqualTo(404);
        assertThat(a.http().get("/api/v1/statuses/" + id, alice).status()).isEqualTo(404);
        assertThat(a.http().get("/api/v1/statuses/" + id, null).status()).isEqualTo(404);
    }

    @Test
    void aLocalOnlyPostNeverLeaves() {
        JsonNode post = ok(a.http().postJson("/api/v1/statuses", alice,
                Map.of("status", "only for this server", "visibility", "public", "local_only", true))).json();
        String uri = post.get("uri").asText();
        // a public post after it, which does travel: once it has arrived, the local-only one would have too
        String marker = ok(a.http().postJson("/api/v1/statuses", alice, Map.of("status", "for everyone", "visibility", "public"))).json().get("uri").asText();
        Fed.awaitDeliveries(a);
        Await.until("the public post reaches x", () -> !creates(x, marker).isEmpty());
        Await.until("the public post reaches b", () -> idOn(b, marker) != null);
        assertThat(creates(x, uri)).isEmpty();
        assertThat(creates(y, uri)).isEmpty();
        assertThat(idOn(b, uri)).isNull();
        for (FakeFediServer s : List.of(x, y))
            assertThat(s.received().stream().map(r -> r.body().toString())).noneMatch(body -> body.contains(uri));

        // not fetchable by anyone remote, not in the outbox; still there for people of a
        assertThat(signedFetchAs("bob", uri)).isEqualTo(404);
        assertThat(signedFetch(uri, fay.keyId(), fay.keys().getPrivate())).isEqualTo(404);
        assertThat(a.http().send("GET", uri, null, null, null, new LinkedHashMap<>(Map.of("Accept", "application/activity+json"))).status()).isEqualTo(404);
        String outbox = a.http().send("GET", Fed.actorUri(a, "alice") + "/outbox?page=true", null, null, null,
                new LinkedHashMap<>(Map.of("Accept", "application/activity+json"))).body();
        assertThat(outbox).contains(marker).doesNotContain(uri);
        assertThat(a.http().get("/api/v1/statuses/" + post.get("id").asText(), al).status()).isEqualTo(200);
    }
}
