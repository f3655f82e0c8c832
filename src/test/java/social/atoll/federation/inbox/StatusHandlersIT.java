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

/** Create, Update, Delete, Like, Announce and their Undos, as a remote server sends them. */
class StatusHandlersIT {

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

    private static JsonNode home(String token) { return atoll.http().get("/api/v1/timelines/home", token).json(); }

    private static JsonNode statuses(String accountId, String token) {
        return atoll.http().get("/api/v1/accounts/" + accountId + "/statuses", token).json();
    }

    private static String post(String token, String text) {
        return atoll.http().postJson("/api/v1/statuses", token, java.util.Map.of("status", text)).json().get("id").asText();
    }

    private static JsonNode status(String id, String token) { return atoll.http().get("/api/v1/statuses/" + id, token).json(); }

    @Test
    void createFromAFollowedAccountReachesTheHomeFeedAndDeleteRemovesIt() {
        String token = atoll.createUser("reader1");
        FakeFediServer.Actor bob = remote.actor("bob2");
        Fed.followRemote(atoll, token, remote, bob);
        String noteId = bob.uri() + "/statuses/" + Fed.unique();
        String create = Fed.createNote(bob, noteId, "<p>Hello <b>world</b><script>alert(1)</script></p>", "[" + PUBLIC + "]",
                "[\"" + bob.followers() + "\"]", "[{\"type\": \"Hashtag\", \"name\": \"#Sunset\", \"href\": \"" + remote.base() + "/tags/sunset\"}]", null);
        assertThat(remote.post(Fed.sharedInbox(atoll), bob, create)).isEqualTo(202);

        Await.until("the note is in the home feed", () -> home(token).size() == 1);
        JsonNode s = home(token).get(0);
        assertThat(s.get("uri").asText()).isEqualTo(noteId);
        assertThat(s.get("content").asText()).contains("Hello").contains("world").doesNotContain("script");
        assertThat(s.get("visibility").asText()).isEqualTo("public");
        assertThat(s.get("account").get("acct").asText()).isEqualTo("bob2@" + remote.domain());
        assertThat(s.get("tags").get(0).get("name").asText()).isEqualToIgnoringCase("sunset");

        String delete = """
                {"@context": "https://www.w3.org/ns/activitystreams", "id": "%s#delete", "type": "Delete", "actor": "%s",
                 "to": [%s], "object": {"id": "%s", "type": "Tombstone"}}""".formatted(noteId, bob.uri(), PUBLIC, noteId);
        assertThat(remote.post(Fed.sharedInbox(atoll), bob, delete)).isEqualTo(202);
        Await.until("the note is gone", () -> home(token).isEmpty());
    }

    @Test
    void mentionsReachLocalAccountsEvenFromStrangersAndDirectMessagesStayPrivate() {
        String token = atoll.createUser("mentioned1");
        String other = atoll.createUser("bystander1");
        FakeFediServer.Actor eve = remote.actor("eve2");
        String me = Fed.actorUri(atoll, "mentioned1");
        String mention = "[{\"type\": \"Mention\", \"href\": \"" + me + "\", \"name\": \"@mentioned1\"}]";
        String dm = Fed.createNote(eve, eve.uri() + "/statuses/" + Fed.unique(), "<p>psst</p>", "[\"" + me + "\"]", "[]", mention, null);
        assertThat(remote.post(Fed.sharedInbox(atoll), eve, dm)).isEqualTo(202);

        // a private mention from a stranger is filtered by Mastodon 4.3's default policy: kept, in a request
        Await.until("a mention notification", () -> atoll.http().get("/api/v1/notifications?include_filtered=true", token).json().size() == 1);
        assertThat(atoll.http().get("/api/v1/notifications/requests", token).json()).hasSize(1);
        JsonNode n = atoll.http().get("/api/v1/notifications?include_filtered=true", token).json().get(0);
        assertThat(n.get("type").asText()).isEqualTo("mention");
        assertThat(n.get("status").get("visibility").asText()).isEqualTo("direct");
        String statusId = n.get("status").get("id").asText();
        assertThat(atoll.http().get("/api/v1/statuses/" + statusId, other).status()).isEqualTo(404);
        assertThat(atoll.http().get("/api/v1/statuses/" + statusId).status()).isEqualTo(404);
    }

    @Test
    void postsOfStrangersThatConcernNobodyHereAreDropped() {
        FakeFediServer.Actor mallory = remote.actor("mallory2");
        String eveId = Fed.introduce(atoll, remote, mallory);
        String note = Fed.createNote(mallory, mallory.uri() + "/statuses/" + Fed.unique(), "<p>spam</p>", "[" + PUBLIC + "]", "[]", "[]", null);
        assertThat(remote.post(Fed.sharedInbox(atoll), mallory, note)).isEqualTo(202);
        Fed.awaitInboxIdle(atoll);
        assertThat(statuses(eveId, null)).isEmpty();
    }

    @Test
    void replyToALocalPostThreadsUnderItAndFetchesMissingAncestors() {
        String token = atoll.createUser("threadstarter");
        String localId = post(token, "what do you think?");
        String localUri = status(localId, token).get("uri").asText();
        FakeFediServer.Actor bob = remote.actor("bob3");
        FakeFediServer.Actor carol = remote.actor("carol3");
        String reply = bob.uri() + "/statuses/" + Fed.unique();
        assertThat(remote.post(Fed.sharedInbox(atoll), bob, Fed.createNote(bob, reply, "<p>I agree</p>", "[" + PUBLIC + "]",
                "[\"" + Fed.actorUri(atoll, "threadstarter") + "\"]", "[]", localUri))).isEqualTo(202);
        Await.until("the reply is counted", () -> status(localId, token).get("replies_count").asInt() == 1);
        JsonNode context = atoll.http().get("/api/v1/statuses/" + localId + "/context", token).json();
        assertThat(context.get("descendants").get(0).get("uri").asText()).isEqualTo(reply);

        // carol answers bob's reply; Atoll has not seen carol's parent, which it fetches from its origin
        String middle = carol.uri() + "/statuses/" + Fed.unique();
        JsonNode middleNote = json(Fed.createNote(carol, middle, "<p>me too</p>", "[" + PUBLIC + "]", "[]", "[]", reply)).get("object");
        ((com.fasterxml.jackson.databind.node.ObjectNode) middleNote).put("@context", "https://www.w3.org/ns/activitystreams");
        remote.serve(middleNote);
        String last = bob.uri() + "/statuses/" + Fed.unique();
        String mention = "[{\"type\": \"Mention\", \"href\": \"" + Fed.actorUri(atoll, "threadstarter") + "\"}]";
        assertThat(remote.post(Fed.sharedInbox(atoll), bob, Fed.createNote(bob, last, "<p>and so on</p>", "[" + PUBLIC + "]",
                "[\"" + Fed.actorUri(atoll, "threadstarter") + "\"]", mention, middle))).isEqualTo(202);
        Await.until("the whole thread is there", () -> atoll.http().get("/api/v1/statuses/" + localId + "/context", token).json()
                .get("descendants").size() == 3);
        JsonNode d = atoll.http().get("/api/v1/statuses/" + localId + "/context", token).json().get("descendants");
        assertThat(d.get(1).get("uri").asText()).isEqualTo(middle);
        assertThat(d.get(2).get("uri").asText()).isEqualTo(last);
    }

    @Test
    void likeAndUndoLikeCountAndNotifyAndAReplayedLikeIsIgnored() {
        String token = atoll.createUser("liked1");
        String localId = post(token, "like me");
        String localUri = status(localId, token).get("uri").asText();
        FakeFediServer.Actor fan = remote.actor("fan1");
        String likeId = fan.uri() + "#likes/" + Fed.unique();
        String like = """
                {"@context": "https://www.w3.org/ns/activitystreams", "id": "%s", "type": "Like", "actor": "%s", "object": "%s"}"""
                .formatted(likeId, fan.uri(), localUri);
        assertThat(remote.post(Fed.sharedInbox(atoll), fan, like)).isEqualTo(202);
        Await.until("the favourite counts", () -> status(localId, token).get("favourites_count").asInt() == 1);
        assertThat(atoll.http().get("/api/v1/notifications", token).json().get(0).get("type").asText()).isEqualTo("favourite");

        String undo = """
                {"@context": "https://www.w3.org/ns/activitystreams", "id": "%s/undo", "type": "Undo", "actor": "%s",
                 "object": {"id": "%s", "type": "Like", "actor": "%s", "object": "%s"}}""".formatted(likeId, fan.uri(), likeId, fan.uri(), localUri);
        assertThat(remote.post(Fed.sharedInbox(atoll), fan, undo)).isEqualTo(202);
        Await.until("the favourite is taken back", () -> status(localId, token).get("favourites_count").asInt() == 0);

        // The same Like again (a replay, or a retry after a lost answer) is accepted but not applied twice.
        assertThat(remote.post(Fed.sharedInbox(atoll), fan, like)).isEqualTo(202);
        Fed.awaitInboxIdle(atoll);
        assertThat(status(localId, token).get("favourites_count").asInt()).isZero();
    }

    @Test
    void announceOfALocalPostIsABoostAndUndoTakesItBack() {
        String token = atoll.createUser("boosted1");
        String localId = post(token, "boost me");
        String localUri = status(localId, token).get("uri").asText();
        FakeFediServer.Actor booster = remote.actor("booster1");
        String announceId = booster.uri() + "/statuses/" + Fed.unique() + "/activity";
        String announce = """
                {"@context": "https://www.w3.org/ns/activitystreams", "id": "%s", "type": "Announce", "actor": "%s",
                 "published": "2025-11-04T10:00:00Z", "to": [%s], "cc": ["%s", "%s"], "object": "%s"}"""
                .formatted(announceId, booster.uri(), PUBLIC, Fed.actorUri(atoll, "boosted1"), booster.followers(), localUri);
        assertThat(remote.post(Fed.sharedInbox(atoll), booster, announce)).isEqualTo(202);
        Await.until("the boost counts", () -> status(localId, token).get("reblogs_count").asInt() == 1);
        assertThat(atoll.http().get("/api/v1/notifications", token).json().get(0).get("type").asText()).isEqualTo("reblog");

        String undo = """
                {"@context": "https://www.w3.org/ns/activitystreams", "id": "%s#undo", "type": "Undo", "actor": "%s",
                 "object": {"id": "%s", "type": "Announce", "actor": "%s", "object": "%s"}}""".formatted(announceId, booster.uri(), announceId, booster.uri(), localUri);
        assertThat(remote.post(Fed.sharedInbox(atoll), booster, undo)).isEqualTo(202);
        Await.until("the boost is gone", () -> status(localId, token).get("reblogs_count").asInt() == 0);
    }

    @Test
    void announceOfAnUnknownRemotePostFetchesItFromItsOrigin() {
        String token = atoll.createUser("reader2");
        FakeFediServer.Actor booster = remote.actor("booster2");
        FakeFediServer.Actor author = remote.actor("author2");
        Fed.followRemote(atoll, token, remote, booster);
        String noteId = author.uri() + "/statuses/" + Fed.unique();
        JsonNode note = json(Fed.createNote(author, noteId, "<p>original words</p>", "[" + PUBLIC + "]", "[]", "[]", null)).get("object");
        ((com.fasterxml.jackson.databind.node.ObjectNode) note).put("@context", "https://www.w3.org/ns/activitystreams");
        remote.serve(note);
        String announce = """
                {"@context": "https://www.w3.org/ns/activitystreams", "id": "%s/statuses/%d/activity", "type": "Announce", "actor": "%s",
                 "published": "2025-11-04T10:00:00Z", "to": [%s], "cc": ["%s"], "object": "%s"}"""
                .formatted(booster.uri(), Fed.unique(), booster.uri(), PUBLIC, booster.followers(), noteId);
        assertThat(remote.post(Fed.sharedInbox(atoll), booster, announce)).isEqualTo(202);
        Await.until("the boost is in the home feed", () -> home(token).size() == 1);
        JsonNode boost = home(token).get(0);
        assertThat(boost.get("reblog").get("uri").asText()).isEqualTo(noteId);
        assertThat(boost.get("reblog").get("content").asText()).contains("original words");
        assertThat(boost.get("reblog").get("account").get("acct").asText()).isEqualTo("author2@" + remote.domain());
    }

    @Test
    void updateOfANoteEditsItAndKeepsTheHistory() {
        String token = atoll.createUser("reader3");
        FakeFediServer.Actor bob = remote.actor("bob4");
        Fed.followRemote(atoll, token, remote, bob);
        String noteId = bob.uri() + "/statuses/" + Fed.unique();
        assertThat(remote.post(Fed.sharedInbox(atoll), bob, Fed.createNote(bob, noteId, "<p>typo</p>", "[" + PUBLIC + "]", "[]", "[]", null))).isEqualTo(202);
        Await.until("the note arrives", () -> home(token).size() == 1);
        String update = Fed.createNote(bob, noteId, "<p>fixed</p>", "[" + PUBLIC + "]", "[]", "[]", null)
                .replace("\"type\": \"Create\"", "\"type\": \"Update\"").replace(noteId + "/activity", noteId + "#updates/1")
                .replace("\"sensitive\": false}", "\"sensitive\": false, \"updated\": \"2025-11-04T11:00:00Z\"}");
        assertThat(remote.post(Fed.sharedInbox(atoll), bob, update)).isEqualTo(202);
        Await.until("the edit is applied", () -> home(token).get(0).get("content").asText().contains("fixed"));
        JsonNode s = home(token).get(0);
        assertThat(s.get("edited_at").isNull()).isFalse();
        JsonNode history = atoll.http().get("/api/v1/statuses/" + s.get("id").asText() + "/history", token).json();
        assertThat(history.size()).isEqualTo(2);
    }

    @Test
    void aCreateOfSomeoneElsesObjectIsDropped() {
        String token = atoll.createUser("target5");
        FakeFediServer.Actor liar = remote.actor("liar5");
        String fixture = Fed.fixture("spoofed-create-other-origin.json", java.util.Map.of("actor", liar.uri(), "n", Long.toString(Fed.unique()),
                "local", Fed.actorUri(atoll, "target5"), "localUrl", atoll.baseUrl() + "/@target5", "localName", "target5"));
        assertThat(remote.post(Fed.sharedInbox(atoll), liar, fixture)).isEqualTo(202);
        Fed.awaitInboxIdle(atoll);
        assertThat(atoll.http().get("/api/v1/notifications", token).json()).isEmpty();
    }

    @Test
    void questionBecomesAPollWhoseVotesGoBackToItsAuthorAndWhoseTalliesFollowUpdates() {
        String token = atoll.createUser("voter1");
        FakeFediServer.Actor bob = remote.actor("bob13");
        Fed.followRemote(atoll, token, remote, bob);
        String qId = bob.uri() + "/statuses/" + Fed.unique();
        String question = """
                {"@context": "https://www.w3.org/ns/activitystreams", "id": "%1$s/activity", "type": "Create", "actor": "%2$s",
                 "to": [%3$s], "cc": ["%4$s"],
                 "object": {"id": "%1$s", "type": "Question", "attributedTo": "%2$s", "content": "<p>Tea or coffee?</p>",
                   "to": [%3$s], "cc": ["%4$s"], "endTime": "2099-01-01T00:00:00Z", "votersCount": 3,
                   "oneOf": [{"type": "Note", "name": "Tea", "replies": {"type": "Collection", "totalItems": 1}},
                             {"type": "Note", "name": "Coffee", "replies": {"type": "Collection", "totalItems": 2}}]}}"""
                .formatted(qId, bob.uri(), PUBLIC, bob.followers());
        assertThat(remote.post(Fed.sharedInbox(atoll), bob, question)).isEqualTo(202);
        Await.until("the poll arrives", () -> home(token).size() == 1);
        JsonNode poll = home(token).get(0).get("poll");
        assertThat(poll.get("options").get(1).get("title").asText()).isEqualTo("Coffee");
        assertThat(poll.get("options").get(1).get("votes_count").asInt()).isEqualTo(2);
        assertThat(poll.get("votes_count").asInt()).isEqualTo(3);

        assertThat(atoll.http().postJson("/api/v1/polls/" + poll.get("id").asText() + "/votes", token,
                java.util.Map.of("choices", java.util.List.of(0))).status()).isEqualTo(200);
        Await.until("the vote reaches the author", () -> remote.received().stream().anyMatch(r -> r.path().equals("/users/bob13/inbox")
                && r.body().path("type").asText().equals("Create") && r.body().path("object").path("inReplyTo").asText().equals(qId)));
        JsonNode vote = remote.received().stream().filter(r -> r.body().path("object").path("inReplyTo").asText().equals(qId))
                .findFirst().orElseThrow().body().get("object");
        assertThat(vote.get("name").asText()).isEqualTo("Tea");
        assertThat(vote.get("to").get(0).asText()).isEqualTo(bob.uri());

        String update = question.replace("\"type\": \"Create\"", "\"type\": \"Update\"").replace(qId + "/activity", qId + "#updates/2")
                .replace("\"totalItems\": 1", "\"totalItems\": 5").replace("\"votersCount\": 3", "\"votersCount\": 7");
        assertThat(remote.post(Fed.sharedInbox(atoll), bob, update)).isEqualTo(202);
        Await.until("the tallies follow", () -> home(token).get(0).get("poll").get("options").get(0).get("votes_count").asInt() == 5);
        assertThat(home(token).get(0).get("edited_at").isNull()).isTrue(); // new tallies are not an edit
    }

    @Test
    void aVoteOnALocalPollIsCounted() {
        String token = atoll.createUser("pollster1");
        var r = atoll.http().postJson("/api/v1/statuses", token, java.util.Map.of("status", "cats or dogs?",
                "poll", java.util.Map.of("options", java.util.List.of("cats", "dogs"), "expires_in", 3600)));
        String id = r.json().get("id").asText();
        String uri = r.json().get("uri").asText();
        FakeFediServer.Actor fan = remote.actor("voter2");
        String vote = """
                {"@context": "https://www.w3.org/ns/activitystreams", "id": "%1$s#votes/%2$d/activity", "type": "Create", "actor": "%1$s",
                 "to": ["%3$s"], "object": {"id": "%1$s#votes/%2$d", "type": "Note", "name": "dogs", "attributedTo": "%1$s",
                 "inReplyTo": "%4$s", "to": ["%3$s"]}}""".formatted(fan.uri(), Fed.unique(), Fed.actorUri(atoll, "pollster1"), uri);
        assertThat(remote.post(Fed.sharedInbox(atoll), fan, vote)).isEqualTo(202);
        Await.until("the vote counts", () -> status(id, token).get("poll").get("options").get(1).get("votes_count").asInt() == 1);
        assertThat(status(id, token).get("replies_count").asInt()).isZero(); // a vote is not a reply
    }

    @Test
    void aCreateOvertakenByItsDeleteIsRefused() {
        String token = atoll.createUser("reader8");
        FakeFediServer.Actor bob = remote.actor("bob14");
        Fed.followRemote(atoll, token, remote, bob);
        String noteId = bob.uri() + "/statuses/" + Fed.unique();
        String delete = """
                {"@context": "https://www.w3.org/ns/activitystreams", "id": "%s#delete", "type": "Delete", "actor": "%s",
                 "to": [%s], "object": {"id": "%s", "type": "Tombstone"}}""".formatted(noteId, bob.uri(), PUBLIC, noteId);
        assertThat(remote.post(Fed.sharedInbox(atoll), bob, delete)).isEqualTo(202);
        Fed.awaitInboxIdle(atoll);
        assertThat(remote.post(Fed.sharedInbox(atoll), bob, Fed.createNote(bob, noteId, "<p>too late</p>", "[" + PUBLIC + "]", "[]", "[]", null))).isEqualTo(202);
        Fed.awaitInboxIdle(atoll);
        assertThat(home(token)).isEmpty();
    }

    @Test
    void anUpdateThatOvertakesItsCreateCreatesARecentPost() {
        String token = atoll.createUser("reader9");
        FakeFediServer.Actor bob = remote.actor("bob15");
        Fed.followRemote(atoll, token, remote, bob);
        String noteId = bob.uri() + "/statuses/" + Fed.unique();
        String update = Fed.createNote(bob, noteId, "<p>edited before you saw it</p>", "[" + PUBLIC + "]", "[]", "[]", null)
                .replace("\"type\": \"Create\"", "\"type\": \"Update\"")
                .replace("2025-11-04T10:00:00Z", java.time.Instant.now().minusSeconds(60).toString());
        assertThat(remote.post(Fed.sharedInbox(atoll), bob, update)).isEqualTo(202);
        Await.until("the post is there", () -> home(token).size() == 1);
        assertThat(home(token).get(0).get("uri").asText()).isEqualTo(noteId);
    }

    private static JsonNode json(String s) {
        try {
            return atoll.app().infra.json.readTree(s);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
