package social.atoll.federation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.testing.Await;
import social.atoll.testing.TestHttp;
import social.atoll.testing.TestInstance;

/**
 * Quote posts with consent on the wire (FEP-044f as Mastodon 4.5 speaks it): between two Atoll servers (alice on
 * {@code a} quotes bob on {@code b}: accepted by policy, then revoked; a "nobody" policy refused), and against a fake
 * server speaking the published shapes: a GoToSocial-style post that asks for manual approval (the quote waits, then
 * is accepted with a fetched QuoteAuthorization, or rejected), and a Mastodon-style quote of a local post with its
 * QuoteRequest (answered with an Accept whose authorization is served here, then revoked by a Delete).
 */
class QuotesFederationIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestInstance a;
    private static TestInstance b;
    private static FakeFediServer x;
    private static FakeFediServer.Actor gus;
    private static FakeFediServer.Actor mona;
    private static String alice;
    private static String bob;
    private static String bobOnA;

    @BeforeAll
    static void start() {
        a = Fed.start();
        b = Fed.start();
        x = FakeFediServer.start();
        alice = a.createUser("alice");
        bob = b.createUser("bob");
        gus = x.actor("gus");
        mona = x.actor("mona");
        bobOnA = a.app().federation.actorResolver.byAcct("bob", b.domain()).orElseThrow().id() + "";
        ok(a.http().postJson("/api/v1/accounts/" + bobOnA + "/follow", alice, null));
        Await.until("alice follows bob", () -> Fed.relationship(a, alice, bobOnA).get("following").asBoolean());
        Fed.followRemote(a, alice, x, gus);
        Fed.introduce(a, x, mona);
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
        x.close();
    }

    private static TestHttp.Response ok(TestHttp.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r;
    }

    private static JsonNode as2(TestInstance on, String uri) {
        return on.http().send("GET", uri, null, null, null, Map.of("Accept", "application/activity+json")).json();
    }

    private static int as2Status(TestInstance on, String uri) {
        return on.http().send("GET", uri, null, null, null, Map.of("Accept", "application/activity+json")).status();
    }

    private static Long idOn(TestInstance i, String uri) {
        return i.app().core.statuses.byUri(uri).map(s -> s.id()).orElse(null);
    }

    private static JsonNode status(TestInstance on, String token, Object id) {
        return ok(on.http().get("/api/v1/statuses/" + id, token)).json();
    }

    private static JsonNode parse(String s) {
        try {
            return JSON.readTree(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aQuoteBetweenTwoAtollsIsAcceptedByPolicyThenRevoked() {
        JsonNode original = ok(b.http().postJson("/api/v1/statuses", bob, Map.of("status", "quote me if you like"))).json();
        String originalUri = original.get("uri").asText();
        Fed.awaitDeliveries(b);
        Await.until("a has bob's post", () -> idOn(a, originalUri) != null);
        Fed.awaitInboxIdle(a);
        long originalOnA = idOn(a, originalUri);
        assertThat(status(a, alice, originalOnA).get("quote_approval").get("current_user").asText()).isEqualTo("automatic");

        JsonNode quote = ok(a.http().postJson("/api/v1/statuses", alice, Map.of("status", "well said", "quoted_status_id", originalOnA))).json();
        assertThat(quote.get("quote").get("state").asText()).isEqualTo("pending"); // b decides
        assertThat(quote.get("quote").get("quoted_status").isNull()).isTrue();
        String quoteUri = quote.get("uri").asText();

        Await.until("b accepts the quote", () -> "accepted".equals(status(a, alice, quote.get("id").asText()).get("quote").get("state").asText()));
        JsonNode accepted = status(a, alice, quote.get("id").asText());
        assertThat(accepted.get("quote").get("quoted_status").get("id").asText()).isEqualTo(Long.toString(originalOnA));

        // b holds the quote as accepted, told bob, and lists it
        Fed.awaitInboxIdle(b);
        Long quoteOnB = idOn(b, quoteUri);
        assertThat(quoteOnB).isNotNull();
        assertThat(status(b, bob, quoteOnB).get("quote").get("state").asText()).isEqualTo("accepted");
        assertThat(ok(b.http().get("/api/v1/statuses/" + original.get("id").asText() + "/quotes", bob)).json())
                .extracting(n -> n.get("id").asText()).containsExactly(quoteOnB.toString());
        assertThat(ok(b.http().get("/api/v1/notifications?types[]=quote", bob)).json())
                .anySatisfy(n -> assertThat(n.get("status").get("id").asText()).isEqualTo(quoteOnB.toString()));

        // on the wire: a's Note carries the quote three ways and the authorization b serves
        Fed.awaitDeliveries(a);
        JsonNode note = as2(a, quoteUri);
        assertThat(note.get("quote").asText()).isEqualTo(originalUri);
        assertThat(note.get("_misskey_quote").asText()).isEqualTo(originalUri);
        assertThat(note.get("quoteUri").asText()).isEqualTo(originalUri);
        assertThat(note.get("interactionPolicy").get("canQuote").get("automaticApproval"))
                .extracting(JsonNode::asText).containsExactly("https://www.w3.org/ns/activitystreams#Public");
        String authorization = note.get("quoteAuthorization").asText();
        assertThat(authorization).startsWith(b.baseUrl() + "/users/bob/quote_authorizations/");
        JsonNode auth = as2(b, authorization);
        assertThat(auth.get("type").asText()).isEqualTo("QuoteAuthorization");
        assertThat(auth.get("attributedTo").asText()).isEqualTo(Fed.actorUri(b, "bob"));
        assertThat(auth.get("interactingObject").asText()).isEqualTo(quoteUri);
        assertThat(auth.get("interactionTarget").asText()).isEqualTo(originalUri);

        // bob revokes: b stops serving the authorization, and a hears of it
        JsonNode revoked = ok(b.http().postJson("/api/v1/statuses/" + original.get("id").asText() + "/quotes/" + quoteOnB + "/revoke", bob, null)).json();
        assertThat(revoked.get("quote").get("state").asText()).isEqualTo("revoked");
        assertThat(as2Status(b, authorization)).isEqualTo(404);
        Fed.awaitDeliveries(b);
        Await.until("a hears of the revocation", () -> "revoked".equals(status(a, alice, quote.get("id").asText()).get("quote").get("state").asText()));
        assertThat(status(a, alice, quote.get("id").asText()).get("quote").get("quoted_status").isNull()).isTrue();
        assertThat(as2(a, quoteUri).has("quoteAuthorization")).isFalse();
    }

    @Test
    void aPostNobodyMayQuoteIsRefusedOnTheOtherServer() {
        JsonNode original = ok(b.http().postJson("/api/v1/statuses", bob, Map.of("status", "mine alone", "quote_approval_policy", "nobody"))).json();
        String uri = original.get("uri").asText();
        Fed.awaitDeliveries(b);
        Await.until("a has bob's post", () -> idOn(a, uri) != null);
        Fed.awaitInboxIdle(a);
        JsonNode seen = status(a, alice, idOn(a, uri));
        assertThat(seen.get("quote_approval").get("automatic")).isEmpty();
        assertThat(seen.get("quote_approval").get("current_user").asText()).isEqualTo("denied");
        assertThat(a.http().postJson("/api/v1/statuses", alice, Map.of("status", "x", "quoted_status_id", idOn(a, uri))).status()).isEqualTo(404);
        // on the wire the author alone is named
        assertThat(as2(b, uri).get("interactionPolicy").get("canQuote").get("automaticApproval"))
                .extracting(JsonNode::asText).containsExactly(Fed.actorUri(b, "bob"));
    }

    @Test
    void aPostAskingForManualApprovalKeepsTheQuotePendingUntilItsServerAnswers() {
        long n = Fed.unique();
        String noteUri = gus.uri() + "/statuses/" + n;
        assertThat(x.post(Fed.sharedInbox(a), gus, Fed.fixture("gotosocial-create-manual-quote-policy.json",
                Map.of("actor", gus.uri(), "n", Long.toString(n))))).isEqualTo(202);
        Fed.awaitInboxIdle(a);
        Long onA = idOn(a, noteUri);
        assertThat(onA).isNotNull();
        JsonNode approval = status(a, alice, onA).get("quote_approval");
        assertThat(approval.get("automatic")).isEmpty();
        assertThat(approval.get("manual")).extracting(JsonNode::asText).containsExactly("public");
        assertThat(approval.get("current_user").asText()).isEqualTo("manual");

        // first quote: the QuoteRequest reaches gus's server, the quote waits, then an Accept with an authorization
        JsonNode quote = ok(a.http().postJson("/api/v1/statuses", alice, Map.of("status", "asking nicely", "quoted_status_id", onA))).json();
        String quoteUri = quote.get("uri").asText();
        JsonNode request = awaitRequest(quoteUri);
        assertThat(request.get("actor").asText()).isEqualTo(Fed.actorUri(a, "alice"));
        assertThat(request.get("object").asText()).isEqualTo(noteUri);
        assertThat(request.get("instrument").get("quote").asText()).isEqualTo(noteUri);
        Fed.awaitInboxIdle(a);
        assertThat(status(a, alice, quote.get("id").asText()).get("quote").get("state").asText()).isEqualTo("pending");

        String authorization = gus.uri() + "/quote_authorizations/" + n;
        Map<String, String> values = Map.of("actor", gus.uri(), "n", Long.toString(n), "request", request.get("id").asText(),
                "quoter", Fed.actorUri(a, "alice"), "quoted", noteUri, "instrument", quoteUri, "authorization", authorization);
        x.serve(parse(Fed.fixture("fep044f-quote-authorization.json", values)));
        assertThat(x.post(Fed.sharedInbox(a), gus, Fed.fixture("fep044f-accept-quote-request.json", values))).isEqualTo(202);
        Await.until("the quote is accepted", () -> "accepted".equals(status(a, alice, quote.get("id").asText()).get("quote").get("state").asText()));
        assertThat(status(a, alice, quote.get("id").asText()).get("quote").get("quoted_status").get("id").asText()).isEqualTo(onA.toString());
        Fed.awaitDeliveries(a);
        assertThat(as2(a, quoteUri).get("quoteAuthorization").asText()).isEqualTo(authorization);

        // second quote: rejected
        JsonNode second = ok(a.http().postJson("/api/v1/statuses", alice, Map.of("status", "once more", "quoted_status_id", onA))).json();
        JsonNode request2 = awaitRequest(second.get("uri").asText());
        long m = Fed.unique();
        Map<String, String> rejectValues = Map.of("actor", gus.uri(), "n", Long.toString(m), "request", request2.get("id").asText(),
                "quoter", Fed.actorUri(a, "alice"), "quoted", noteUri, "instrument", second.get("uri").asText());
        assertThat(x.post(Fed.sharedInbox(a), gus, Fed.fixture("fep044f-reject-quote-request.json", rejectValues))).isEqualTo(202);
        Await.until("the quote is rejected", () -> "rejected".equals(status(a, alice, second.get("id").asText()).get("quote").get("state").asText()));

        // an Accept from someone else than the quoted author changes nothing
        JsonNode third = ok(a.http().postJson("/api/v1/statuses", alice, Map.of("status", "third", "quoted_status_id", onA))).json();
        JsonNode request3 = awaitRequest(third.get("uri").asText());
        Map<String, String> forged = Map.of("actor", mona.uri(), "n", Long.toString(Fed.unique()), "request", request3.get("id").asText(),
                "quoter", Fed.actorUri(a, "alice"), "quoted", noteUri, "instrument", third.get("uri").asText(),
                "authorization", mona.uri() + "/quote_authorizations/1");
        assertThat(x.post(Fed.sharedInbox(a), mona, Fed.fixture("fep044f-accept-quote-request.json", forged))).isEqualTo(202);
        Fed.awaitInboxIdle(a);
        assertThat(status(a, alice, third.get("id").asText()).get("quote").get("state").asText()).isEqualTo("pending");
    }

    private static JsonNode awaitRequest(String instrumentUri) {
        Fed.awaitDeliveries(a);
        Await.until("the QuoteRequest arrives", () -> x.received("QuoteRequest").stream()
                .anyMatch(r -> r.path("instrument").path("id").asText().equals(instrumentUri)));
        return x.received("QuoteRequest").stream().filter(r -> r.path("instrument").path("id").asText().equals(instrumentUri)).findFirst().orElseThrow();
    }

    @Test
    void aMastodonQuoteOfALocalPostIsAuthorizedHereThenRevoked() {
        JsonNode mine = ok(a.http().postJson("/api/v1/statuses", alice, Map.of("status", "local words"))).json();
        String mineUri = mine.get("uri").asText();
        long n = Fed.unique();
        String monaNote = mona.uri() + "/statuses/" + n;
        Map<String, String> values = Map.of("actor", mona.uri(), "n", Long.toString(n), "quoted", mineUri,
                "uuid", UUID.randomUUID().toString(), "instrument", monaNote);
        assertThat(x.post(Fed.sharedInbox(a), mona, Fed.fixture("mastodon-create-quote.json", values))).isEqualTo(202);
        Fed.awaitInboxIdle(a);
        Long onA = idOn(a, monaNote);
        assertThat(onA).as("a quote of a local post is kept").isNotNull();
        assertThat(status(a, alice, onA).get("quote").get("state").asText()).isEqualTo("pending"); // no consent yet

        String request = Fed.fixture("mastodon-quote-request.json", values);
        String requestId = parse(request).get("id").asText();
        assertThat(x.post(Fed.sharedInbox(a), mona, request)).isEqualTo(202);
        Fed.awaitInboxIdle(a);
        Fed.awaitDeliveries(a);
        Await.until("mona's server gets the Accept", () -> x.received("Accept").stream()
                .anyMatch(acc -> acc.path("object").path("id").asText().equals(requestId)));
        JsonNode accept = x.received("Accept").stream().filter(acc -> acc.path("object").path("id").asText().equals(requestId)).findFirst().orElseThrow();
        assertThat(accept.get("actor").asText()).isEqualTo(Fed.actorUri(a, "alice"));
        assertThat(accept.get("object").get("type").asText()).isEqualTo("QuoteRequest");
        assertThat(accept.get("object").get("instrument").asText()).isEqualTo(monaNote);
        String authorization = accept.get("result").asText();
        assertThat(authorization).startsWith(a.baseUrl() + "/users/alice/quote_authorizations/");
        JsonNode auth = as2(a, authorization);
        assertThat(auth.get("type").asText()).isEqualTo("QuoteAuthorization");
        assertThat(auth.get("interactingObject").asText()).isEqualTo(monaNote);
        assertThat(auth.get("interactionTarget").asText()).isEqualTo(mineUri);
        assertThat(status(a, alice, onA).get("quote").get("state").asText()).isEqualTo("accepted");
        assertThat(ok(a.http().get("/api/v1/notifications?types[]=quote", alice)).json())
                .anySatisfy(no -> assertThat(no.get("status").get("id").asText()).isEqualTo(onA.toString()));

        ok(a.http().postJson("/api/v1/statuses/" + mine.get("id").asText() + "/quotes/" + onA + "/revoke", alice, null));
        Fed.awaitDeliveries(a);
        Await.until("mona's server gets the Delete of the authorization", () -> x.received("Delete").stream()
                .anyMatch(d -> d.path("object").asText().equals(authorization)));
        assertThat(as2Status(a, authorization)).isEqualTo(404);
        assertThat(status(a, alice, onA).get("quote").get("state").asText()).isEqualTo("revoked");

        // a post nobody may quote: the request is answered with a Reject
        JsonNode closed = ok(a.http().postJson("/api/v1/statuses", alice, Map.of("status", "closed", "quote_approval_policy", "nobody"))).json();
        long m = Fed.unique();
        Map<String, String> v2 = Map.of("actor", mona.uri(), "n", Long.toString(m), "quoted", closed.get("uri").asText(),
                "uuid", UUID.randomUUID().toString(), "instrument", mona.uri() + "/statuses/" + m);
        x.serve(parse(Fed.fixture("mastodon-create-quote.json", v2)).get("object"));
        String request2 = Fed.fixture("mastodon-quote-request.json", v2);
        String request2Id = parse(request2).get("id").asText();
        assertThat(x.post(Fed.sharedInbox(a), mona, request2)).isEqualTo(202);
        Fed.awaitInboxIdle(a);
        Fed.awaitDeliveries(a);
        Await.until("mona's server gets the Reject", () -> x.received("Reject").stream()
                .anyMatch(r -> r.path("object").path("id").asText().equals(request2Id)));
        assertThat(status(a, alice, idOn(a, mona.uri() + "/statuses/" + m)).get("quote").get("state").asText()).isEqualTo("rejected");
    }

    /** Mastodon 4.5's {@code blocked_domain}: someone here who blocks the quoted author's server sees the quote so. */
    @Test
    void aReaderBlockingTheQuotedServerSeesBlockedDomain() {
        String dana = a.createUser("dana");
        JsonNode original = ok(b.http().postJson("/api/v1/statuses", bob, Map.of("status", "from server b"))).json();
        String originalUri = original.get("uri").asText();
        Fed.awaitDeliveries(b);
        Await.until("a has bob's post", () -> idOn(a, originalUri) != null);
        Fed.awaitInboxIdle(a);
        String quoteId = ok(a.http().postJson("/api/v1/statuses", alice, Map.of("status", "quoting b", "quoted_status_id", idOn(a, originalUri))))
                .json().get("id").asText();
        Await.until("b accepts the quote", () -> "accepted".equals(status(a, alice, quoteId).get("quote").get("state").asText()));
        assertThat(status(a, dana, quoteId).get("quote").get("state").asText()).isEqualTo("accepted");

        ok(a.http().postForm("/api/v1/domain_blocks", dana, Map.of("domain", b.domain())));
        JsonNode seen = status(a, dana, quoteId).get("quote");
        assertThat(seen.get("state").asText()).isEqualTo("blocked_domain");
        assertThat(seen.get("quoted_status").isNull()).isTrue();
        assertThat(status(a, alice, quoteId).get("quote").get("state").asText()).isEqualTo("accepted");
    }
}
