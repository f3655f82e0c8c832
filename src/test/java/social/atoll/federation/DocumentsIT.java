package social.atoll.federation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.testing.TestHttp;
import social.atoll.testing.TestInstance;

/** WebFinger, host-meta, actor, note and collection documents served by a real instance, with exact content types. */
class DocumentsIT {

    static final String AS = "application/activity+json";
    static final String AS_TYPE = "application/activity+json; charset=utf-8";
    static final String PUBLIC = "https://www.w3.org/ns/activitystreams#Public";
    static final ObjectMapper JSON = new ObjectMapper();

    static TestInstance atoll;
    static String alice;
    static String bob;

    @BeforeAll
    static void start() {
        atoll = TestInstance.start();
        alice = atoll.createUser("alice");
        bob = atoll.createUser("bob");
    }

    @AfterAll
    static void stop() { atoll.close(); }

    static TestHttp.Response getAs(String path) {
        return atoll.http().send("GET", path, null, null, null, Map.of("Accept", AS));
    }

    static JsonNode json(TestHttp.Response r) {
        try {
            return JSON.readTree(r.body());
        } catch (Exception e) {
            throw new AssertionError(r.body(), e);
        }
    }

    static String post(String token, String text, String visibility) {
        var r = atoll.http().postJson("/api/v1/statuses", token, Map.of("status", text, "visibility", visibility));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("id").asText();
    }

    @Test
    void webFingerAnswersAcctAndUrlResources() {
        for (String resource : List.of("acct:alice@" + atoll.domain(), "alice@" + atoll.domain(), atoll.baseUrl() + "/users/alice",
                atoll.baseUrl() + "/@alice")) {
            var r = atoll.http().get("/.well-known/webfinger?resource=" + java.net.URLEncoder.encode(resource, java.nio.charset.StandardCharsets.UTF_8));
            assertThat(r.status()).as(resource).isEqualTo(200);
            assertThat(r.header("Content-Type")).isEqualTo("application/jrd+json; charset=utf-8");
            assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo("*");
            JsonNode jrd = json(r);
            assertThat(jrd.get("subject").asText()).isEqualTo("acct:alice@" + atoll.domain());
            assertThat(jrd.get("aliases").toString()).contains(atoll.baseUrl() + "/users/alice", atoll.baseUrl() + "/@alice");
            JsonNode self = null;
            for (JsonNode l : jrd.get("links")) if (l.get("rel").asText().equals("self")) self = l;
            assertThat(self.get("type").asText()).isEqualTo(AS);
            assertThat(self.get("href").asText()).isEqualTo(atoll.baseUrl() + "/users/alice");
            assertThat(jrd.get("links").toString()).contains("http://webfinger.net/rel/profile-page", "http://ostatus.org/schema/1.0/subscribe",
                    atoll.baseUrl() + "/authorize_interaction?uri={uri}");
        }
        // unescaped, as Mastodon sends it
        assertThat(atoll.http().get("/.well-known/webfinger?resource=acct:bob@" + atoll.domain()).status()).isEqualTo(200);
    }

    @Test
    void webFingerRefusesUnknownAndMissingResources() {
        assertThat(atoll.http().get("/.well-known/webfinger?resource=acct:nobody@" + atoll.domain()).status()).isEqualTo(404);
        assertThat(atoll.http().get("/.well-known/webfinger?resource=acct:alice@elsewhere.example").status()).isEqualTo(404);
        assertThat(atoll.http().get("/.well-known/webfinger").status()).isEqualTo(400);
        assertThat(atoll.http().get("/.well-known/webfinger?resource=acct:nodomain").status()).isEqualTo(400);
    }

    @Test
    void webFingerFindsTheInstanceActor() {
        var r = atoll.http().get("/.well-known/webfinger?resource=acct:" + atoll.domain() + "@" + atoll.domain());
        assertThat(r.status()).isEqualTo(200);
        assertThat(json(r).get("links").toString()).contains(atoll.baseUrl() + "/actor");
    }

    @Test
    void hostMetaPointsAtWebFinger() {
        var xml = atoll.http().get("/.well-known/host-meta");
        assertThat(xml.status()).isEqualTo(200);
        assertThat(xml.header("Content-Type")).isEqualTo("application/xrd+xml; charset=utf-8");
        assertThat(xml.body()).contains("rel=\"lrdd\"", "template=\"" + atoll.baseUrl() + "/.well-known/webfinger?resource={uri}\"");
        var j = atoll.http().get("/.well-known/host-meta.json");
        assertThat(json(j).get("links").get(0).get("template").asText()).isEqualTo(atoll.baseUrl() + "/.well-known/webfinger?resource={uri}");
    }

    @Test
    void actorDocumentHasMastodonsFields() {
        var r = getAs("/users/alice");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).isEqualTo(AS_TYPE);
        JsonNode a = json(r);
        String id = atoll.baseUrl() + "/users/alice";
        assertThat(a.get("@context").get(0).asText()).isEqualTo("https://www.w3.org/ns/activitystreams");
        assertThat(a.get("@context").toString()).contains("https://w3id.org/security/v1", "toot:featured", "schema:PropertyValue");
        assertThat(a.get("id").asText()).isEqualTo(id);
        assertThat(a.get("type").asText()).isEqualTo("Person");
        assertThat(a.get("preferredUsername").asText()).isEqualTo("alice");
        assertThat(a.get("inbox").asText()).isEqualTo(id + "/inbox");
        assertThat(a.get("outbox").asText()).isEqualTo(id + "/outbox");
        assertThat(a.get("followers").asText()).isEqualTo(id + "/followers");
        assertThat(a.get("following").asText()).isEqualTo(id + "/following");
        assertThat(a.get("featured").asText()).isEqualTo(id + "/collections/featured");
        assertThat(a.get("featuredTags").asText()).isEqualTo(id + "/collections/tags");
        assertThat(a.get("endpoints").get("sharedInbox").asText()).isEqualTo(atoll.baseUrl() + "/inbox");
        assertThat(a.get("url").asText()).isEqualTo(atoll.baseUrl() + "/@alice");
        assertThat(a.get("manuallyApprovesFollowers").asBoolean()).isFalse();
        assertThat(a.get("published").asText()).endsWith("T00:00:00Z");
        assertThat(a.get("publicKey").get("id").asText()).isEqualTo(id + "#main-key");
        assertThat(a.get("publicKey").get("owner").asText()).isEqualTo(id);
        assertThat(a.get("publicKey").get("publicKeyPem").asText()).startsWith("-----BEGIN PUBLIC KEY-----");
        JsonNode multikey = a.get("assertionMethod").get(0);
        assertThat(multikey.get("type").asText()).isEqualTo("Multikey");
        assertThat(multikey.get("id").asText()).isEqualTo(id + "#ed25519-key");
        assertThat(multikey.get("publicKeyMultibase").asText()).startsWith("z6Mk");
        // the Ed25519 key is made once and kept
        assertThat(json(getAs("/users/alice")).get("assertionMethod").get(0).get("publicKeyMultibase").asText())
                .isEqualTo(multikey.get("publicKeyMultibase").asText());
        // and at the profile URL too
        assertThat(json(getAs("/@alice")).get("id").asText()).isEqualTo(id);
    }

    @Test
    void browsersAreSentToTheProfilePage() {
        var r = atoll.http().send("GET", "/users/alice", null, null, null, Map.of("Accept", "text/html"));
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.header("Location")).isEqualTo(atoll.baseUrl() + "/@alice");
        var page = atoll.http().send("GET", "/@alice", null, null, null, Map.of("Accept", "text/html"));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("@alice@" + atoll.domain(), "rel=\"alternate\" type=\"application/activity+json\"");
        assertThat(getAs("/users/nobody").status()).isEqualTo(404);
    }

    @Test
    void instanceActorIsAnApplication() {
        var r = atoll.http().get("/actor");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).isEqualTo(AS_TYPE);
        JsonNode a = json(r);
        assertThat(a.get("type").asText()).isEqualTo("Application");
        assertThat(a.get("preferredUsername").asText()).isEqualTo(atoll.domain());
        assertThat(a.get("manuallyApprovesFollowers").asBoolean()).isTrue();
        assertThat(a.get("publicKey").get("id").asText()).isEqualTo(atoll.baseUrl() + "/actor#main-key");
    }

    @Test
    void publicNoteIsServedAtIdAndUrlWithMastodonsAddressing() {
        String id = post(alice, "Hello @bob #sunset", "public");
        String uri = atoll.baseUrl() + "/users/alice/statuses/" + id;
        for (String path : List.of("/users/alice/statuses/" + id, "/@alice/" + id)) {
            var r = getAs(path);
            assertThat(r.status()).as(path).isEqualTo(200);
            assertThat(r.header("Content-Type")).isEqualTo(AS_TYPE);
            JsonNode n = json(r);
            assertThat(n.get("id").asText()).isEqualTo(uri);
            assertThat(n.get("type").asText()).isEqualTo("Note");
            assertThat(n.get("url").asText()).isEqualTo(atoll.baseUrl() + "/@alice/" + id);
            assertThat(n.get("attributedTo").asText()).isEqualTo(atoll.baseUrl() + "/users/alice");
            assertThat(n.get("to").toString()).isEqualTo("[\"" + PUBLIC + "\"]");
            assertThat(n.get("cc").toString()).contains(atoll.baseUrl() + "/users/alice/followers", atoll.baseUrl() + "/users/bob");
            assertThat(n.get("content").asText()).contains("#", "sunset");
            assertThat(n.get("sensitive").asBoolean()).isFalse();
            assertThat(n.get("summary").isNull()).isTrue();
            assertThat(n.get("inReplyTo").isNull()).isTrue();
            assertThat(n.get("published").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
            assertThat(n.get("tag").toString()).contains("\"Mention\"", "\"@bob@" + atoll.domain() + "\"", "\"Hashtag\"", "#sunset");
            assertThat(n.get("replies").get("id").asText()).isEqualTo(uri + "/replies");
        }
        var create = json(getAs("/users/alice/statuses/" + id + "/activity"));
        assertThat(create.get("type").asText()).isEqualTo("Create");
        assertThat(create.get("object").get("id").asText()).isEqualTo(uri);
        // a browser at the URL gets a page, at the id a redirect
        var page = atoll.http().send("GET", "/@alice/" + id, null, null, null, Map.of("Accept", "text/html"));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Hello");
        var redirect = atoll.http().send("GET", "/users/alice/statuses/" + id, null, null, null, Map.of("Accept", "text/html"));
        assertThat(redirect.status()).isEqualTo(302);
        assertThat(redirect.header("Location")).isEqualTo(atoll.baseUrl() + "/@alice/" + id);
    }

    @Test
    void addressingFollowsVisibility() {
        String followers = atoll.baseUrl() + "/users/alice/followers";
        JsonNode unlisted = json(getAs("/users/alice/statuses/" + post(alice, "quiet", "unlisted")));
        assertThat(unlisted.get("to").toString()).isEqualTo("[\"" + followers + "\"]");
        assertThat(unlisted.get("cc").toString()).isEqualTo("[\"" + PUBLIC + "\"]");
        // private and direct statuses are not for anonymous fetchers
        assertThat(getAs("/users/alice/statuses/" + post(alice, "friends only", "private")).status()).isEqualTo(404);
        assertThat(getAs("/users/alice/statuses/" + post(alice, "@bob secret", "direct")).status()).isEqualTo(404);
        assertThat(getAs("/@alice/" + post(alice, "friends only", "private")).status()).isEqualTo(404);
        // a status of another account under alice's name is not found
        String bobs = post(bob, "mine", "public");
        assertThat(getAs("/users/alice/statuses/" + bobs).status()).isEqualTo(404);
    }

    @Test
    void pollsAreQuestions() {
        var r = atoll.http().postJson("/api/v1/statuses", alice, Map.of("status", "Tea or coffee?", "visibility", "public",
                "poll", Map.of("options", List.of("Tea", "Coffee"), "expires_in", 3600)));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode q = json(getAs("/users/alice/statuses/" + r.json().get("id").asText()));
        assertThat(q.get("type").asText()).isEqualTo("Question");
        assertThat(q.get("oneOf").get(0).get("name").asText()).isEqualTo("Tea");
        assertThat(q.get("oneOf").get(1).get("replies").get("totalItems").asInt()).isZero();
        assertThat(q.get("endTime").asText()).endsWith("Z");
        assertThat(q.get("votersCount").asInt()).isZero();
        assertThat(q.has("closed")).isFalse();
    }

    @Test
    void repliesPointAtTheirParentAndSelfRepliesAreListed() {
        String parent = post(alice, "thread start", "public");
        var reply = atoll.http().postJson("/api/v1/statuses", alice, Map.of("status", "thread more", "in_reply_to_id", parent));
        String replyId = reply.json().get("id").asText();
        String parentUri = atoll.baseUrl() + "/users/alice/statuses/" + parent;
        JsonNode r = json(getAs("/users/alice/statuses/" + replyId));
        assertThat(r.get("inReplyTo").asText()).isEqualTo(parentUri);
        JsonNode p = json(getAs("/users/alice/statuses/" + parent));
        assertThat(p.get("replies").get("first").get("items").toString()).contains(atoll.baseUrl() + "/users/alice/statuses/" + replyId);
        var bobReply = atoll.http().postJson("/api/v1/statuses", bob, Map.of("status", "@alice nice", "in_reply_to_id", parent));
        JsonNode others = json(getAs("/users/alice/statuses/" + parent + "/replies?only_other_accounts=true&page=true"));
        assertThat(others.get("type").asText()).isEqualTo("CollectionPage");
        assertThat(others.get("items").toString()).contains(bobReply.json().get("uri").asText()).doesNotContain(replyId);
    }

    @Test
    void boostsAreAnnouncesAndBotsAreServices() {
        String id = post(alice, "boost me", "public");
        var boost = atoll.http().postJson("/api/v1/statuses/" + id + "/reblog", bob, Map.of());
        assertThat(boost.status()).as(boost.body()).isEqualTo(200);
        String boostUri = boost.json().get("uri").asText();
        var r = getAs(boostUri);
        assertThat(r.status()).isEqualTo(200);
        JsonNode announce = json(r);
        assertThat(announce.get("type").asText()).isEqualTo("Announce");
        assertThat(announce.get("id").asText()).isEqualTo(boostUri);
        assertThat(announce.get("actor").asText()).isEqualTo(atoll.baseUrl() + "/users/bob");
        assertThat(announce.get("object").asText()).isEqualTo(atoll.baseUrl() + "/users/alice/statuses/" + id);
        assertThat(announce.get("to").toString()).contains(PUBLIC);
        assertThat(announce.get("cc").toString()).contains(atoll.baseUrl() + "/users/alice", atoll.baseUrl() + "/users/bob/followers");
        JsonNode outbox = json(getAs("/users/bob/outbox?page=true"));
        assertThat(outbox.get("orderedItems").toString()).contains("\"Announce\"", boostUri);

        String botToken = atoll.createUser("robot");
        assertThat(atoll.http().patchJson("/api/v1/accounts/update_credentials", botToken, Map.of("bot", true)).status()).isEqualTo(200);
        assertThat(json(getAs("/users/robot")).get("type").asText()).isEqualTo("Service");
    }

    @Test
    void attachmentsAreDocumentsWithAltTextAndSize() throws Exception {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(32, 16, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(img, "png", png);
        String boundary = "atoll-test-boundary";
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\nA black box\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"b.png\"\r\nContent-Type: image/png\r\n\r\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        body.write(png.toByteArray());
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        var upload = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(atoll.baseUrl() + "/api/v2/media"))
                .header("Authorization", "Bearer " + alice).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(upload.statusCode()).as(upload.body()).isIn(200, 202);
        String mediaId = JSON.readTree(upload.body()).get("id").asText();
        social.atoll.testing.Await.until("media processed", () -> atoll.http().get("/api/v1/media/" + mediaId, alice).status() == 200);
        var r = atoll.http().postJson("/api/v1/statuses", alice, Map.of("status", "look", "media_ids", List.of(mediaId)));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode doc = json(getAs("/users/alice/statuses/" + r.json().get("id").asText())).get("attachment").get(0);
        assertThat(doc.get("type").asText()).isEqualTo("Document");
        assertThat(doc.get("mediaType").asText()).startsWith("image/");
        assertThat(doc.get("name").asText()).isEqualTo("A black box");
        assertThat(doc.get("width").asInt()).isEqualTo(32);
        assertThat(doc.get("height").asInt()).isEqualTo(16);
        assertThat(atoll.http().get(doc.get("url").asText()).status()).isEqualTo(200);
    }

    @Test
    void collectionsCountAndPage() {
        String id = post(alice, "outbox item", "public");
        post(alice, "hidden from outbox", "private");
        var outbox = json(getAs("/users/alice/outbox"));
        assertThat(outbox.get("type").asText()).isEqualTo("OrderedCollection");
        assertThat(outbox.get("totalItems").asInt()).isGreaterThan(0);
        var page = getAs(outbox.get("first").asText());
        assertThat(page.header("Content-Type")).isEqualTo(AS_TYPE);
        JsonNode items = json(page).get("orderedItems");
        assertThat(items.toString()).contains(atoll.baseUrl() + "/users/alice/statuses/" + id + "/activity").doesNotContain("hidden from outbox");
        for (JsonNode item : items) assertThat(item.get("type").asText()).isIn("Create", "Announce");

        var followers = json(getAs("/users/alice/followers"));
        assertThat(followers.get("type").asText()).isEqualTo("OrderedCollection");
        assertThat(followers.has("totalItems")).isTrue();
        var featured = json(getAs("/users/alice/collections/featured"));
        assertThat(featured.get("type").asText()).isEqualTo("OrderedCollection");
        var replies = json(getAs("/users/alice/statuses/" + id + "/replies"));
        assertThat(replies.get("type").asText()).isEqualTo("Collection");
        assertThat(replies.get("first").get("type").asText()).isEqualTo("CollectionPage");
    }

    @Test
    void featuredTagsAreServedAsHashtags() {
        String carol = atoll.createUser("carol_tags");
        assertThat(json(getAs("/users/carol_tags/collections/tags")).get("totalItems").asInt()).isZero();
        assertThat(atoll.http().postJson("/api/v1/featured_tags", carol, Map.of("name", "Photography")).status()).isEqualTo(200);
        assertThat(atoll.http().postJson("/api/v1/featured_tags", carol, Map.of("name", "#cats")).status()).isEqualTo(200);

        JsonNode c = json(getAs("/users/carol_tags/collections/tags"));
        assertThat(c.get("type").asText()).isEqualTo("Collection");
        assertThat(c.get("id").asText()).isEqualTo(atoll.baseUrl() + "/users/carol_tags/collections/tags");
        assertThat(c.get("totalItems").asInt()).isEqualTo(2);
        assertThat(c.get("items")).hasSize(2);
        JsonNode first = c.get("items").get(0);
        assertThat(first.get("type").asText()).isEqualTo("Hashtag");
        assertThat(first.get("name").asText()).isEqualTo("#Photography");
        assertThat(first.get("href").asText()).isEqualTo(atoll.baseUrl() + "/tags/Photography");
        assertThat(c.get("items").get(1).get("name").asText()).isEqualTo("#cats");
    }
}
