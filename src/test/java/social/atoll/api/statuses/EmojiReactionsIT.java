package social.atoll.api.statuses;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import social.atoll.testing.EmojiImages;
import social.atoll.testing.TestHttp;
import social.atoll.testing.TestInstance;

/**
 * Custom emoji and emoji reactions through the client API: {@code /api/v1/custom_emojis} in Mastodon's shape, the
 * {@code emojis} arrays of statuses and accounts, Akkoma's reaction endpoints, {@code pleroma.emoji_reactions} and the
 * {@code pleroma:emoji_reaction} notification.
 */
@org.junit.jupiter.api.TestInstance(Lifecycle.PER_CLASS)
class EmojiReactionsIT {

    private TestInstance atoll;
    private String alice;
    private String bob;
    private String carol;

    @BeforeAll
    void start() {
        atoll = TestInstance.start();
        alice = atoll.createUser("alice");
        bob = atoll.createUser("bob");
        carol = atoll.createUser("carol");
        var emojis = atoll.app().core.customEmojis;
        emojis.add(social.atoll.core.moderation.StaffAccess.Actor.SYSTEM, "blobcat", EmojiImages.png(Color.ORANGE), "Blobs");
        emojis.add(social.atoll.core.moderation.StaffAccess.Actor.SYSTEM, "wave", EmojiImages.image("gif", 40, Color.BLUE), null);
        emojis.add(social.atoll.core.moderation.StaffAccess.Actor.SYSTEM, "secret", EmojiImages.png(Color.RED), null);
        emojis.update(social.atoll.core.moderation.StaffAccess.Actor.SYSTEM, "secret", null, false);
    }

    @AfterAll
    void stop() { atoll.close(); }

    private static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"); }

    private String post(String token, String text, String visibility) {
        return atoll.http().postJson("/api/v1/statuses", token, Map.of("status", text, "visibility", visibility)).json().get("id").asText();
    }

    private TestHttp.Response react(String token, String id, String emoji) {
        return atoll.http().send("PUT", "/api/v1/pleroma/statuses/" + id + "/reactions/" + enc(emoji), token, null, null);
    }

    @Test
    void customEmojisInMastodonsShape() {
        TestHttp.Response r = atoll.http().get("/api/v1/custom_emojis");
        assertThat(r.status()).isEqualTo(200);
        List<String> codes = new ArrayList<>();
        r.json().forEach(e -> codes.add(e.get("shortcode").asText()));
        assertThat(codes).containsExactly("wave", "blobcat"); // hidden from the picker: left out; no category first
        JsonNode blob = r.json().get(1);
        List<String> keys = new ArrayList<>();
        blob.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("shortcode", "url", "static_url", "visible_in_picker", "category");
        assertThat(blob.get("category").asText()).isEqualTo("Blobs");
        assertThat(blob.get("visible_in_picker").asBoolean()).isTrue();
        assertThat(r.json().get(0).has("category")).isFalse();
        // the images are served by the storage driver
        String path = blob.get("url").asText().substring(atoll.baseUrl().length());
        TestHttp.Response img = atoll.http().get(path);
        assertThat(img.status()).isEqualTo(200);
        assertThat(img.header("content-type")).startsWith("image/png");
        assertThat(atoll.http().get(blob.get("static_url").asText().substring(atoll.baseUrl().length())).status()).isEqualTo(200);
    }

    @Test
    void emojisOnStatusesAndAccounts() {
        String token = atoll.createUser("dora");
        atoll.http().send("PATCH", "/api/v1/accounts/update_credentials", token,
                TestHttp.form(Map.of("display_name", "Dora :wave:", "note", "I like :blobcat: and :nothere:")),
                "application/x-www-form-urlencoded");
        JsonNode me = atoll.http().get("/api/v1/accounts/verify_credentials", token).json();
        List<String> codes = new ArrayList<>();
        me.get("emojis").forEach(e -> codes.add(e.get("shortcode").asText()));
        assertThat(codes).containsExactlyInAnyOrder("wave", "blobcat");

        String id = post(token, "hello :blobcat: :secret: x:wave:x", "public");
        JsonNode s = atoll.http().get("/api/v1/statuses/" + id).json();
        assertThat(s.get("emojis")).hasSize(2); // hidden from the picker still renders; glued to letters does not
        JsonNode e = s.get("emojis").get(0);
        assertThat(e.get("shortcode").asText()).isEqualTo("blobcat");
        assertThat(e.get("url").asText()).startsWith(atoll.baseUrl() + "/system/custom_emojis/");
        assertThat(e.has("category")).isFalse();
        assertThat(s.get("account").get("emojis")).hasSize(2);
    }

    @Test
    void reactAddsOnceListsNotifiesAndRemoves() {
        String id = post(alice, "react to me", "public");
        JsonNode after = react(bob, id, "👍").json();
        react(bob, id, "👍");
        react(bob, id, ":blobcat:");
        react(carol, id, "👍");
        assertThat(after.get("id").asText()).isEqualTo(id);

        JsonNode asBob = atoll.http().get("/api/v1/statuses/" + id, bob).json().get("pleroma").get("emoji_reactions");
        assertThat(asBob).hasSize(2);
        assertThat(asBob.get(0).get("name").asText()).isEqualTo("👍");
        assertThat(asBob.get(0).get("count").asInt()).isEqualTo(2);
        assertThat(asBob.get(0).get("me").asBoolean()).isTrue();
        assertThat(asBob.get(0).has("url")).isFalse();
        assertThat(asBob.get(1).get("name").asText()).isEqualTo("blobcat");
        assertThat(asBob.get(1).get("url").asText()).contains("/system/custom_emojis/");
        JsonNode asAlice = atoll.http().get("/api/v1/statuses/" + id, alice).json().get("pleroma").get("emoji_reactions");
        assertThat(asAlice.get(0).get("me").asBoolean()).isFalse();
        JsonNode anonymous = atoll.http().get("/api/v1/statuses/" + id).json().get("pleroma").get("emoji_reactions");
        assertThat(anonymous.get(0).get("count").asInt()).isEqualTo(2);

        JsonNode list = atoll.http().get("/api/v1/pleroma/statuses/" + id + "/reactions", alice).json();
        assertThat(list).hasSize(2);
        assertThat(list.get(0).get("accounts")).hasSize(2);
        JsonNode one = atoll.http().get("/api/v1/pleroma/statuses/" + id + "/reactions/" + enc("blobcat"), alice).json();
        assertThat(one).hasSize(1);
        assertThat(one.get(0).get("accounts").get(0).get("username").asText()).isEqualTo("bob");

        JsonNode notes = atoll.http().get("/api/v1/notifications?types[]=pleroma:emoji_reaction", alice).json();
        assertThat(notes).hasSize(2); // one per reacting account and post
        JsonNode fromBob = null;
        for (JsonNode n : notes) if (n.get("account").get("username").asText().equals("bob")) fromBob = n;
        assertThat(fromBob).isNotNull();
        assertThat(fromBob.get("type").asText()).isEqualTo("pleroma:emoji_reaction");
        assertThat(fromBob.get("emoji").asText()).isEqualTo("👍");
        assertThat(fromBob.get("status").get("id").asText()).isEqualTo(id);

        JsonNode removed = atoll.http().delete("/api/v1/pleroma/statuses/" + id + "/reactions/" + enc("👍"), bob).json();
        JsonNode thumbs = null;
        for (JsonNode r : removed.get("pleroma").get("emoji_reactions")) if (r.get("name").asText().equals("👍")) thumbs = r;
        assertThat(thumbs.get("count").asInt()).isEqualTo(1);
        assertThat(thumbs.get("me").asBoolean()).isFalse();
        // bob still has :blobcat: there: his notification stays, now showing it
        JsonNode still = atoll.http().get("/api/v1/notifications?types[]=pleroma:emoji_reaction", alice).json();
        assertThat(still).hasSize(2);
        atoll.http().delete("/api/v1/pleroma/statuses/" + id + "/reactions/blobcat", bob);
        JsonNode left = atoll.http().get("/api/v1/notifications?types[]=pleroma:emoji_reaction", alice).json();
        assertThat(left).hasSize(1);
        assertThat(left.get(0).get("account").get("username").asText()).isEqualTo("carol");
    }

    @Test
    void refusals() {
        String id = post(alice, "only followers", "private");
        TestHttp.Response hidden = react(bob, id, "👍");
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.json().get("error").asText()).isNotBlank();
        assertThat(atoll.http().get("/api/v1/pleroma/statuses/" + id + "/reactions", bob).status()).isEqualTo(404);

        String open = post(alice, "public", "public");
        assertThat(react(bob, open, "hello").status()).isEqualTo(422);
        assertThat(react(bob, open, ":nothere:").status()).isEqualTo(422);
        assertThat(react(null, open, "👍").status()).isEqualTo(401);
        assertThat(react(bob, "999999999", "👍").status()).isEqualTo(404);
        assertThat(react(alice, open, "👍").status()).isEqualTo(200); // one's own post too, as on Akkoma
    }
}
