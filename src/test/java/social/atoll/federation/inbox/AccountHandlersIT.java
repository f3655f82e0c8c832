package social.atoll.federation.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.federation.FakeFediServer;
import social.atoll.federation.Fed;
import social.atoll.testing.Await;
import social.atoll.testing.TestInstance;

/**
 * Update{Person}, Delete{actor}, Block, Flag, Move and Add/Remove of featured posts and hashtags, as a remote server
 * sends them.
 */
class AccountHandlersIT {

    private static final String PUBLIC = "\"https://www.w3.org/ns/activitystreams#Public\"";

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

    private static JsonNode account(String id) { return atoll.http().get("/api/v1/accounts/" + id).json(); }

    @Test
    void updateOfTheActorRefreshesTheProfileFromItsServer() {
        FakeFediServer.Actor bob = remote.actor("bob9");
        String bobId = Fed.introduce(atoll, remote, bob);
        assertThat(account(bobId).get("display_name").asText()).isEqualTo("bob9 remote");
        remote.document(bob).put("name", "Bob the Builder").put("summary", "<p>new bio<script>x</script></p>");
        String update = """
                {"@context": "https://www.w3.org/ns/activitystreams", "id": "%s#updates/%d", "type": "Update", "actor": "%s",
                 "to": [%s], "object": %s}""".formatted(bob.uri(), Fed.unique(), bob.uri(), PUBLIC, remote.document(bob).toString());
        assertThat(remote.post(Fed.sharedInbox(atoll), bob, update)).isEqualTo(202);
        Await.until("the new name shows", () -> account(bobId).get("display_name").asText().equals("Bob the Builder"));
        assertThat(account(bobId).get("note").asText()).contains("new bio").doesNotContain("script");
    }

    @Test
    void blockByARemoteAccountSeversFollowsBothWays() {
        String token = atoll.createUser("blocked1");
        FakeFediServer.Actor bob = remote.actor("bob10");
        String bobId = Fed.followRemote(atoll, token, remote, bob);
        String block = """
                {"@context": "https://www.w3.org/ns/activitystreams", "id": "%s#blocks/%d", "type": "Block", "actor": "%s", "object": "%s"}"""
                .formatted(bob.uri(), Fed.unique(), bob.uri(), Fed.actorUri(atoll, "blocked1"));
        assertThat(remote.post(Fed.sharedInbox(atoll), bob, block)).isEqualTo(202);
        Await.until("the block shows", () -> Fed.relationship(atoll, token, bobId).get("blocked_by").asBoolean());
        assertThat(Fed.relationship(atoll, token, bobId).get("following").asBoolean()).isFalse();

        JsonNode blockJson = json(block);
        String undo = """
                {"@context": "https://www.w3.org/ns/activitystreams", "id": "%s/undo", "type": "Undo", "actor": "%s", "object": %s}"""
                .formatted(blockJson.get("id").asText(), bob.uri(), block);
        assertThat(remote.post(Fed.sharedInbox(atoll), bob, undo)).isEqualTo(202);
        Await.until("the block is lifted", () -> !Fed.relationship(atoll, token, bobId).get("blocked_by").asBoolean());
    }

    @Test
    void flagIsStoredAsAReportWithTheReportedPosts() {
        String token = atoll.createUser("reported1");
        String statusId = atoll.http().postJson("/api/v1/statuses", token, java.util.Map.of("status", "something rude")).json().get("id").asText();
        String statusUri = atoll.http().get("/api/v1/statuses/" + statusId, token).json().get("uri").asText();
        FakeFediServer.Actor mod = remote.actor("moderator1");
        String flag = """
                {"@context": "https://www.w3.org/ns/activitystreams", "id": "%s/reports/%d", "type": "Flag", "actor": "%s",
                 "content": "Spam links", "object": ["%s", "%s"], "to": "%s"}"""
                .formatted(remote.base(), Fed.unique(), mod.uri(), Fed.actorUri(atoll, "reported1"), statusUri, Fed.actorUri(atoll, "reported1"));
        assertThat(remote.post(Fed.sharedInbox(atoll), mod, flag)).isEqualTo(202);
        Await.until("the report is stored", () -> atoll.app().infra.db.read(h -> h.createQuery(
                "SELECT COUNT(*) FROM reports r JOIN accounts a ON a.id = r.target_account_id WHERE a.username = 'reported1'")
                .mapTo(Integer.class).one()) == 1);
        var report = atoll.app().infra.db.read(h -> h.createQuery(
                "SELECT r.comment, r.status_ids FROM reports r JOIN accounts a ON a.id = r.target_account_id WHERE a.username = 'reported1'")
                .mapToMap().one());
        assertThat(report.get("comment")).isEqualTo("Spam links");
        assertThat(report.get("status_ids").toString()).contains(statusId);
    }

    @Test
    void moveIsRecordedOnlyWhenTheTargetNamesTheActorAsAnAlias() {
        FakeFediServer.Actor old = remote.actor("old1");
        FakeFediServer.Actor fresh = remote.actor("new1");
        String oldId = Fed.introduce(atoll, remote, old);
        String move = """
                {"@context": "https://www.w3.org/ns/activitystreams", "id": "%s#moves/%d", "type": "Move", "actor": "%s",
                 "object": "%s", "target": "%s", "to": "%s"}""";
        // without alsoKnownAs on the target: refused
        assertThat(remote.post(Fed.sharedInbox(atoll), old, move.formatted(old.uri(), Fed.unique(), old.uri(), old.uri(), fresh.uri(), old.followers()))).isEqualTo(202);
        Fed.awaitInboxIdle(atoll);
        assertThat(account(oldId).has("moved")).isFalse();

        remote.document(fresh).putArray("alsoKnownAs").add(old.uri());
        assertThat(remote.post(Fed.sharedInbox(atoll), old, move.formatted(old.uri(), Fed.unique(), old.uri(), old.uri(), fresh.uri(), old.followers()))).isEqualTo(202);
        Await.until("the move is recorded", () -> account(oldId).has("moved"));
        assertThat(account(oldId).get("moved").get("acct").asText()).isEqualTo("new1@" + remote.domain());
    }

    @Test
    void addAndRemoveOfTheFeaturedCollectionPinAndUnpin() {
        String token = atoll.createUser("reader6");
        FakeFediServer.Actor bob = remote.actor("bob11");
        String bobId = Fed.followRemote(atoll, token, remote, bob);
        String noteId = bob.uri() + "/statuses/" + Fed.unique();
        assertThat(remote.post(Fed.sharedInbox(atoll), bob, Fed.createNote(bob, noteId, "<p>pin me</p>", "[" + PUBLIC + "]", "[]", "[]", null))).isEqualTo(202);
        Await.until("the note arrives", () -> atoll.http().get("/api/v1/timelines/home", token).json().size() == 1);
        String add = """
                {"@context": "https://www.w3.org/ns/activitystreams", "id": "%s#adds/%d", "type": "%s", "actor": "%s",
                 "object": "%s", "target": "%s/collections/featured"}""";
        assertThat(remote.post(Fed.sharedInbox(atoll), bob, add.formatted(bob.uri(), Fed.unique(), "Add", bob.uri(), noteId, bob.uri()))).isEqualTo(202);
        Await.until("the note is pinned", () -> atoll.http().get("/api/v1/accounts/" + bobId + "/statuses?pinned=true", token).json().size() == 1);
        assertThat(remote.post(Fed.sharedInbox(atoll), bob, add.formatted(bob.uri(), Fed.unique(), "Remove", bob.uri(), noteId, bob.uri()))).isEqualTo(202);
        Await.until("the note is unpinned", () -> atoll.http().get("/api/v1/accounts/" + bobId + "/statuses?pinned=true", token).json().isEmpty());
    }

    /** Mastodon announces a featured hashtag as Add/Remove of an inline Hashtag to the featured collection. */
    @Test
    void addAndRemoveOfAHashtagFeatureAndUnfeatureIt() {
        FakeFediServer.Actor bob = remote.actor("bob13");
        String bobId = Fed.introduce(atoll, remote, bob);
        String add = """
                {"@context": "https://www.w3.org/ns/activitystreams", "id": "%s#tags/%d", "type": "%s", "actor": "%s",
                 "object": {"type": "Hashtag", "href": "%s/tagged/knitting", "name": "#Knitting"},
                 "target": "%s/collections/featured"}""";
        assertThat(remote.post(Fed.sharedInbox(atoll), bob, add.formatted(bob.uri(), Fed.unique(), "Add", bob.uri(), bob.uri(), bob.uri()))).isEqualTo(202);
        Await.until("the tag is featured", () -> atoll.http().get("/api/v1/accounts/" + bobId + "/featured_tags").json().size() == 1);
        JsonNode tag = atoll.http().get("/api/v1/accounts/" + bobId + "/featured_tags").json().get(0);
        assertThat(tag.get("name").asText()).isEqualTo("Knitting");
        assertThat(remote.post(Fed.sharedInbox(atoll), bob, add.formatted(bob.uri(), Fed.unique(), "Remove", bob.uri(), bob.uri(), bob.uri()))).isEqualTo(202);
        Await.until("the tag is no longer featured", () -> atoll.http().get("/api/v1/accounts/" + bobId + "/featured_tags").json().isEmpty());
    }

    @Test
    void deleteOfTheActorRemovesItsPostsAndFollows() {
        String token = atoll.createUser("reader7");
        FakeFediServer.Actor bob = remote.actor("bob12");
        String bobId = Fed.followRemote(atoll, token, remote, bob);
        String noteId = bob.uri() + "/statuses/" + Fed.unique();
        assertThat(remote.post(Fed.sharedInbox(atoll), bob, Fed.createNote(bob, noteId, "<p>bye</p>", "[" + PUBLIC + "]", "[]", "[]", null))).isEqualTo(202);
        Await.until("the note arrives", () -> atoll.http().get("/api/v1/timelines/home", token).json().size() == 1);
        String delete = """
                {"@context": "https://www.w3.org/ns/activitystreams", "id": "%s#delete", "type": "Delete", "actor": "%s",
                 "to": [%s], "object": "%s"}""".formatted(bob.uri(), bob.uri(), PUBLIC, bob.uri());
        assertThat(remote.post(Fed.sharedInbox(atoll), bob, delete)).isEqualTo(202);
        Await.until("the posts are gone", () -> atoll.http().get("/api/v1/timelines/home", token).json().isEmpty());
        assertThat(atoll.http().get("/api/v1/accounts/verify_credentials", token).json().get("following_count").asInt()).isZero();
        assertThat(atoll.http().get("/api/v1/accounts/" + bobId, token).json().path("suspended").asBoolean()).isTrue();
    }

    private static JsonNode json(String s) {
        try {
            return atoll.app().infra.json.readTree(s);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
