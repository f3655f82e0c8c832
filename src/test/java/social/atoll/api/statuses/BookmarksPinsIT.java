package social.atoll.api.statuses;

import static org.assertj.core.api.Assertions.assertThat;
import static social.atoll.api.statuses.Fixtures.ids;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.api.statuses.Fixtures.User;
import social.atoll.testing.TestHttp;
import social.atoll.testing.TestInstance;

/** Bookmarks, the favourites list, pins, conversation mutes and translate. */
class BookmarksPinsIT {

    private static TestInstance atoll;
    private static Fixtures f;

    @BeforeAll
    static void start() {
        atoll = TestInstance.start();
        f = new Fixtures(atoll);
    }

    @AfterAll
    static void stop() { atoll.close(); }

    private static TestHttp.Response post(String path, String token) { return atoll.http().postJson(path, token, null); }

    private static String next(TestHttp.Response r) {
        String link = r.header("Link");
        return link.substring(1, link.indexOf('>'));
    }

    private static String prev(TestHttp.Response r) {
        String link = r.header("Link");
        int start = link.indexOf('<', link.indexOf("rel=\"next\""));
        return link.substring(start + 1, link.indexOf('>', start));
    }

    @Test
    void bookmarksArePagedInBookmarkOrder() {
        User alice = f.user("bm_alice");
        User bob = f.user("bm_bob");
        List<String> posted = new ArrayList<>();
        for (int i = 0; i < 3; i++) posted.add(f.post(alice, "post " + i, "public").get("id").asText());
        // bookmarked newest post first: the list follows bookmark time, not status ids
        for (int i = 2; i >= 0; i--) {
            JsonNode s = post("/api/v1/statuses/" + posted.get(i) + "/bookmark", bob.token()).json();
            assertThat(s.get("bookmarked").asBoolean()).isTrue();
        }
        assertThat(post("/api/v1/statuses/" + posted.get(0) + "/bookmark", bob.token()).status()).as("idempotent").isEqualTo(200);
        TestHttp.Response all = atoll.http().get("/api/v1/bookmarks", bob.token());
        assertThat(ids(all.json())).containsExactly(posted.get(0), posted.get(1), posted.get(2));

        TestHttp.Response first = atoll.http().get("/api/v1/bookmarks?limit=2", bob.token());
        assertThat(ids(first.json())).containsExactly(posted.get(0), posted.get(1));
        assertThat(first.header("Link")).startsWith("<" + atoll.baseUrl() + "/api/v1/bookmarks?limit=2&max_id=");
        TestHttp.Response second = atoll.http().get(next(first), bob.token());
        assertThat(ids(second.json())).containsExactly(posted.get(2));
        TestHttp.Response back = atoll.http().get(prev(second), bob.token());
        assertThat(ids(back.json())).containsExactly(posted.get(0), posted.get(1));

        JsonNode un = post("/api/v1/statuses/" + posted.get(1) + "/unbookmark", bob.token()).json();
        assertThat(un.get("bookmarked").asBoolean()).isFalse();
        assertThat(ids(atoll.http().get("/api/v1/bookmarks", bob.token()).json())).containsExactly(posted.get(0), posted.get(2));
        assertThat(atoll.http().get("/api/v1/bookmarks", alice.token()).json()).isEmpty();

        String readOnly = atoll.token(bob.id(), "read:statuses write:statuses");
        assertThat(atoll.http().get("/api/v1/bookmarks", readOnly).status()).isEqualTo(403);
        assertThat(post("/api/v1/statuses/" + posted.get(0) + "/bookmark", readOnly).status()).isEqualTo(403);
        String priv = f.post(alice, "followers only", "private").get("id").asText();
        assertThat(post("/api/v1/statuses/" + priv + "/bookmark", bob.token()).status()).isEqualTo(404);
    }

    @Test
    void favouritesListIsPagedOnFavouriteTimeAndSkipsInvisibleStatuses() {
        User alice = f.user("favl_alice");
        User bob = f.user("favl_bob");
        String a = f.post(alice, "a", "public").get("id").asText();
        String b = f.post(alice, "b", "private").get("id").asText();
        String c = f.post(alice, "c", "public").get("id").asText();
        f.follow(bob, alice);
        post("/api/v1/statuses/" + c + "/favourite", bob.token());
        post("/api/v1/statuses/" + b + "/favourite", bob.token());
        post("/api/v1/statuses/" + a + "/favourite", bob.token());
        assertThat(ids(atoll.http().get("/api/v1/favourites", bob.token()).json())).containsExactly(a, b, c);
        TestHttp.Response page = atoll.http().get("/api/v1/favourites?limit=1", bob.token());
        assertThat(ids(page.json())).containsExactly(a);
        assertThat(ids(atoll.http().get(next(page), bob.token()).json())).containsExactly(b);

        f.unfollow(bob, alice); // the private one is no longer visible, the cursor still moves past it
        TestHttp.Response two = atoll.http().get("/api/v1/favourites?limit=2", bob.token());
        assertThat(ids(two.json())).containsExactly(a);
        assertThat(ids(atoll.http().get(next(two), bob.token()).json())).containsExactly(c);
        assertThat(atoll.http().get("/api/v1/favourites", atoll.token(bob.id(), "read:bookmarks")).status()).isEqualTo(403);
    }

    @Test
    void pinsAreOwnVisibleStatusesUpToFive() {
        User alice = f.user("pin_alice");
        User bob = f.user("pin_bob");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) ids.add(f.post(alice, "pin " + i, i == 5 ? "private" : "public").get("id").asText());
        for (int i = 0; i < 5; i++) {
            TestHttp.Response r = post("/api/v1/statuses/" + ids.get(i) + "/pin", alice.token());
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().get("pinned").asBoolean()).isTrue();
        }
        assertThat(post("/api/v1/statuses/" + ids.get(0) + "/pin", alice.token()).status()).as("pinning again is fine").isEqualTo(200);
        TestHttp.Response sixth = post("/api/v1/statuses/" + ids.get(5) + "/pin", alice.token());
        assertThat(sixth.status()).isEqualTo(422);
        assertThat(sixth.json().get("error").asText()).isEqualTo("Validation failed: You have already pinned the maximum number of posts");

        JsonNode pinned = atoll.http().get("/api/v1/accounts/" + alice.idString() + "/statuses?pinned=true").json();
        assertThat(pinned).hasSize(5);
        String foreign = ids.get(1);
        assertThat(post("/api/v1/statuses/" + foreign + "/pin", bob.token()).json().get("error").asText())
                .isEqualTo("Validation failed: Someone else's post cannot be pinned");
        assertThat(post("/api/v1/statuses/" + ids.get(5) + "/pin", bob.token()).status()).as("invisible").isEqualTo(404);
        String direct = f.post(alice, "@pin_bob secret", "direct").get("id").asText();
        assertThat(post("/api/v1/statuses/" + direct + "/pin", alice.token()).json().get("error").asText())
                .isEqualTo("Validation failed: Posts that are only visible to mentioned users cannot be pinned");
        assertThat(post("/api/v1/statuses/" + ids.get(0) + "/pin", atoll.token(alice.id(), "write:statuses")).status()).isEqualTo(403);

        JsonNode unpinned = post("/api/v1/statuses/" + ids.get(0) + "/unpin", alice.token()).json();
        assertThat(unpinned.get("pinned").asBoolean()).isFalse();
        assertThat(post("/api/v1/statuses/" + ids.get(5) + "/pin", alice.token()).status()).isEqualTo(200);
    }

    @Test
    void mutedConversationsProduceNoNotifications() {
        User alice = f.user("mute_alice");
        User bob = f.user("mute_bob");
        String root = f.post(alice, "thread start", "public").get("id").asText();
        String reply = f.reply(bob, "@mute_alice first reply", root, "public").get("id").asText();
        assertThat(f.count("SELECT COUNT(*) FROM notifications WHERE account_id = " + alice.id() + " AND status_id = " + reply)).isEqualTo(1);

        JsonNode muted = post("/api/v1/statuses/" + root + "/mute", alice.token()).json();
        assertThat(muted.get("muted").asBoolean()).isTrue();
        String second = f.reply(bob, "@mute_alice second reply", reply, "public").get("id").asText();
        post("/api/v1/statuses/" + root + "/favourite", bob.token());
        assertThat(f.count("SELECT COUNT(*) FROM notifications WHERE account_id = " + alice.id() + " AND status_id IN (" + second + ", " + root + ")")).isZero();
        assertThat(atoll.http().get("/api/v1/statuses/" + second, alice.token()).json().get("muted").asBoolean()).isTrue();

        JsonNode unmuted = post("/api/v1/statuses/" + root + "/unmute", alice.token()).json();
        assertThat(unmuted.get("muted").asBoolean()).isFalse();
        String third = f.reply(bob, "@mute_alice third reply", second, "public").get("id").asText();
        assertThat(f.count("SELECT COUNT(*) FROM notifications WHERE account_id = " + alice.id() + " AND status_id = " + third)).isEqualTo(1);
        assertThat(post("/api/v1/statuses/" + root + "/mute", atoll.token(alice.id(), "write:statuses")).status()).isEqualTo(403);
    }

    @Test
    void translateAnswersNotFoundWithoutATranslationService() {
        User alice = f.user("tr_alice");
        User bob = f.user("tr_bob");
        String id = f.post(alice, "bonjour", "public").get("id").asText();
        TestHttp.Response r = post("/api/v1/statuses/" + id + "/translate", bob.token());
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("error").isTextual()).isTrue();
        assertThat(atoll.http().get("/api/v2/instance").json().get("configuration").get("translation").get("enabled").asBoolean()).isFalse();
    }
}
