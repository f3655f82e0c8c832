package social.atoll.federation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.testing.Await;
import social.atoll.testing.TestInstance;

/**
 * Three Atoll servers on loopback federating with each other, every effect checked on the receiving side through its
 * Mastodon API. {@code a} hosts alice, {@code b} hosts bob (open) and bert (locked), {@code c} hosts carl, who follows
 * nobody: what reaches {@code c} must have been addressed to carl.
 */
class ThreeInstancesIT {

    private static TestInstance a;
    private static TestInstance b;
    private static TestInstance c;
    private static String alice;
    private static String bob;
    private static String bert;
    private static String carl;

    @BeforeAll
    static void start() {
        a = Fed.start();
        b = Fed.start();
        c = Fed.start();
        alice = a.createUser("alice");
        bob = b.createUser("bob");
        bert = b.createUser("bert");
        b.http().patchJson("/api/v1/accounts/update_credentials", bert, Map.of("locked", true));
        carl = c.createUser("carl");
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
        c.close();
    }

    /** The id {@code on} gives {@code user} of {@code home}, resolving it over WebFinger and ActivityPub. */
    private static String known(TestInstance on, String user, TestInstance home) {
        return on.app().federation.actorResolver.byAcct(user, home.domain()).orElseThrow().id() + "";
    }

    private static JsonNode homeOf(TestInstance i, String token) { return i.http().get("/api/v1/timelines/home", token).json(); }

    private static boolean inHome(TestInstance i, String token, String uri) {
        for (JsonNode s : homeOf(i, token)) if (s.get("uri").asText().equals(uri)) return true;
        return false;
    }

    private static JsonNode post(String token, Map<String, Object> body) {
        var r = a.http().postJson("/api/v1/statuses", token, body);
        assertThat(r.status()).isEqualTo(200);
        return r.json();
    }

    private static int storedOn(TestInstance i, String uri) {
        return i.app().infra.db.read(h -> h.createQuery("SELECT COUNT(*) FROM statuses WHERE uri = :u").bind("u", uri).mapTo(Integer.class).one());
    }

    private static void follow(TestInstance on, String token, String targetId) {
        assertThat(on.http().postJson("/api/v1/accounts/" + targetId + "/follow", token, null).status()).isEqualTo(200);
    }

    @Test
    void threeServersFederate() {
        String aliceOnB = known(b, "alice", a);
        String bobOnA = known(a, "bob", b);
        String bertOnA = known(a, "bert", b);
        known(a, "carl", c);

        // open follow: bob follows alice, a accepts at once
        follow(b, bob, aliceOnB);
        Await.until("bob follows alice", () -> Fed.relationship(b, bob, aliceOnB).get("following").asBoolean());
        Await.until("alice sees her follower", () -> Fed.relationship(a, alice, bobOnA).get("followed_by").asBoolean());

        // locked follow: alice asks bert, bert accepts through b's API
        follow(a, alice, bertOnA);
        Await.until("bert sees the request", () -> b.http().get("/api/v1/follow_requests", bert).json().size() == 1);
        assertThat(Fed.relationship(a, alice, bertOnA).get("requested").asBoolean()).isTrue();
        String aliceOnBForBert = b.http().get("/api/v1/follow_requests", bert).json().get(0).get("id").asText();
        b.http().postJson("/api/v1/follow_requests/" + aliceOnBForBert + "/authorize", bert, null);
        Await.until("alice follows bert", () -> Fed.relationship(a, alice, bertOnA).get("following").asBoolean());

        // each visibility
        JsonNode pub = post(alice, Map.of("status", "hello fediverse @carl@" + c.domain(), "visibility", "public"));
        JsonNode unlisted = post(alice, Map.of("status", "quietly public", "visibility", "unlisted"));
        JsonNode priv = post(alice, Map.of("status", "followers only", "visibility", "private"));
        JsonNode direct = post(alice, Map.of("status", "just for you @bob@" + b.domain(), "visibility", "direct"));
        for (JsonNode s : new JsonNode[] {pub, unlisted, priv}) {
            String uri = s.get("uri").asText();
            Await.until("bob's home has " + uri, () -> inHome(b, bob, uri));
        }
        JsonNode onB = homeOf(b, bob);
        for (JsonNode s : onB) {
            if (s.get("uri").asText().equals(priv.get("uri").asText())) assertThat(s.get("visibility").asText()).isEqualTo("private");
            if (s.get("uri").asText().equals(unlisted.get("uri").asText())) assertThat(s.get("visibility").asText()).isEqualTo("unlisted");
        }
        Await.until("bob is told of the direct message", () -> b.http().get("/api/v1/notifications?types[]=mention", bob).json().size() == 1);
        JsonNode dm = b.http().get("/api/v1/notifications?types[]=mention", bob).json().get(0).get("status");
        assertThat(dm.get("visibility").asText()).isEqualTo("direct");
        assertThat(dm.get("uri").asText()).isEqualTo(direct.get("uri").asText());
        Await.until("carl is told of the public mention", () -> c.http().get("/api/v1/notifications", carl).json().size() == 1);
        assertThat(c.http().get("/api/v1/notifications", carl).json().get(0).get("status").get("uri").asText()).isEqualTo(pub.get("uri").asText());
        Fed.awaitDeliveries(a);
        Fed.awaitInboxIdle(c);
        assertThat(storedOn(c, priv.get("uri").asText())).isZero();
        assertThat(storedOn(c, direct.get("uri").asText())).isZero();
        assertThat(storedOn(c, unlisted.get("uri").asText())).isZero(); // carl follows nobody and is not mentioned

        // reply across servers, boost and like, all seen by alice on a
        String pubOnB = idOnB(pub);
        var reply = b.http().postJson("/api/v1/statuses", bob, Map.of("status", "@alice@" + a.domain() + " welcome!", "in_reply_to_id", pubOnB));
        assertThat(reply.status()).isEqualTo(200);
        b.http().postJson("/api/v1/statuses/" + pubOnB + "/reblog", bob, null);
        b.http().postJson("/api/v1/statuses/" + pubOnB + "/favourite", bob, null);
        String pubId = pub.get("id").asText();
        Await.until("alice sees the reply, boost and like", () -> {
            JsonNode s = a.http().get("/api/v1/statuses/" + pubId, alice).json();
            return s.get("replies_count").asInt() == 1 && s.get("reblogs_count").asInt() == 1 && s.get("favourites_count").asInt() == 1;
        });
        JsonNode context = a.http().get("/api/v1/statuses/" + pubId + "/context", alice).json();
        assertThat(context.get("descendants").get(0).get("uri").asText()).isEqualTo(reply.json().get("uri").asText());
        b.http().postJson("/api/v1/statuses/" + pubOnB + "/unfavourite", bob, null);
        b.http().postJson("/api/v1/statuses/" + pubOnB + "/unreblog", bob, null);
        Await.until("the like and boost are taken back", () -> {
            JsonNode s = a.http().get("/api/v1/statuses/" + pubId, alice).json();
            return s.get("reblogs_count").asInt() == 0 && s.get("favourites_count").asInt() == 0;
        });

        // edit and delete
        var edited = a.http().putJson("/api/v1/statuses/" + pubId, alice, Map.of("status", "hello again fediverse"));
        assertThat(edited.status()).isEqualTo(200);
        Await.until("bob sees the edit", () -> b.http().get("/api/v1/statuses/" + pubOnB, bob).json().get("content").asText().contains("hello again"));
        assertThat(a.http().delete("/api/v1/statuses/" + unlisted.get("id").asText(), alice).status()).isEqualTo(200);
        Await.until("the deleted post leaves bob's home", () -> !inHome(b, bob, unlisted.get("uri").asText()));

        // a poll on a, voted on from b
        var poll = a.http().postJson("/api/v1/statuses", alice, Map.of("status", "tea or coffee?",
                "poll", Map.of("options", java.util.List.of("tea", "coffee"), "expires_in", 3600)));
        assertThat(poll.status()).isEqualTo(200);
        String pollUri = poll.json().get("uri").asText();
        Await.until("bob sees the poll", () -> inHome(b, bob, pollUri));
        JsonNode pollOnB = homeOf(b, bob).findParents("uri").stream().filter(x -> x.get("uri").asText().equals(pollUri)).findFirst().orElseThrow();
        assertThat(pollOnB.get("poll").get("options").get(1).get("title").asText()).isEqualTo("coffee");
        var vote = b.http().postJson("/api/v1/polls/" + pollOnB.get("poll").get("id").asText() + "/votes", bob, Map.of("choices", java.util.List.of(1)));
        assertThat(vote.status()).isEqualTo(200);
        String pollId = poll.json().get("id").asText();
        Await.until("alice's poll counts bob's vote", () -> a.http().get("/api/v1/statuses/" + pollId, alice).json()
                .get("poll").get("options").get(1).get("votes_count").asInt() == 1);

        // profile update
        a.http().patchJson("/api/v1/accounts/update_credentials", alice, Map.of("display_name", "Alice of A"));
        Await.until("b shows the new name", () -> b.http().get("/api/v1/accounts/" + aliceOnB).json().get("display_name").asText().equals("Alice of A"));

        // block: bert blocks alice, which ends her follow on both sides
        String aliceOnBForBlock = known(b, "alice", a);
        assertThat(b.http().postJson("/api/v1/accounts/" + aliceOnBForBlock + "/block", bert, null).status()).isEqualTo(200);
        Await.until("alice sees she is blocked", () -> Fed.relationship(a, alice, bertOnA).get("blocked_by").asBoolean());
        assertThat(Fed.relationship(a, alice, bertOnA).get("following").asBoolean()).isFalse();

        // unfollow
        b.http().postJson("/api/v1/accounts/" + aliceOnB + "/unfollow", bob, null);
        Await.until("alice loses her follower", () -> !Fed.relationship(a, alice, bobOnA).get("followed_by").asBoolean());
        Await.until("a counts no followers", () -> a.http().get("/api/v1/accounts/verify_credentials", alice).json().get("followers_count").asInt() == 0);
    }

    /** The id of one of alice's statuses on b (it arrived in bob's home). */
    private static String idOnB(JsonNode statusOnA) {
        for (JsonNode s : homeOf(b, bob)) if (s.get("uri").asText().equals(statusOnA.get("uri").asText())) return s.get("id").asText();
        throw new AssertionError("not on b: " + statusOnA.get("uri").asText());
    }
}
