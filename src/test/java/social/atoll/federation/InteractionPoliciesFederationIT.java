package social.atoll.federation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.testing.Await;
import social.atoll.testing.TestHttp;
import social.atoll.testing.TestInstance;

/**
 * GoToSocial's interaction policies on the wire: between two Atoll servers (alice on {@code a} asks approval for
 * replies and lets nobody else boost; bob on {@code b} replies — held on both sides until alice approves, then shown
 * on both with {@code approvedBy} — and is refused a boost), and against a fake server speaking GoToSocial's shapes
 * (a Note whose {@code interactionPolicy} uses old and new names; a local reply held and sent to the author alone
 * until its Accept with a {@code ReplyApproval} arrives).
 */
class InteractionPoliciesFederationIT {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private static TestInstance a;
    private static TestInstance b;
    private static FakeFediServer x;
    private static FakeFediServer.Actor gus;
    private static String alice;
    private static String bob;

    @BeforeAll
    static void start() {
        a = Fed.start();
        b = Fed.start();
        x = FakeFediServer.start();
        alice = a.createUser("alice");
        bob = b.createUser("bob");
        gus = x.actor("gus");
        String aliceOnB = b.app().federation.actorResolver.byAcct("alice", a.domain()).orElseThrow().id() + "";
        ok(b.http().postJson("/api/v1/accounts/" + aliceOnB + "/follow", bob, null));
        Await.until("bob follows alice", () -> Fed.relationship(b, bob, aliceOnB).get("following").asBoolean());
        Fed.followRemote(b, bob, x, gus);
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

    private static Long idOn(TestInstance i, String uri) {
        return i.app().core.statuses.byUri(uri).map(s -> s.id()).orElse(null);
    }

    private static JsonNode as2(TestInstance on, String uri) {
        return on.http().send("GET", uri, null, null, null, Map.of("Accept", "application/activity+json")).json();
    }

    private static List<String> strings(JsonNode n) {
        return n == null ? List.of() : java.util.stream.StreamSupport.stream(n.spliterator(), false).map(JsonNode::asText).toList();
    }

    @Test
    void aReplyIsHeldOnBothServersUntilApprovedAndABoostIsRefused() {
        Map<String, Object> policy = Map.of(
                "can_reply", Map.of("automatic_approval", List.of("author"), "manual_approval", List.of("public")),
                "can_reblog", Map.of("automatic_approval", List.of("author")),
                "can_favourite", Map.of("automatic_approval", List.of("public")));
        JsonNode post = ok(a.http().postJson("/api/v1/statuses", alice, Map.of("status", "ask before replying", "interaction_policy", policy))).json();
        String postUri = post.get("uri").asText();

        // the Note carries GoToSocial's interactionPolicy
        JsonNode note = as2(a, postUri);
        JsonNode ip = note.get("interactionPolicy");
        assertThat(strings(ip.get("canReply").get("automaticApproval"))).containsExactly(Fed.actorUri(a, "alice"));
        assertThat(strings(ip.get("canReply").get("manualApproval"))).containsExactly("https://www.w3.org/ns/activitystreams#Public");
        assertThat(strings(ip.get("canAnnounce").get("automaticApproval"))).containsExactly(Fed.actorUri(a, "alice"));
        assertThat(strings(ip.get("canLike").get("automaticApproval"))).containsExactly("https://www.w3.org/ns/activitystreams#Public");
        assertThat(note.get("@context").toString()).contains("gts:canReply").contains("gts:approvedBy");

        Fed.awaitDeliveries(a);
        Await.until("b has alice's post", () -> idOn(b, postUri) != null);
        Fed.awaitInboxIdle(b);
        long postOnB = idOn(b, postUri);
        JsonNode seenByBob = ok(b.http().get("/api/v1/statuses/" + postOnB, bob)).json().get("interaction_policy");
        assertThat(strings(seenByBob.get("can_reply").get("manual_approval"))).containsExactly("public", "me");

        // a boost alice's policy does not allow: refused by b before anything is sent
        TestHttp.Response boost = b.http().postJson("/api/v1/statuses/" + postOnB + "/reblog", bob, Map.of());
        assertThat(boost.status()).isEqualTo(403);

        // bob's reply: held on b (bob sees it, others do not) and sent to alice's server only
        JsonNode reply = ok(b.http().postJson("/api/v1/statuses", bob, Map.of("status", "@alice@" + a.domain() + " may I?",
                "in_reply_to_id", postOnB))).json();
        String replyUri = reply.get("uri").asText();
        assertThat(b.http().get("/api/v1/statuses/" + reply.get("id").asText()).status()).isEqualTo(404);
        Fed.awaitDeliveries(b);
        Await.until("a holds bob's reply", () -> idOn(a, replyUri) != null);
        Fed.awaitInboxIdle(a);
        long replyOnA = idOn(a, replyUri);
        assertThat(a.http().get("/api/v1/statuses/" + replyOnA).status()).isEqualTo(404);
        assertThat(ok(a.http().get("/api/v1/statuses/" + post.get("id").asText() + "/context")).json().get("descendants")).isEmpty();
        JsonNode requests = ok(a.http().get("/api/v1/interaction_requests", alice)).json();
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).get("reply").get("uri").asText()).isEqualTo(replyUri);

        // alice approves: shown on a, the Accept with a ReplyApproval goes to b, b shows it and sends it with approvedBy
        ok(a.http().postJson("/api/v1/interaction_requests/" + requests.get(0).get("id").asText() + "/authorize", alice, Map.of()));
        assertThat(ok(a.http().get("/api/v1/statuses/" + replyOnA)).json().get("uri").asText()).isEqualTo(replyUri);
        Fed.awaitDeliveries(a);
        Await.until("b shows the approved reply", () -> b.http().get("/api/v1/statuses/" + reply.get("id").asText()).status() == 200);
        JsonNode replyNote = as2(b, replyUri);
        String approvedBy = replyNote.get("approvedBy").asText();
        assertThat(approvedBy).startsWith(a.baseUrl() + "/users/alice/approvals/");
        JsonNode approval = as2(a, approvedBy);
        assertThat(approval.get("type").asText()).isEqualTo("ReplyApproval");
        assertThat(approval.get("attributedTo").asText()).isEqualTo(Fed.actorUri(a, "alice"));
        assertThat(approval.get("object").asText()).isEqualTo(replyUri);
        assertThat(approval.get("target").asText()).isEqualTo(postUri);
        assertThat(ok(a.http().get("/api/v1/statuses/" + post.get("id").asText() + "/context")).json().get("descendants"))
                .extracting(n -> n.get("uri").asText()).containsExactly(replyUri);
    }

    @Test
    void aGoToSocialNoteWithAPolicyHoldsALocalReplyUntilItsServerAccepts() {
        long n = Fed.unique();
        assertThat(x.post(Fed.sharedInbox(b), gus, Fed.fixture("gotosocial-create-interaction-policy.json",
                Map.of("actor", gus.uri(), "n", Long.toString(n))))).isEqualTo(202);
        String noteUri = gus.uri() + "/statuses/" + n;
        Await.until("b stores gus's post", () -> idOn(b, noteUri) != null);
        Fed.awaitInboxIdle(b);
        long onB = idOn(b, noteUri);
        JsonNode p = ok(b.http().get("/api/v1/statuses/" + onB, bob)).json().get("interaction_policy");
        // read from old and new names: anyone likes, replies need approval, boosts for gus's followers (bob is one)
        assertThat(strings(p.get("can_favourite").get("automatic_approval"))).containsExactly("public", "me");
        assertThat(strings(p.get("can_reply").get("automatic_approval"))).containsExactly("author");
        assertThat(strings(p.get("can_reply").get("manual_approval"))).containsExactly("public", "me");
        assertThat(strings(p.get("can_reblog").get("automatic_approval"))).containsExactly("author", "followers", "me");

        JsonNode reply = ok(b.http().postJson("/api/v1/statuses", bob, Map.of("status", "@gus@" + x.domain() + " hello", "in_reply_to_id", onB))).json();
        String replyUri = reply.get("uri").asText();
        Fed.awaitDeliveries(b);
        Await.until("gus's server got the reply", () -> x.received("Create").stream()
                .anyMatch(c -> c.path("object").path("id").asText().equals(replyUri)));
        assertThat(b.http().get("/api/v1/statuses/" + reply.get("id").asText()).status()).isEqualTo(404);

        String accept = """
                {"@context": "https://www.w3.org/ns/activitystreams", "id": "%s/activities/accept/%d", "type": "Accept",
                 "actor": "%s", "to": "%s", "object": "%s", "target": "%s", "result": "%s/approvals/%d"}"""
                .formatted(gus.uri(), n, gus.uri(), Fed.actorUri(b, "bob"), replyUri, noteUri, gus.uri(), n);
        assertThat(x.post(Fed.sharedInbox(b), gus, accept)).isEqualTo(202);
        Fed.awaitInboxIdle(b);
        assertThat(ok(b.http().get("/api/v1/statuses/" + reply.get("id").asText())).json().get("id").asText()).isEqualTo(reply.get("id").asText());
        assertThat(as2(b, replyUri).get("approvedBy").asText()).isEqualTo(gus.uri() + "/approvals/" + n);
    }

    private static String reply(FakeFediServer.Actor from, long n, String inReplyTo, String approvedBy) {
        String uri = from.uri() + "/statuses/" + n;
        return """
                {"@context": ["https://www.w3.org/ns/activitystreams", "https://gotosocial.org/ns"], "id": "%s/activity", "type": "Create",
                 "actor": "%s", "to": ["https://www.w3.org/ns/activitystreams#Public"], "cc": ["%s/followers"],
                 "object": {"id": "%s", "type": "Note", "attributedTo": "%s", "content": "<p>an answer</p>", "inReplyTo": "%s",
                  "published": "2025-11-04T11:00:00Z", "to": ["https://www.w3.org/ns/activitystreams#Public"], "cc": ["%s/followers"]%s}}"""
                .formatted(uri, from.uri(), from.uri(), uri, from.uri(), inReplyTo, from.uri(),
                        approvedBy == null ? "" : ", \"approvedBy\": \"" + approvedBy + "\"");
    }

    @Test
    void aReplyToAnotherServersPostIsShownOnlyWithAnApprovalConfirmedAtItsSource() throws Exception {
        FakeFediServer.Actor rita = x.actor("rita");
        Fed.followRemote(b, bob, x, rita);
        long n = Fed.unique();
        assertThat(x.post(Fed.sharedInbox(b), gus, Fed.fixture("gotosocial-create-interaction-policy.json",
                Map.of("actor", gus.uri(), "n", Long.toString(n))))).isEqualTo(202);
        String noteUri = gus.uri() + "/statuses/" + n;
        Await.until("b stores gus's post", () -> idOn(b, noteUri) != null);

        // no approvedBy: replies need gus's approval, so it is held (bob does not see it)
        long plain = Fed.unique();
        assertThat(x.post(Fed.sharedInbox(b), rita, reply(rita, plain, noteUri, null))).isEqualTo(202);
        Fed.awaitInboxIdle(b);
        String plainUri = rita.uri() + "/statuses/" + plain;
        Await.until("b stores rita's first reply", () -> idOn(b, plainUri) != null);
        assertThat(b.app().core.statuses.byUri(plainUri).orElseThrow().pendingApproval()).isTrue();
        assertThat(b.http().get("/api/v1/statuses/" + idOn(b, plainUri), bob).status()).isEqualTo(404);

        // approvedBy naming an approval that gus's server serves for this very reply: dereferenced, shown
        long good = Fed.unique();
        String goodUri = rita.uri() + "/statuses/" + good;
        String approval = gus.uri() + "/approvals/" + good;
        x.serve(JSON.readTree("""
                {"@context": ["https://www.w3.org/ns/activitystreams", "https://gotosocial.org/ns"], "id": "%s", "type": "ReplyApproval",
                 "attributedTo": "%s", "object": "%s", "target": "%s"}""".formatted(approval, gus.uri(), goodUri, noteUri)));
        assertThat(x.post(Fed.sharedInbox(b), rita, reply(rita, good, noteUri, approval))).isEqualTo(202);
        Fed.awaitInboxIdle(b);
        Await.until("b stores rita's approved reply", () -> idOn(b, goodUri) != null);
        assertThat(b.app().core.statuses.byUri(goodUri).orElseThrow().pendingApproval()).isFalse();
        assertThat(x.fetchCount(approval)).isPositive();
        assertThat(ok(b.http().get("/api/v1/statuses/" + idOn(b, goodUri), bob)).json().get("in_reply_to_id").asText())
                .isEqualTo(idOn(b, noteUri).toString());

        // approvedBy citing an approval of another reply (or none served): not trusted, held
        long forged = Fed.unique();
        String forgedUri = rita.uri() + "/statuses/" + forged;
        assertThat(x.post(Fed.sharedInbox(b), rita, reply(rita, forged, noteUri, approval))).isEqualTo(202);
        long missing = Fed.unique();
        String missingUri = rita.uri() + "/statuses/" + missing;
        assertThat(x.post(Fed.sharedInbox(b), rita, reply(rita, missing, noteUri, gus.uri() + "/approvals/" + missing))).isEqualTo(202);
        Fed.awaitInboxIdle(b);
        Await.until("b stores rita's other replies", () -> idOn(b, forgedUri) != null && idOn(b, missingUri) != null);
        assertThat(b.app().core.statuses.byUri(forgedUri).orElseThrow().pendingApproval()).isTrue();
        assertThat(b.app().core.statuses.byUri(missingUri).orElseThrow().pendingApproval()).isTrue();
    }
}
