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
 * Moving an account between servers, over real federation between three Atoll servers on loopback (and a fake
 * server for Moves Atoll would never send): aliases, the Move and its checks, followers on every server ending up
 * following the new account, the 30-day cooldown on both sides, and the GoToSocial API's refusals.
 */
class AccountMigrationIT {

    private static TestInstance a;
    private static TestInstance b;
    private static TestInstance c;
    private static FakeFediServer fake;

    @BeforeAll
    static void start() {
        a = Fed.start();
        b = Fed.start();
        c = Fed.start();
        fake = FakeFediServer.start();
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
        c.close();
        fake.close();
    }

    /** The id {@code on} gives {@code user} of {@code home}, resolving it over WebFinger and ActivityPub. */
    private static String known(TestInstance on, String user, TestInstance home) {
        return on.app().federation.actorResolver.byAcct(user, home.domain()).orElseThrow().id() + "";
    }

    private static void follow(TestInstance on, String token, String targetId) {
        assertThat(on.http().postJson("/api/v1/accounts/" + targetId + "/follow", token, null).status()).isEqualTo(200);
        Await.until("the follow of " + targetId + " is accepted", () -> Fed.relationship(on, token, targetId).get("following").asBoolean());
    }

    private static TestHttp.Response alias(TestInstance on, String token, List<String> refs) {
        return on.http().postJson("/api/v1/accounts/alias", token, Map.of("also_known_as_uris", refs));
    }

    private static TestHttp.Response move(TestInstance on, String token, String password, String target) {
        return on.http().postJson("/api/v1/accounts/move", token, Map.of("password", password, "moved_to_uri", target));
    }

    private static JsonNode actorDocument(TestInstance on, String username) {
        return on.http().send("GET", "/users/" + username, null, null, null, Map.of("Accept", "application/activity+json")).json();
    }

    private static boolean following(TestInstance on, String token, String id) { return Fed.relationship(on, token, id).get("following").asBoolean(); }

    private static JsonNode moveNotification(TestInstance on, String token) {
        for (JsonNode n : on.http().get("/api/v1/notifications", token).json()) if (n.get("type").asText().equals("move")) return n;
        return null;
    }

    @Test
    void followersOnEveryServerFollowTheNewAccountAndTheOldOneIsRedirected() {
        String alice = a.createUser("alice");
        String anna = a.createUser("anna");         // follows alice on her own server
        String alice2 = b.createUser("alice2");     // where alice moves to
        String bea = b.createUser("bea");           // follows alice from the new account's server
        String carl = c.createUser("carl");         // follows alice from a third server
        String aliceUri = Fed.actorUri(a, "alice");
        String alice2Uri = Fed.actorUri(b, "alice2");

        String aliceOnA = Fed.accountId(a, alice);
        follow(a, anna, aliceOnA);
        String aliceOnB = known(b, "alice", a);
        follow(b, bea, aliceOnB);
        String aliceOnC = known(c, "alice", a);
        follow(c, carl, aliceOnC);
        // two followers on a server with a shared inbox: one Move reaches it
        Fed.remoteFollows(a, fake, fake.actor("fan1"), "alice");
        Fed.remoteFollows(a, fake, fake.actor("fan2"), "alice");
        // anna keeps alice in a list and a note about her: both go with the move
        String listId = a.http().postJson("/api/v1/lists", anna, Map.of("title", "Friends")).json().get("id").asText();
        assertThat(a.http().postJson("/api/v1/lists/" + listId + "/accounts", anna, Map.of("account_ids", List.of(aliceOnA))).status()).isEqualTo(200);
        a.http().postJson("/api/v1/accounts/" + aliceOnA + "/note", anna, Map.of("comment", "met at the reef"));

        // the new account does not list the old one yet: the move is refused, nothing changes
        var refused = move(a, alice, "password-alice", "@alice2@" + b.domain());
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("error").asText()).contains("alias");
        assertThat(a.http().get("/api/v1/accounts/" + aliceOnA).json().has("moved")).isFalse();

        // alias on the new account, by handle: stored as the actor id, and on its actor document
        var aliased = alias(b, alice2, List.of("@alice@" + a.domain()));
        assertThat(aliased.status()).isEqualTo(200);
        JsonNode actor = actorDocument(b, "alice2");
        assertThat(actor.get("alsoKnownAs").get(0).asText()).isEqualTo(aliceUri);

        // the move: 202, then the old actor points at the new one and the API shows it as moved
        assertThat(move(a, alice, "password-alice", alice2Uri).status()).isEqualTo(202);
        JsonNode moved = a.http().get("/api/v1/accounts/" + aliceOnA).json().get("moved");
        assertThat(moved.get("acct").asText()).isEqualTo("alice2@" + b.domain());
        assertThat(actorDocument(a, "alice").get("movedTo").asText()).isEqualTo(alice2Uri);
        var post = a.http().postJson("/api/v1/statuses", alice, Map.of("status", "still here?"));
        assertThat(post.status()).isEqualTo(422);
        assertThat(post.json().get("error").asText()).contains("moved");

        // the Move as Mastodon sends it: actor and object the old account, target the new one, to its followers
        Fed.awaitDeliveries(a);
        List<FakeFediServer.Received> moves = fake.received().stream().filter(r -> r.body().path("type").asText().equals("Move")).toList();
        assertThat(moves).hasSize(1);
        assertThat(moves.get(0).path()).isEqualTo("/inbox");
        JsonNode sent = moves.get(0).body();
        assertThat(sent.get("actor").asText()).isEqualTo(aliceUri);
        assertThat(sent.get("object").asText()).isEqualTo(aliceUri);
        assertThat(sent.get("target").asText()).isEqualTo(alice2Uri);
        assertThat(sent.get("id").asText()).startsWith(aliceUri + "#moves/");
        assertThat(sent.get("to").toString()).contains(aliceUri + "/followers");

        // followers on all three servers now follow alice2 and no longer alice
        String alice2OnA = known(a, "alice2", b);
        String alice2OnB = Fed.accountId(b, alice2);
        String alice2OnC = known(c, "alice2", b);
        Await.until("anna (server a) follows alice2", () -> following(a, anna, alice2OnA));
        Await.until("bea (server b) follows alice2", () -> following(b, bea, alice2OnB));
        Await.until("carl (server c) follows alice2", () -> following(c, carl, alice2OnC));
        assertThat(following(a, anna, aliceOnA)).isFalse();
        Await.until("bea left alice", () -> !following(b, bea, aliceOnB));
        Await.until("carl left alice", () -> !following(c, carl, aliceOnC));
        Await.until("alice2 sees her three followers", () -> b.http().get("/api/v1/accounts/" + alice2OnB).json().get("followers_count").asInt() == 3);

        // each was told, with the old account as the actor and the new one as the target
        for (var who : List.of(Map.entry(a, anna), Map.entry(b, bea), Map.entry(c, carl))) {
            Await.until("a move notification", () -> moveNotification(who.getKey(), who.getValue()) != null);
            JsonNode n = moveNotification(who.getKey(), who.getValue());
            assertThat(n.get("account").get("url").asText()).isEqualTo(a.baseUrl() + "/@alice");
            assertThat(n.get("target").get("uri").asText()).isEqualTo(alice2Uri);
        }
        // anna's list now holds alice2 (once her request was accepted), and her note came along
        Await.until("anna's list holds alice2", () -> a.http().get("/api/v1/lists/" + listId + "/accounts", anna).json().findValuesAsText("id").contains(alice2OnA));
        assertThat(Fed.relationship(a, anna, alice2OnA).get("note").asText()).contains("moved from @alice").contains("met at the reef");

        // a second move within 30 days is refused, even to an account that aliases back
        String carl2 = c.createUser("carl2");
        assertThat(alias(c, carl2, List.of(aliceUri)).status()).isEqualTo(200);
        var again = move(a, alice, "password-alice", Fed.actorUri(c, "carl2"));
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.json().get("error").asText()).contains("30 days");
        assertThat(actorDocument(a, "alice").get("movedTo").asText()).isEqualTo(alice2Uri);
    }

    @Test
    void aMoveWhoseTargetDoesNotAliasBackIsRefusedAndASecondMoveWithinTheCooldownIsIgnored() {
        String dora = b.createUser("dora");
        FakeFediServer.Actor mover = fake.actor("mover");
        FakeFediServer.Actor stranger = fake.actor("stranger");   // does not list mover
        FakeFediServer.Actor first = fake.actor("first");
        FakeFediServer.Actor second = fake.actor("second");
        fake.document(first).putArray("alsoKnownAs").add(mover.uri());
        fake.document(second).putArray("alsoKnownAs").add(mover.uri());
        String moverId = Fed.followRemote(b, dora, fake, mover);

        // target does not alias back: refused, dora still follows mover and nothing is recorded
        sendMove(mover, stranger);
        Fed.awaitInboxIdle(b);
        assertThat(b.http().get("/api/v1/accounts/" + moverId).json().has("moved")).isFalse();
        assertThat(following(b, dora, moverId)).isTrue();
        assertThat(moveNotification(b, dora)).isNull();

        // a target that aliases back: accepted; dora asks to follow it (a remote account answers later) and leaves mover
        sendMove(mover, first);
        Await.until("the move is recorded", () -> b.http().get("/api/v1/accounts/" + moverId).json().has("moved"));
        String firstId = Fed.remoteId(b, "first@" + fake.domain());
        Await.until("dora asked to follow first", () -> Fed.relationship(b, dora, firstId).get("requested").asBoolean());
        Await.until("dora left mover", () -> !following(b, dora, moverId));
        Await.until("the Follow reaches first", () -> fake.received("Follow").stream().anyMatch(f -> f.path("object").asText().equals(first.uri())));

        // another Move of the same account within 30 days: ignored
        sendMove(mover, second);
        Fed.awaitInboxIdle(b);
        assertThat(b.http().get("/api/v1/accounts/" + moverId).json().get("moved").get("uri").asText()).isEqualTo(first.uri());
        assertThat(fake.received("Follow").stream().noneMatch(f -> f.path("object").asText().equals(second.uri()))).isTrue();
    }

    private static void sendMove(FakeFediServer.Actor mover, FakeFediServer.Actor target) {
        String activity = """
                {"@context": "https://www.w3.org/ns/activitystreams", "id": "%1$s#moves/%2$d", "type": "Move", "actor": "%1$s",
                 "object": "%1$s", "target": "%3$s", "to": "%1$s/followers"}""".formatted(mover.uri(), Fed.unique(), target.uri());
        assertThat(fake.post(Fed.sharedInbox(b), mover, activity)).isEqualTo(202);
    }

    @Test
    void theApiRefusesWhatCannotBeDone() {
        String erin = a.createUser("erin");
        String ezra = a.createUser("ezra");
        // aliases: unknown accounts and oneself are refused; an empty list clears them
        var unknown = alias(a, erin, List.of("@nobody@" + b.domain()));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().get("error").asText()).contains("Could not find");
        assertThat(alias(a, erin, List.of(Fed.actorUri(a, "erin"))).status()).isEqualTo(422);
        assertThat(alias(a, erin, List.of("ezra")).status()).isEqualTo(200);
        assertThat(actorDocument(a, "erin").get("alsoKnownAs").get(0).asText()).isEqualTo(Fed.actorUri(a, "ezra"));
        assertThat(alias(a, erin, List.of()).status()).isEqualTo(200);
        assertThat(actorDocument(a, "erin").get("alsoKnownAs")).isEmpty();

        // move: the wrong password, no target, an unknown target, oneself, a target that does not alias back
        var wrong = move(a, ezra, "not-the-password", Fed.actorUri(a, "erin"));
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.json().get("error").asText()).isEqualTo("Invalid password");
        assertThat(a.http().postJson("/api/v1/accounts/move", ezra, Map.of("password", "password-ezra")).status()).isEqualTo(400);
        assertThat(move(a, ezra, "password-ezra", "@nobody@" + b.domain()).status()).isEqualTo(422);
        assertThat(move(a, ezra, "password-ezra", "ezra").status()).isEqualTo(422);
        var noAlias = move(a, ezra, "password-ezra", "erin");
        assertThat(noAlias.status()).isEqualTo(422);
        assertThat(noAlias.json().get("error").asText()).contains("does not list this account as an alias");
        // without a token, or with a read-only one
        assertThat(a.http().postJson("/api/v1/accounts/move", null, Map.of("password", "x", "moved_to_uri", "erin")).status()).isEqualTo(401);
        String readOnly = a.token(Long.parseLong(Fed.accountId(a, ezra)), "read");
        assertThat(move(a, readOnly, "password-ezra", "erin").status()).isEqualTo(403);
    }

    @Test
    void movingBetweenTwoLocalAccountsCarriesFollowsMutesAndBlocks() {
        String lena = c.createUser("lena");
        String lou = c.createUser("lou");
        String fin = c.createUser("fin");     // follows lena
        String mia = c.createUser("mia");     // mutes lena
        String ben = c.createUser("ben");     // blocks lena
        String lenaId = Fed.accountId(c, lena);
        String louId = Fed.accountId(c, lou);
        follow(c, fin, lenaId);
        c.http().postJson("/api/v1/accounts/" + lenaId + "/mute", mia, Map.of("notifications", true));
        c.http().postJson("/api/v1/accounts/" + lenaId + "/block", ben, null);

        assertThat(alias(c, lou, List.of("lena")).status()).isEqualTo(200);
        assertThat(move(c, lena, "password-lena", "@lou@" + c.domain()).status()).isEqualTo(202);

        Await.until("fin follows lou", () -> following(c, fin, louId));
        assertThat(following(c, fin, lenaId)).isFalse();
        Await.until("mia mutes lou", () -> Fed.relationship(c, mia, louId).get("muting").asBoolean());
        Await.until("ben blocks lou", () -> Fed.relationship(c, ben, louId).get("blocking").asBoolean());
        assertThat(moveNotification(c, fin).get("target").get("id").asText()).isEqualTo(louId);

        // a locked new account: its new followers are requests it answers
        String kim = c.createUser("kim");
        String kai = c.createUser("kai");
        String flo = c.createUser("flo");
        String kimId = Fed.accountId(c, kim);
        String kaiId = Fed.accountId(c, kai);
        c.http().patchJson("/api/v1/accounts/update_credentials", kai, Map.of("locked", true));
        follow(c, flo, kimId);
        assertThat(alias(c, kai, List.of("kim")).status()).isEqualTo(200);
        assertThat(move(c, kim, "password-kim", "kai").status()).isEqualTo(202);
        Await.until("flo asked to follow kai", () -> Fed.relationship(c, flo, kaiId).get("requested").asBoolean());
        assertThat(following(c, flo, kaiId)).isFalse();
        assertThat(following(c, flo, kimId)).isFalse();
        assertThat(c.http().get("/api/v1/follow_requests", kai).json().get(0).get("acct").asText()).isEqualTo("flo");
    }
}
