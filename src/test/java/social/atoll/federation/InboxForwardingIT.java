package social.atoll.federation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.testing.Await;
import social.atoll.testing.TestInstance;

/**
 * Inbox forwarding, as Mastodon does it: bob (server B) replies to alice's post; fan (server C) follows alice but
 * not bob, and sees the reply only because alice's server forwards bob's activity, unchanged and signed by alice.
 * Bob follows alice too, so B is one of her followers' servers, yet never gets his own activity back. And the other
 * way round: an activity of bob's that a third server forwards is believed only as far as B itself confirms it.
 */
class InboxForwardingIT {

    private static final String PUBLIC = "https://www.w3.org/ns/activitystreams#Public";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TestInstance atoll;
    private static FakeFediServer b;
    private static FakeFediServer c;
    private static FakeFediServer.Actor bob;
    private static String alice;
    private static String aliceUri;

    @BeforeAll
    static void start() {
        atoll = Fed.start();
        b = FakeFediServer.start();
        c = FakeFediServer.start();
        alice = atoll.createUser("alice");
        aliceUri = Fed.actorUri(atoll, "alice");
        bob = b.actor("bob");
        Fed.remoteFollows(atoll, b, bob, "alice");
        Fed.remoteFollows(atoll, c, c.actor("fan"), "alice");
    }

    @AfterAll
    static void stop() {
        b.close();
        c.close();
        atoll.close();
    }

    /** A Linked Data signature as Mastodon attaches it (Atoll does not check it; the receivers do). */
    private static ObjectNode ldSigned(String activity) throws Exception {
        ObjectNode a = (ObjectNode) JSON.readTree(activity);
        ObjectNode sig = a.putObject("signature");
        sig.put("type", "RsaSignature2017");
        sig.put("creator", bob.keyId());
        sig.put("created", "2025-11-04T10:00:00Z");
        sig.put("signatureValue", "c2lnbmVkIGJ5IGJvYg==");
        return a;
    }

    private static String reply(String noteId, String parentUri) {
        return Fed.createNote(bob, noteId, "<p>@alice sure</p>", "[\"" + PUBLIC + "\"]", "[\"" + aliceUri + "\"]",
                "[{\"type\": \"Mention\", \"href\": \"" + aliceUri + "\"}]", parentUri);
    }

    private static List<FakeFediServer.Received> got(FakeFediServer server, String type, String objectId) {
        return server.received().stream().filter(r -> r.body().path("type").asText().equals(type)
                && (r.body().path("object").isTextual() ? r.body().path("object").asText() : r.body().path("object").path("id").asText()).equals(objectId))
                .toList();
    }

    private static String alicePost() {
        var r = atoll.http().postJson("/api/v1/statuses", alice, Map.of("status", "what do you think?", "visibility", "public"));
        assertThat(r.status()).isEqualTo(200);
        return r.json().get("uri").asText();
    }

    @Test
    void aSignedReplyToALocalPostIsForwardedUnchangedToTheAuthorsFollowersAndSoAreItsUpdateAndDelete() throws Exception {
        String parent = alicePost();
        String noteId = bob.uri() + "/statuses/" + Fed.unique();
        ObjectNode create = ldSigned(reply(noteId, parent));
        assertThat(b.post(Fed.sharedInbox(atoll), bob, create)).isEqualTo(202);
        Await.until("the follower's server gets the reply", () -> got(c, "Create", noteId).size() == 1);
        var forwarded = got(c, "Create", noteId).get(0);
        assertThat(forwarded.body()).isEqualTo(create);
        assertThat(forwarded.headers().get("Signature").get(0)).contains("keyId=\"" + aliceUri + "#main-key\"");

        ObjectNode update = ldSigned("""
                {"@context": "https://www.w3.org/ns/activitystreams", "id": "%1$s#updates/1", "type": "Update", "actor": "%2$s",
                 "to": ["%3$s"], "object": {"id": "%1$s", "type": "Note", "attributedTo": "%2$s", "content": "<p>@alice on second thought</p>",
                 "published": "2025-11-04T10:00:00Z", "updated": "2025-11-04T11:00:00Z", "inReplyTo": "%4$s", "to": ["%3$s"], "cc": ["%5$s"]}}"""
                .formatted(noteId, bob.uri(), PUBLIC, parent, aliceUri));
        assertThat(b.post(Fed.sharedInbox(atoll), bob, update)).isEqualTo(202);
        Await.until("the follower's server gets the Update", () -> got(c, "Update", noteId).size() == 1);
        assertThat(got(c, "Update", noteId).get(0).body()).isEqualTo(update);

        ObjectNode delete = ldSigned("""
                {"@context": "https://www.w3.org/ns/activitystreams", "id": "%1$s#delete", "type": "Delete", "actor": "%2$s",
                 "to": ["%3$s"], "object": {"id": "%1$s", "type": "Tombstone"}}""".formatted(noteId, bob.uri(), PUBLIC));
        assertThat(b.post(Fed.sharedInbox(atoll), bob, delete)).isEqualTo(202);
        Await.until("the follower's server gets the Delete", () -> got(c, "Delete", noteId).size() == 1);
        assertThat(got(c, "Delete", noteId).get(0).body()).isEqualTo(delete);

        Fed.awaitDeliveries(atoll);
        assertThat(got(b, "Create", noteId)).isEmpty();
        assertThat(got(b, "Update", noteId)).isEmpty();
        assertThat(got(b, "Delete", noteId)).isEmpty();
    }

    @Test
    void aReplyWithoutALinkedDataSignatureIsNotForwarded() {
        String parent = alicePost();
        String noteId = bob.uri() + "/statuses/" + Fed.unique();
        assertThat(b.post(Fed.sharedInbox(atoll), bob, reply(noteId, parent))).isEqualTo(202);
        Await.until("alice's post counts the reply", () -> repliesCount(parent) == 1);
        Fed.awaitDeliveries(atoll);
        assertThat(got(c, "Create", noteId)).isEmpty();
    }

    @Test
    void aSignedDeleteOfAPostALocalAccountBoostedGoesToTheBoostersFollowers() throws Exception {
        String noteId = bob.uri() + "/statuses/" + Fed.unique();
        assertThat(b.post(Fed.sharedInbox(atoll), bob, reply(noteId, null))).isEqualTo(202);
        Fed.awaitInboxIdle(atoll);
        String statusId = null;
        for (JsonNode st : atoll.http().get("/api/v1/accounts/" + Fed.remoteId(atoll, "bob@" + b.domain()) + "/statuses", alice).json())
            if (st.get("uri").asText().equals(noteId)) statusId = st.get("id").asText();
        assertThat(statusId).isNotNull();
        assertThat(atoll.http().postJson("/api/v1/statuses/" + statusId + "/reblog", alice, null).status()).isEqualTo(200);

        ObjectNode delete = ldSigned("""
                {"@context": "https://www.w3.org/ns/activitystreams", "id": "%1$s#delete", "type": "Delete", "actor": "%2$s",
                 "to": ["%3$s"], "object": {"id": "%1$s", "type": "Tombstone"}}""".formatted(noteId, bob.uri(), PUBLIC));
        assertThat(b.post(Fed.sharedInbox(atoll), bob, delete)).isEqualTo(202);
        Await.until("the booster's follower's server gets the Delete", () -> got(c, "Delete", noteId).size() == 1);
        assertThat(got(c, "Delete", noteId).get(0).headers().get("Signature").get(0)).contains("keyId=\"" + aliceUri + "#main-key\"");
    }

    /** Another server (x) forwards bob's activity: signed by x's actor, not by bob. */
    private static int forwardedByX(FakeFediServer x, FakeFediServer.Actor forwarder, ObjectNode activity) {
        return x.post(Fed.sharedInbox(atoll), forwarder, activity);
    }

    private static ObjectNode note(String noteId) throws Exception {
        return (ObjectNode) JSON.readTree(reply(noteId, null)).get("object");
    }

    private static List<JsonNode> mentionsOf(String noteId) {
        List<JsonNode> out = new java.util.ArrayList<>();
        for (JsonNode n : atoll.http().get("/api/v1/notifications?types[]=mention", alice).json())
            if (n.path("status").path("uri").asText().equals(noteId)) out.add(n.get("status"));
        return out;
    }

    @Test
    void aForwardedActivityIsTrustedOnlyAsItsOriginServesIt() throws Exception {
        try (FakeFediServer x = FakeFediServer.start()) {
            FakeFediServer.Actor forwarder = x.actor("forwarder");
            String noteId = bob.uri() + "/statuses/" + Fed.unique();
            b.serve(note(noteId));
            ObjectNode create = ldSigned(reply(noteId, null));
            ((ObjectNode) create.get("object")).put("content", "<p>@alice forged by the forwarder</p>");
            assertThat(forwardedByX(x, forwarder, create)).isEqualTo(202);
            Await.until("the post arrives as its origin serves it", () -> mentionsOf(noteId).size() == 1);
            assertThat(mentionsOf(noteId).get(0).get("content").asText()).contains("sure").doesNotContain("forged");

            String unknownId = bob.uri() + "/statuses/" + Fed.unique();
            assertThat(forwardedByX(x, forwarder, ldSigned(reply(unknownId, null)))).isEqualTo(202);
            ObjectNode delete = ldSigned("""
                    {"@context": "https://www.w3.org/ns/activitystreams", "id": "%1$s#delete", "type": "Delete", "actor": "%2$s",
                     "to": ["%3$s"], "object": {"id": "%1$s", "type": "Tombstone"}}""".formatted(noteId, bob.uri(), PUBLIC));
            assertThat(forwardedByX(x, forwarder, delete)).isEqualTo(202);
            Fed.awaitInboxIdle(atoll);
            assertThat(mentionsOf(unknownId)).isEmpty();
            assertThat(mentionsOf(noteId)).as("a Delete its origin belies").hasSize(1);

            b.remove(noteId);
            delete.put("id", noteId + "#delete-again");
            assertThat(forwardedByX(x, forwarder, delete)).isEqualTo(202);
            Await.until("the post goes once its origin no longer serves it", () -> mentionsOf(noteId).isEmpty());

            String unsigned = reply(bob.uri() + "/statuses/" + Fed.unique(), null);
            assertThat(x.post(Fed.sharedInbox(atoll), forwarder, unsigned)).as("not forwardable without a signature").isEqualTo(401);
        }
    }

    private static int repliesCount(String uri) {
        for (JsonNode s : atoll.http().get("/api/v1/accounts/" + Fed.accountId(atoll, alice) + "/statuses", alice).json())
            if (s.get("uri").asText().equals(uri)) return s.get("replies_count").asInt();
        return -1;
    }
}
