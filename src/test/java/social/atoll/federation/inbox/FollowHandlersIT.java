package social.atoll.federation.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.federation.FakeFediServer;
import social.atoll.federation.Fed;
import social.atoll.testing.Await;
import social.atoll.testing.TestInstance;

/** Follow, Accept, Reject and Undo{Follow} between a local account and a remote one, both ways. */
class FollowHandlersIT {

    private static TestInstance atoll;
    private static FakeFediServer remote;

    @BeforeAll
    static void start() {
        atoll = Fed.start();
        remote = FakeFediServer.start();
    }

    @AfterAll
    static void stop() {
        remote.close();
        atoll.close();
    }

    private static String follow(FakeFediServer.Actor actor, String localName, long n) {
        return """
                {"@context": "https://www.w3.org/ns/activitystreams", "id": "%s#follows/%d", "type": "Follow",
                 "actor": "%s", "object": "%s"}""".formatted(actor.uri(), n, actor.uri(), Fed.actorUri(atoll, localName));
    }

    private static List<JsonNode> receivedFor(FakeFediServer.Actor actor, String type) {
        return remote.received(type).stream().filter(a -> a.path("object").path("actor").asText().equals(actor.uri())
                || a.path("object").asText().equals(actor.uri())).toList();
    }

    @Test
    void followOfAnOpenAccountFollowsAndIsAccepted() {
        String token = atoll.createUser("openfollowee");
        FakeFediServer.Actor bob = remote.actor("bob1");
        long n = Fed.unique();
        assertThat(remote.post(Fed.sharedInbox(atoll), bob, follow(bob, "openfollowee", n))).isEqualTo(202);

        Await.until("the Accept reaches the follower", () -> !receivedFor(bob, "Accept").isEmpty());
        JsonNode accept = receivedFor(bob, "Accept").get(0);
        assertThat(accept.path("actor").asText()).isEqualTo(Fed.actorUri(atoll, "openfollowee"));
        assertThat(accept.path("object").path("id").asText()).isEqualTo(bob.uri() + "#follows/" + n);
        assertThat(accept.path("object").path("object").asText()).isEqualTo(Fed.actorUri(atoll, "openfollowee"));
        String bobId = Fed.remoteId(atoll, "bob1@" + remote.domain());
        assertThat(Fed.relationship(atoll, token, bobId).get("followed_by").asBoolean()).isTrue();
        var me = atoll.http().get("/api/v1/accounts/verify_credentials", token).json();
        assertThat(me.get("followers_count").asInt()).isEqualTo(1);
        var notes = atoll.http().get("/api/v1/notifications", token).json();
        assertThat(notes.get(0).get("type").asText()).isEqualTo("follow");

        // A repeated Follow (Mastodon re-follows after a key change) is accepted again and changes nothing.
        assertThat(remote.post(Fed.sharedInbox(atoll), bob, follow(bob, "openfollowee", Fed.unique()))).isEqualTo(202);
        Await.until("the second Accept", () -> receivedFor(bob, "Accept").size() == 2);
        assertThat(atoll.http().get("/api/v1/accounts/verify_credentials", token).json().get("followers_count").asInt()).isEqualTo(1);

        // Undo{Follow} ends it.
        String undo = """
                {"@context": "https://www.w3.org/ns/activitystreams", "id": "%s#follows/%d/undo", "type": "Undo", "actor": "%s",
                 "object": {"id": "%s#follows/%d", "type": "Follow", "actor": "%s", "object": "%s"}}"""
                .formatted(bob.uri(), n, bob.uri(), bob.uri(), n, bob.uri(), Fed.actorUri(atoll, "openfollowee"));
        assertThat(remote.post(Fed.sharedInbox(atoll), bob, undo)).isEqualTo(202);
        Await.until("the follow is gone", () -> !Fed.relationship(atoll, token, bobId).get("followed_by").asBoolean());
    }

    @Test
    void followOfALockedAccountIsARequestUntilAuthorized() {
        String token = atoll.createUser("lockedfollowee");
        assertThat(atoll.http().patchJson("/api/v1/accounts/update_credentials", token, Map.of("locked", true)).status()).isEqualTo(200);
        FakeFediServer.Actor carol = remote.actor("carol1");
        long n = Fed.unique();
        assertThat(remote.post(atoll.baseUrl() + "/users/lockedfollowee/inbox", carol, follow(carol, "lockedfollowee", n))).isEqualTo(202);

        Await.until("the request is listed", () -> atoll.http().get("/api/v1/follow_requests", token).json().size() == 1);
        String carolId = atoll.http().get("/api/v1/follow_requests", token).json().get(0).get("id").asText();
        assertThat(receivedFor(carol, "Accept")).isEmpty();

        assertThat(atoll.http().postJson("/api/v1/follow_requests/" + carolId + "/authorize", token, null).status()).isEqualTo(200);
        Await.until("the Accept reaches the follower", () -> !receivedFor(carol, "Accept").isEmpty());
        assertThat(receivedFor(carol, "Accept").get(0).path("object").path("id").asText()).isEqualTo(carol.uri() + "#follows/" + n);
        assertThat(Fed.relationship(atoll, token, carolId).get("followed_by").asBoolean()).isTrue();
    }

    @Test
    void rejectingARemoteRequestSendsReject() {
        String token = atoll.createUser("rejecter");
        atoll.http().patchJson("/api/v1/accounts/update_credentials", token, Map.of("locked", true));
        FakeFediServer.Actor dan = remote.actor("dan1");
        assertThat(remote.post(Fed.sharedInbox(atoll), dan, follow(dan, "rejecter", Fed.unique()))).isEqualTo(202);
        Await.until("the request is listed", () -> atoll.http().get("/api/v1/follow_requests", token).json().size() == 1);
        String danId = atoll.http().get("/api/v1/follow_requests", token).json().get(0).get("id").asText();
        atoll.http().postJson("/api/v1/follow_requests/" + danId + "/reject", token, null);
        Await.until("the Reject reaches the follower", () -> !receivedFor(dan, "Reject").isEmpty());
    }

    @Test
    void localFollowOfARemoteAccountWaitsForAccept() {
        String token = atoll.createUser("follower1");
        FakeFediServer.Actor erin = remote.actor("erin1");
        String erinId = Fed.introduce(atoll, remote, erin);
        var r = atoll.http().postJson("/api/v1/accounts/" + erinId + "/follow", token, null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("requested").asBoolean()).isTrue();

        Await.until("the Follow reaches the remote inbox", () -> remote.received().stream()
                .anyMatch(x -> x.path().equals("/users/erin1/inbox") && x.body().path("type").asText().equals("Follow")));
        JsonNode followActivity = remote.received("Follow").stream()
                .filter(f -> f.path("object").asText().equals(erin.uri())).findFirst().orElseThrow();
        assertThat(followActivity.path("actor").asText()).isEqualTo(Fed.actorUri(atoll, "follower1"));
        assertThat(followActivity.path("id").asText()).startsWith(Fed.actorUri(atoll, "follower1") + "#follows/");

        // Misskey-style Accept: a new id and the Follow re-rendered by (actor, object) only.
        String accept = """
                {"@context": "https://www.w3.org/ns/activitystreams", "id": "%s/accepts/%d", "type": "Accept", "actor": "%s",
                 "object": {"type": "Follow", "actor": "%s", "object": "%s"}}"""
                .formatted(remote.base(), Fed.unique(), erin.uri(), Fed.actorUri(atoll, "follower1"), erin.uri());
        assertThat(remote.post(Fed.sharedInbox(atoll), erin, accept)).isEqualTo(202);
        Await.until("the follow is accepted", () -> Fed.relationship(atoll, token, erinId).get("following").asBoolean());

        // Unfollowing sends Undo{Follow} with the Follow embedded.
        atoll.http().postJson("/api/v1/accounts/" + erinId + "/unfollow", token, null);
        Await.until("the Undo reaches the remote inbox", () -> remote.received("Undo").stream()
                .anyMatch(u -> u.path("object").path("type").asText().equals("Follow") && u.path("object").path("object").asText().equals(erin.uri())));

        // Follow again; this time a Reject by the Follow's id turns the request down.
        atoll.http().postJson("/api/v1/accounts/" + erinId + "/follow", token, null);
        Await.until("a second Follow", () -> remote.received("Follow").stream().filter(f -> f.path("object").asText().equals(erin.uri())).count() == 2);
        String secondId = remote.received("Follow").stream().filter(f -> f.path("object").asText().equals(erin.uri()))
                .reduce((a, b) -> b).orElseThrow().path("id").asText();
        String reject = """
                {"@context": "https://www.w3.org/ns/activitystreams", "id": "%s#rejects/%d", "type": "Reject", "actor": "%s",
                 "object": "%s"}""".formatted(erin.uri(), Fed.unique(), erin.uri(), secondId);
        assertThat(remote.post(Fed.sharedInbox(atoll), erin, reject)).isEqualTo(202);
        Await.until("the request is gone", () -> !Fed.relationship(atoll, token, erinId).get("requested").asBoolean());
        assertThat(Fed.relationship(atoll, token, erinId).get("following").asBoolean()).isFalse();
    }
}
