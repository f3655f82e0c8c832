package social.atoll.federation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.testing.Await;
import social.atoll.testing.TestInstance;

/**
 * What local actions send, checked on the wire at two fake servers: {@code followers} hosts a follower of alice,
 * {@code others} hosts dave, who only gets what mentions him. Addressing as Mastodon's per visibility; each server
 * once, at its shared inbox for posts and at the personal inbox for one-to-one activities.
 */
class OutboxIT {

    private static final String PUBLIC = "https://www.w3.org/ns/activitystreams#Public";

    private static TestInstance atoll;
    private static FakeFediServer followers;
    private static FakeFediServer others;
    private static FakeFediServer.Actor fan;
    private static FakeFediServer.Actor dave;
    private static String alice;
    private static String aliceUri;
    private static String daveId;

    @BeforeAll
    static void start() {
        atoll = Fed.start();
        followers = FakeFediServer.start();
        others = FakeFediServer.start();
        alice = atoll.createUser("alice");
        aliceUri = Fed.actorUri(atoll, "alice");
        fan = followers.actor("fan");
        Fed.remoteFollows(atoll, followers, fan, "alice");
        dave = others.actor("dave");
        daveId = Fed.introduce(atoll, others, dave);
    }

    @AfterAll
    static void stop() {
        followers.close();
        others.close();
        atoll.close();
    }

    private static JsonNode post(String text, String visibility) {
        var r = atoll.http().postJson("/api/v1/statuses", alice, Map.of("status", text, "visibility", visibility));
        assertThat(r.status()).isEqualTo(200);
        return r.json();
    }

    private static List<FakeFediServer.Received> got(FakeFediServer server, String type, String objectId) {
        List<FakeFediServer.Received> out = new ArrayList<>();
        for (var r : server.received()) {
            JsonNode b = r.body();
            String obj = b.path("object").isTextual() ? b.path("object").asText() : b.path("object").path("id").asText();
            if (b.path("type").asText().equals(type) && obj.equals(objectId)) out.add(r);
        }
        return out;
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n.isArray()) n.forEach(x -> out.add(x.asText()));
        else if (n.isTextual()) out.add(n.asText());
        return out;
    }

    @Test
    void publicPostGoesToFollowersAndMentionedServersAddressedAsMastodonDoes() {
        JsonNode s = post("hi @dave@" + others.domain(), "public");
        String uri = s.get("uri").asText();
        Await.until("both servers get the Create", () -> got(followers, "Create", uri).size() == 1 && got(others, "Create", uri).size() == 1);
        var atFollowers = got(followers, "Create", uri).get(0);
        assertThat(atFollowers.path()).isEqualTo("/inbox");
        JsonNode create = atFollowers.body();
        assertThat(create.get("id").asText()).isEqualTo(uri + "/activity");
        assertThat(create.get("actor").asText()).isEqualTo(aliceUri);
        assertThat(strings(create.get("to"))).containsExactly(PUBLIC);
        assertThat(strings(create.get("cc"))).contains(aliceUri + "/followers", dave.uri());
        assertThat(create.get("object").get("attributedTo").asText()).isEqualTo(aliceUri);
        assertThat(atFollowers.headers().get("Signature").get(0)).contains("keyId=\"" + aliceUri + "#main-key\"");
        Fed.awaitDeliveries(atoll);
        assertThat(got(followers, "Create", uri)).hasSize(1);
    }

    @Test
    void followersOnlyPostReachesOnlyServersOfFollowersAndMentioned() {
        JsonNode s = post("for my followers", "private");
        String uri = s.get("uri").asText();
        Await.until("the follower's server gets it", () -> got(followers, "Create", uri).size() == 1);
        JsonNode create = got(followers, "Create", uri).get(0).body();
        assertThat(strings(create.get("to"))).containsExactly(aliceUri + "/followers");
        assertThat(strings(create.get("cc"))).doesNotContain(PUBLIC);
        Fed.awaitDeliveries(atoll);
        assertThat(got(others, "Create", uri)).isEmpty();
    }

    @Test
    void directPostReachesOnlyTheMentioned() {
        JsonNode s = post("secret @dave@" + others.domain(), "direct");
        String uri = s.get("uri").asText();
        Await.until("dave's server gets it", () -> got(others, "Create", uri).size() == 1);
        JsonNode create = got(others, "Create", uri).get(0).body();
        assertThat(strings(create.get("to"))).containsExactly(dave.uri());
        assertThat(strings(create.get("cc"))).isEmpty();
        Fed.awaitDeliveries(atoll);
        assertThat(got(followers, "Create", uri)).isEmpty();

        // and its deletion goes where the post went, as a Tombstone
        atoll.http().delete("/api/v1/statuses/" + s.get("id").asText(), alice);
        Await.until("dave's server gets the Delete", () -> got(others, "Delete", uri).size() == 1);
        JsonNode delete = got(others, "Delete", uri).get(0).body();
        assertThat(delete.get("id").asText()).isEqualTo(uri + "#delete");
        assertThat(delete.get("object").get("type").asText()).isEqualTo("Tombstone");
        Fed.awaitDeliveries(atoll);
        assertThat(got(followers, "Delete", uri)).isEmpty();
    }

    @Test
    void likeBoostAndBlockGoToTheOtherAccountAndAreUndone() {
        String noteId = dave.uri() + "/statuses/" + Fed.unique();
        String note = Fed.createNote(dave, noteId, "<p>hello @alice</p>", "[\"" + PUBLIC + "\"]", "[]",
                "[{\"type\": \"Mention\", \"href\": \"" + aliceUri + "\"}]", null);
        assertThat(others.post(Fed.sharedInbox(atoll), dave, note)).isEqualTo(202);
        Await.until("alice is mentioned", () -> atoll.http().get("/api/v1/notifications?types[]=mention", alice).json().size() >= 1);
        String statusId = atoll.http().get("/api/v1/notifications?types[]=mention", alice).json().get(0).get("status").get("id").asText();

        atoll.http().postJson("/api/v1/statuses/" + statusId + "/favourite", alice, null);
        Await.until("dave gets the Like", () -> got(others, "Like", noteId).size() == 1);
        assertThat(got(others, "Like", noteId).get(0).path()).isEqualTo("/users/dave/inbox");
        atoll.http().postJson("/api/v1/statuses/" + statusId + "/unfavourite", alice, null);
        Await.until("dave gets the Undo{Like}", () -> others.received("Undo").stream()
                .anyMatch(u -> u.path("object").path("type").asText().equals("Like") && u.path("object").path("object").asText().equals(noteId)));

        atoll.http().postJson("/api/v1/statuses/" + statusId + "/reblog", alice, null);
        Await.until("dave and the follower get the Announce", () -> got(others, "Announce", noteId).size() == 1 && got(followers, "Announce", noteId).size() == 1);
        assertThat(strings(got(others, "Announce", noteId).get(0).body().get("cc"))).contains(dave.uri());
        atoll.http().postJson("/api/v1/statuses/" + statusId + "/unreblog", alice, null);
        Await.until("dave and the follower get the Undo{Announce}", () -> undoneAnnounces(others, noteId) == 1 && undoneAnnounces(followers, noteId) == 1);

        atoll.http().postJson("/api/v1/accounts/" + daveId + "/block", alice, null);
        Await.until("dave gets the Block", () -> got(others, "Block", dave.uri()).size() == 1);
        atoll.http().postJson("/api/v1/accounts/" + daveId + "/unblock", alice, null);
        Await.until("dave gets the Undo{Block}", () -> others.received("Undo").stream()
                .anyMatch(u -> u.path("object").path("type").asText().equals("Block")));
    }

    private static long undoneAnnounces(FakeFediServer server, String noteId) {
        return server.received("Undo").stream()
                .filter(u -> u.path("object").path("type").asText().equals("Announce") && u.path("object").path("object").asText().equals(noteId))
                .count();
    }

    @Test
    void anEditSendsAnUpdateOfTheNoteToThePostsAudience() {
        JsonNode s = post("first words", "public");
        String uri = s.get("uri").asText();
        Await.until("the follower's server gets the Create", () -> got(followers, "Create", uri).size() == 1);
        var edited = atoll.http().putJson("/api/v1/statuses/" + s.get("id").asText(), alice, Map.of("status", "second words"));
        assertThat(edited.status()).isEqualTo(200);
        Await.until("the follower's server gets the Update", () -> got(followers, "Update", uri).size() == 1);
        JsonNode update = got(followers, "Update", uri).get(0).body();
        assertThat(update.get("id").asText()).startsWith(uri + "#updates/");
        assertThat(update.get("actor").asText()).isEqualTo(aliceUri);
        assertThat(strings(update.get("to"))).containsExactly(PUBLIC);
        assertThat(update.get("object").get("content").asText()).contains("second words");
        assertThat(update.get("object").has("@context")).isFalse();
        Fed.awaitDeliveries(atoll);
        assertThat(got(others, "Update", uri)).isEmpty();
    }

    @Test
    void followingARemoteAccountSendsFollowAndUnfollowingItsUndo() {
        FakeFediServer.Actor erin = others.actor("erin");
        String erinId = Fed.introduce(atoll, others, erin);
        atoll.http().postJson("/api/v1/accounts/" + erinId + "/follow", alice, null);
        Await.until("erin gets the Follow", () -> got(others, "Follow", erin.uri()).size() == 1);
        var follow = got(others, "Follow", erin.uri()).get(0);
        assertThat(follow.path()).isEqualTo("/users/erin/inbox");
        assertThat(follow.body().get("id").asText()).startsWith(aliceUri + "#follows/");
        assertThat(follow.body().get("actor").asText()).isEqualTo(aliceUri);
        atoll.http().postJson("/api/v1/accounts/" + erinId + "/unfollow", alice, null);
        Await.until("erin gets the Undo{Follow}", () -> others.received("Undo").stream()
                .anyMatch(u -> u.path("object").path("type").asText().equals("Follow") && u.path("object").path("object").asText().equals(erin.uri())
                        && u.path("object").path("actor").asText().equals(aliceUri)));
    }

    @Test
    void profileUpdateGoesToFollowers() {
        atoll.http().patchJson("/api/v1/accounts/update_credentials", alice, Map.of("display_name", "Alice A."));
        Await.until("the follower's server gets Update{Person}", () -> followers.received("Update").stream()
                .anyMatch(u -> u.path("object").path("id").asText().equals(aliceUri) && u.path("object").path("name").asText().equals("Alice A.")));
    }

    @Test
    void pinningSendsAddAndUnpinningRemoveToFollowers() {
        JsonNode s = post("pin this", "public");
        String uri = s.get("uri").asText();
        assertThat(atoll.http().postJson("/api/v1/statuses/" + s.get("id").asText() + "/pin", alice, null).status()).isEqualTo(200);
        Await.until("the follower's server gets Add", () -> got(followers, "Add", uri).size() == 1);
        assertThat(got(followers, "Add", uri).get(0).body().get("target").asText()).isEqualTo(aliceUri + "/collections/featured");
        atoll.http().postJson("/api/v1/statuses/" + s.get("id").asText() + "/unpin", alice, null);
        Await.until("the follower's server gets Remove", () -> got(followers, "Remove", uri).size() == 1);
    }

    @Test
    void votesOnALocalPollSendTheNewTalliesToItsAudience() {
        var r = atoll.http().postJson("/api/v1/statuses", alice, Map.of("status", "cats or dogs?",
                "poll", Map.of("options", List.of("cats", "dogs"), "expires_in", 3600)));
        String uri = r.json().get("uri").asText();
        Await.until("the follower's server gets the Question", () -> got(followers, "Create", uri).size() == 1);
        assertThat(got(followers, "Create", uri).get(0).body().get("object").get("type").asText()).isEqualTo("Question");
        String vote = """
                {"@context": "https://www.w3.org/ns/activitystreams", "id": "%1$s#votes/%2$d/activity", "type": "Create", "actor": "%1$s",
                 "to": ["%3$s"], "object": {"id": "%1$s#votes/%2$d", "type": "Note", "name": "dogs", "attributedTo": "%1$s",
                 "inReplyTo": "%4$s", "to": ["%3$s"]}}""".formatted(dave.uri(), Fed.unique(), aliceUri, uri);
        assertThat(others.post(Fed.sharedInbox(atoll), dave, vote)).isEqualTo(202);
        Await.until("followers and the voter's server get the tallies", () -> got(followers, "Update", uri).size() == 1
                && got(others, "Update", uri).size() == 1);
        JsonNode question = got(followers, "Update", uri).get(0).body().get("object");
        assertThat(question.get("oneOf").get(1).get("replies").get("totalItems").asInt()).isEqualTo(1);
    }
}
