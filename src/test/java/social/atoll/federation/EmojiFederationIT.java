package social.atoll.federation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.testing.Await;
import social.atoll.testing.EmojiImages;
import social.atoll.testing.TestHttp;
import social.atoll.testing.TestInstance;

/**
 * Custom emoji and emoji reactions between two Atoll servers: alice on {@code a} posts with a:blobcat:, which bob on
 * {@code b} sees through b's media proxy; bob's reactions (Unicode, and b's own :party:) are counted on a, notified to
 * alice, and taken back by their Undo.
 */
class EmojiFederationIT {

    private static TestInstance a;
    private static TestInstance b;
    private static String alice;
    private static String bob;

    @BeforeAll
    static void start() {
        a = Fed.start();
        b = Fed.start();
        alice = a.createUser("alice");
        bob = b.createUser("bob");
        a.app().core.customEmojis.add(social.atoll.core.moderation.StaffAccess.Actor.SYSTEM, "blobcat", EmojiImages.png(Color.ORANGE), null);
        b.app().core.customEmojis.add(social.atoll.core.moderation.StaffAccess.Actor.SYSTEM, "party", EmojiImages.png(Color.MAGENTA), null);
        String aliceOnB = b.app().federation.actorResolver.byAcct("alice", a.domain()).orElseThrow().id() + "";
        assertThat(b.http().postJson("/api/v1/accounts/" + aliceOnB + "/follow", bob, null).status()).isEqualTo(200);
        Await.until("bob follows alice", () -> Fed.relationship(b, bob, aliceOnB).get("following").asBoolean());
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
    }

    private static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"); }

    private static JsonNode onB(String uri) {
        for (JsonNode s : b.http().get("/api/v1/timelines/home", bob).json()) if (s.get("uri").asText().equals(uri)) return s;
        return null;
    }

    @Test
    void customEmojiInAPostShowsOnTheOtherServerThroughItsProxy() throws Exception {
        JsonNode post = a.http().postJson("/api/v1/statuses", alice, Map.of("status", "hello :blobcat:")).json();
        String uri = post.get("uri").asText();
        // the Note carries Mastodon's Emoji tag
        JsonNode note = a.http().send("GET", uri, null, null, null, Map.of("Accept", "application/activity+json")).json();
        JsonNode tag = null;
        for (JsonNode t : note.get("tag")) if (t.path("type").asText().equals("Emoji")) tag = t;
        assertThat(tag).isNotNull();
        assertThat(tag.get("name").asText()).isEqualTo(":blobcat:");
        assertThat(tag.get("id").asText()).startsWith(a.baseUrl() + "/emojis/");
        assertThat(tag.get("updated").asText()).isNotBlank();
        assertThat(tag.get("icon").get("type").asText()).isEqualTo("Image");
        assertThat(tag.get("icon").get("mediaType").asText()).isEqualTo("image/png");
        assertThat(tag.get("icon").get("url").asText()).startsWith(a.baseUrl() + "/system/custom_emojis/");

        Await.until("the post reaches bob", () -> onB(uri) != null);
        JsonNode seen = onB(uri);
        assertThat(seen.get("emojis")).hasSize(1);
        JsonNode e = seen.get("emojis").get(0);
        assertThat(e.get("shortcode").asText()).isEqualTo("blobcat");
        assertThat(e.get("url").asText()).startsWith(b.baseUrl() + "/media_proxy/");
        HttpResponse<byte[]> img = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(e.get("url").asText())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(img.statusCode()).isEqualTo(200);
        assertThat(img.body()).startsWith(0x89, 'P', 'N', 'G');
    }

    /**
     * Custom emoji in a name and a bio: alice's actor carries them as Emoji tags, and b, reading her Update, lists them
     * in her account entity's {@code emojis}, through b's media proxy.
     */
    @Test
    void customEmojiInANameAndABioReachTheOtherServer() {
        JsonNode me = a.http().patchJson("/api/v1/accounts/update_credentials", alice,
                Map.of("display_name", "Alice :blobcat:", "note", "I draw :blobcat: all day")).json();
        assertThat(me.get("emojis")).hasSize(1);
        assertThat(me.get("emojis").get(0).get("shortcode").asText()).isEqualTo("blobcat");
        assertThat(me.get("emojis").get(0).get("url").asText()).startsWith(a.baseUrl() + "/system/custom_emojis/");

        JsonNode actor = a.http().send("GET", Fed.actorUri(a, "alice"), null, null, null, Map.of("Accept", "application/activity+json")).json();
        JsonNode tag = null;
        for (JsonNode t : actor.path("tag")) if (t.path("type").asText().equals("Emoji")) tag = t;
        assertThat(tag).as(actor.toString()).isNotNull();
        assertThat(tag.get("name").asText()).isEqualTo(":blobcat:");
        assertThat(tag.get("icon").get("url").asText()).startsWith(a.baseUrl() + "/system/custom_emojis/");

        String aliceOnB = b.app().federation.actorResolver.byAcct("alice", a.domain()).orElseThrow().id() + "";
        Await.until("b hears of alice's new name", () -> b.http().get("/api/v1/accounts/" + aliceOnB, bob).json()
                .path("display_name").asText().equals("Alice :blobcat:"));
        JsonNode seen = b.http().get("/api/v1/accounts/" + aliceOnB, bob).json();
        assertThat(seen.get("emojis")).hasSize(1);
        JsonNode e = seen.get("emojis").get(0);
        assertThat(e.get("shortcode").asText()).isEqualTo("blobcat");
        assertThat(e.get("url").asText()).startsWith(b.baseUrl() + "/media_proxy/");
        // the post cards' authors carry them too
        String uri = a.http().postJson("/api/v1/statuses", alice, Map.of("status", "new name")).json().get("uri").asText();
        Await.until("the post reaches bob", () -> onB(uri) != null);
        assertThat(onB(uri).get("account").get("emojis").get(0).get("url").asText()).startsWith(b.baseUrl() + "/media_proxy/");
    }

    @Test
    void reactionsGoOutAreCountedRemotelyAndUndone() {
        JsonNode post = a.http().postJson("/api/v1/statuses", alice, Map.of("status", "react here")).json();
        String id = post.get("id").asText();
        String uri = post.get("uri").asText();
        Await.until("the post reaches bob", () -> onB(uri) != null);
        String idOnB = onB(uri).get("id").asText();

        TestHttp.Response r = b.http().send("PUT", "/api/v1/pleroma/statuses/" + idOnB + "/reactions/" + enc("👍"), bob, null, null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(b.http().send("PUT", "/api/v1/pleroma/statuses/" + idOnB + "/reactions/party", bob, null, null).status()).isEqualTo(200);
        // b knows a's :blobcat: only as a remote emoji: a local account reacts with its own server's emoji
        assertThat(b.http().send("PUT", "/api/v1/pleroma/statuses/" + idOnB + "/reactions/blobcat", bob, null, null).status()).isEqualTo(422);

        Await.until("both reactions count on a", () -> a.http().get("/api/v1/statuses/" + id, alice).json()
                .path("pleroma").path("emoji_reactions").size() == 2);
        JsonNode reactions = a.http().get("/api/v1/statuses/" + id, alice).json().get("pleroma").get("emoji_reactions");
        assertThat(reactions.get(0).get("name").asText()).isEqualTo("👍");
        assertThat(reactions.get(0).get("count").asInt()).isEqualTo(1);
        assertThat(reactions.get(1).get("name").asText()).isEqualTo("party@" + b.domain());
        assertThat(reactions.get(1).get("url").asText()).startsWith(a.baseUrl() + "/media_proxy/");
        assertThat(a.http().get("/api/v1/statuses/" + id, alice).json().get("favourites_count").asInt()).isZero();
        JsonNode notes = a.http().get("/api/v1/notifications?types[]=pleroma:emoji_reaction", alice).json();
        assertThat(notes).hasSize(1);
        assertThat(notes.get(0).get("account").get("acct").asText()).isEqualTo("bob@" + b.domain());

        assertThat(b.http().delete("/api/v1/pleroma/statuses/" + idOnB + "/reactions/" + enc("👍"), bob).status()).isEqualTo(200);
        assertThat(b.http().delete("/api/v1/pleroma/statuses/" + idOnB + "/reactions/party", bob).status()).isEqualTo(200);
        Await.until("the Undos remove them on a", () -> a.http().get("/api/v1/statuses/" + id, alice).json()
                .path("pleroma").path("emoji_reactions").isEmpty());
        Fed.awaitInboxIdle(a);
        assertThat(a.http().get("/api/v1/notifications?types[]=pleroma:emoji_reaction", alice).json()).isEmpty();
    }
}
