package social.atoll.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.core.account.Account;
import social.atoll.core.collection.PhotoCollection;
import social.atoll.core.media.MediaUpload;
import social.atoll.federation.documents.ActivityJson;
import social.atoll.testing.Await;
import social.atoll.testing.TestHttp;
import social.atoll.testing.TestInstance;

/**
 * Collections read from outside: Pixelfed's {@code /api/v1.1/collections} endpoints, and the collection as an
 * ActivityPub {@code OrderedCollection} fetched by another Atoll server, signed as one of its people. On {@code a}:
 * alice, who makes the collections. On {@code b}: bob, who follows alice, and beth, who does not. Which posts each
 * reader gets is the visibility policy's answer: alice's followers-only post shows to bob and to no one else.
 */
class CollectionFederationIT {

    private static TestInstance a;
    private static TestInstance b;
    private static String alice;
    private static String aliceId;
    private static String bob;
    private static Account bobOnB;
    private static Account bethOnB;
    private static String photoPost;
    private static String textPost;
    private static String followersPost;
    private static PhotoCollection trip;
    private static PhotoCollection closeFriends;

    @BeforeAll
    static void start() throws Exception {
        a = Fed.start();
        b = Fed.start();
        alice = a.createUser("alice");
        aliceId = Fed.accountId(a, alice);
        bob = b.createUser("bob");
        b.createUser("beth");
        bobOnB = b.app().core.accounts.byAcct("bob", null).orElseThrow();
        bethOnB = b.app().core.accounts.byAcct("beth", null).orElseThrow();
        String aliceOnB = b.app().federation.actorResolver.byAcct("alice", a.domain()).orElseThrow().id() + "";
        ok(b.http().postJson("/api/v1/accounts/" + aliceOnB + "/follow", bob, null));
        Await.until("bob's follow reaches a", () -> Fed.remoteId(a, "bob@" + b.domain()) != null);
        String bobOnA = Fed.remoteId(a, "bob@" + b.domain());
        Await.until("bob follows alice", () -> Fed.relationship(a, alice, bobOnA).get("followed_by").asBoolean());

        long me = Long.parseLong(aliceId);
        photoPost = photo(me, "The lagoon at dawn", "A turquoise lagoon under a pink sky");
        textPost = post("Notes from the reef", "public");
        followersPost = post("Only for the people who follow me", "private");
        var collections = a.app().core.collections;
        trip = collections.create(me, "Atoll trip", "Ten days on the reef", "public");
        collections.add(me, trip.id(), Long.parseLong(textPost));
        collections.add(me, trip.id(), Long.parseLong(followersPost));
        collections.add(me, trip.id(), Long.parseLong(photoPost));
        collections.move(me, trip.id(), Long.parseLong(photoPost), -1);
        collections.move(me, trip.id(), Long.parseLong(photoPost), -1);
        closeFriends = collections.create(me, "Close friends", "", "private");
        collections.add(me, closeFriends.id(), Long.parseLong(textPost));
    }

    @AfterAll
    static void stop() {
        if (a != null) a.close();
        if (b != null) b.close();
    }

    @Test
    void theApiListsAnAccountsCollectionsInPixelfedsShape() {
        var list = ok(a.http().get("/api/v1.1/collections/accounts/" + aliceId)).json();
        // a stranger sees the public collection only
        assertThat(list).hasSize(1);
        JsonNode c = list.get(0);
        assertThat(c.get("id").asText()).isEqualTo(Long.toString(trip.id()));
        assertThat(c.get("pid").asText()).isEqualTo(aliceId);
        assertThat(c.get("visibility").asText()).isEqualTo("public");
        assertThat(c.get("title").asText()).isEqualTo("Atoll trip");
        assertThat(c.get("description").asText()).isEqualTo("Ten days on the reef");
        assertThat(c.get("username").asText()).isEqualTo("alice");
        assertThat(c.get("url").asText()).isEqualTo(a.baseUrl() + "/@alice/collections/" + trip.id());
        assertThat(c.get("thumb").asText()).startsWith("http").doesNotContain("missing");
        assertThat(c.get("avatar").asText()).startsWith("http");
        assertThat(c.get("published_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(c.get("updated_at").isTextual()).isTrue();
        // the followers-only post is not counted for a stranger
        assertThat(c.get("post_count").asInt()).isEqualTo(2);

        var own = ok(a.http().get("/api/v1.1/collections/accounts/" + aliceId, alice)).json();
        assertThat(own).hasSize(2);
        assertThat(own.findValuesAsText("title")).containsExactlyInAnyOrder("Atoll trip", "Close friends");
        assertThat(own.findValuesAsText("post_count")).contains("3");
    }

    @Test
    void theApiShowsACollectionAndItsPostsInOrderAsTheReaderMaySeeThem() {
        var view = ok(a.http().get("/api/v1.1/collections/view/" + trip.id())).json();
        assertThat(view.get("title").asText()).isEqualTo("Atoll trip");
        var items = ok(a.http().get("/api/v1.1/collections/items/" + trip.id())).json();
        assertThat(ids(items)).containsExactly(photoPost, textPost);
        assertThat(items.get(0).get("media_attachments").get(0).get("description").asText()).isEqualTo("A turquoise lagoon under a pink sky");
        var owner = ok(a.http().get("/api/v1.1/collections/items/" + trip.id(), alice)).json();
        assertThat(ids(owner)).containsExactly(photoPost, textPost, followersPost);
        assertThat(ids(ok(a.http().get("/api/v1.1/collections/items/" + trip.id() + "?page=2")).json())).isEmpty();

        // a followers-only collection is not there for a stranger
        assertThat(a.http().get("/api/v1.1/collections/view/" + closeFriends.id()).status()).isEqualTo(404);
        TestHttp.Response missing = a.http().get("/api/v1.1/collections/items/" + closeFriends.id());
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("error").asText()).isNotBlank();
        assertThat(ok(a.http().get("/api/v1.1/collections/view/" + closeFriends.id(), alice)).json().get("visibility").asText()).isEqualTo("private");
        assertThat(a.http().get("/api/v1.1/collections/view/nope").status()).isEqualTo(404);
    }

    @Test
    void theActorLinksItsCollectionsAndEachIsAnOrderedCollectionOfNoteIds() throws Exception {
        JsonNode actor = b.app().federation.federationClient.fetchObject(URI.create(Fed.actorUri(a, "alice")));
        String index = actor.get("collections").asText();
        assertThat(index).isEqualTo(Fed.actorUri(a, "alice") + "/collections");
        JsonNode list = b.app().federation.federationClient.fetchObject(URI.create(index), bethOnB);
        assertThat(list.get("type").asText()).isEqualTo("Collection");
        String tripId = Fed.actorUri(a, "alice") + "/collections/" + trip.id();
        assertThat(list.get("items").get(0).asText()).isEqualTo(tripId);
        assertThat(list.get("totalItems").asInt()).isEqualTo(1);

        // signed by bob, a follower: the followers-only post is in it, in alice's order
        JsonNode forBob = b.app().federation.federationClient.fetchObject(URI.create(tripId), bobOnB);
        assertThat(forBob.get("type").asText()).isEqualTo("OrderedCollection");
        assertThat(forBob.get("id").asText()).isEqualTo(tripId);
        assertThat(forBob.get("name").asText()).isEqualTo("Atoll trip");
        assertThat(forBob.get("summary").asText()).isEqualTo("Ten days on the reef");
        assertThat(forBob.get("attributedTo").asText()).isEqualTo(Fed.actorUri(a, "alice"));
        assertThat(forBob.get("url").asText()).isEqualTo(a.baseUrl() + "/@alice/collections/" + trip.id());
        assertThat(strings(forBob.get("orderedItems"))).containsExactly(uri(photoPost), uri(textPost), uri(followersPost));
        assertThat(forBob.get("totalItems").asInt()).isEqualTo(3);

        // signed by beth, who does not follow alice, and unsigned: the followers-only post is left out
        JsonNode forBeth = b.app().federation.federationClient.fetchObject(URI.create(tripId), bethOnB);
        assertThat(strings(forBeth.get("orderedItems"))).containsExactly(uri(photoPost), uri(textPost));
        var anonymous = a.http().send("GET", "/users/alice/collections/" + trip.id(), null, null, null,
                Map.of("Accept", "application/activity+json"));
        assertThat(anonymous.header("content-type")).isEqualTo(ActivityJson.CONTENT_TYPE);
        assertThat(strings(anonymous.json().get("orderedItems"))).containsExactly(uri(photoPost), uri(textPost));

        // the followers-only collection: bob gets it, beth does not
        String closeId = Fed.actorUri(a, "alice") + "/collections/" + closeFriends.id();
        assertThat(strings(b.app().federation.federationClient.fetchObject(URI.create(closeId), bobOnB).get("orderedItems")))
                .containsExactly(uri(textPost));
        assertThatThrownBy(() -> b.app().federation.federationClient.fetchObject(URI.create(closeId), bethOnB))
                .isInstanceOf(RemoteStatusException.class).hasMessageContaining("404");
        // Mastodon's featured collection keeps its path next to ours
        assertThat(b.app().federation.federationClient.fetchObject(URI.create(Fed.actorUri(a, "alice") + "/collections/featured"))
                .get("type").asText()).isEqualTo("OrderedCollection");
    }

    @Test
    void discoverOnAnotherServerShowsThePhotoItReceived() {
        // bob's server knows alice's public photo post (delivered to him as her follower): its Discover shows it
        Await.until("the photo reaches b's Discover", () -> b.http().get("/discover").body().contains("A turquoise lagoon under a pink sky"));
        String page = b.http().get("/discover").body();
        assertThat(page).contains("/@alice@" + a.domain() + "/");
        // the followers-only and text-only posts are no public photos
        assertThat(page).doesNotContain("Only for the people who follow me").doesNotContain("Notes from the reef");
    }

    @Test
    void aBrowserAtTheCollectionsActivityPubIdIsSentToItsPage() {
        var r = a.http().get("/users/alice/collections/" + trip.id());
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.header("location")).isEqualTo(a.baseUrl() + "/@alice/collections/" + trip.id());
    }

    private static String uri(String statusId) { return Fed.actorUri(a, "alice") + "/statuses/" + statusId; }

    private static List<String> ids(JsonNode statuses) {
        List<String> out = new ArrayList<>();
        statuses.forEach(s -> out.add(s.get("id").asText()));
        return out;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(s -> out.add(s.asText()));
        return out;
    }

    private static String post(String text, String visibility) {
        return ok(a.http().postJson("/api/v1/statuses", alice, Map.of("status", text, "visibility", visibility))).json().get("id").asText();
    }

    private static String photo(long accountId, String text, String alt) throws Exception {
        BufferedImage img = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setColor(new Color(0x1a6480));
        g.fillRect(0, 0, 320, 240);
        g.setColor(Color.PINK);
        g.fillOval(80, 60, 160, 120);
        g.dispose();
        Path file = Files.createTempFile("lagoon", ".png");
        ImageIO.write(img, "png", file.toFile());
        var media = a.app().core.media.upload(accountId, new MediaUpload(file, "lagoon.png", "image/png", Files.size(file)), null, alt, null, false);
        Files.deleteIfExists(file);
        return ok(a.http().postJson("/api/v1/statuses", alice, Map.of("status", text, "media_ids", List.of(Long.toString(media.id())))))
                .json().get("id").asText();
    }

    private static TestHttp.Response ok(TestHttp.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r;
    }
}
