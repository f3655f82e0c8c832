package social.atoll.api.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static social.atoll.api.statuses.Fixtures.ids;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.api.statuses.Fixtures;
import social.atoll.api.statuses.Fixtures.User;
import social.atoll.core.follow.FollowOptions;
import social.atoll.testing.TestInstance;

class NotificationsIT {

    private static TestInstance atoll;
    private static Fixtures f;

    @BeforeAll
    static void start() {
        atoll = TestInstance.start();
        f = new Fixtures(atoll);
    }

    @AfterAll
    static void stop() { atoll.close(); }

    private static JsonNode list(User u, String query) {
        var r = atoll.http().get("/api/v1/notifications" + query, u.token());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static List<String> types(JsonNode notifications) {
        List<String> out = new ArrayList<>();
        notifications.forEach(n -> out.add(n.get("type").asText()));
        return out;
    }

    @Test
    void interactionsNotifyTheirTargetWithTheRightShape() {
        User alice = f.user("n_alice");
        User bob = f.user("n_bob");
        f.follow(bob, alice);
        String post = f.post(alice, "a post", "public").get("id").asText();
        String mention = f.post(bob, "hey @n_alice", "public").get("id").asText();
        atoll.http().postJson("/api/v1/statuses/" + post + "/favourite", bob.token(), null);
        atoll.http().postJson("/api/v1/statuses/" + post + "/reblog", bob.token(), null);
        // acting on one's own status notifies nobody
        atoll.http().postJson("/api/v1/statuses/" + mention + "/favourite", bob.token(), null);

        JsonNode all = list(alice, "");
        assertThat(types(all)).containsExactly("reblog", "favourite", "mention", "follow");
        assertThat(list(bob, "")).isEmpty();
        for (JsonNode n : all) {
            assertThat(n.get("account").get("id").asText()).isEqualTo(bob.idString());
            // favourites, boosts and follows carry their group (Mastodon 4.3); others are their own group
            if (n.get("type").asText().equals("mention")) assertThat(n.get("group_key").asText()).isEqualTo("ungrouped-" + n.get("id").asText());
            else assertThat(n.get("group_key").asText()).startsWith(n.get("type").asText() + "-");
            assertThat(n.get("created_at").asText()).endsWith("Z");
        }
        assertThat(all.get(0).get("status").get("id").asText()).isEqualTo(post);
        assertThat(all.get(0).get("status").get("reblogged").asBoolean()).isFalse();
        assertThat(all.get(1).get("status").get("id").asText()).isEqualTo(post);
        assertThat(all.get(2).get("status").get("id").asText()).isEqualTo(mention);
        assertThat(all.get(3).has("status")).isFalse();

        String one = all.get(1).get("id").asText();
        var single = atoll.http().get("/api/v1/notifications/" + one, alice.token());
        assertThat(single.json().get("type").asText()).isEqualTo("favourite");
        assertThat(atoll.http().get("/api/v1/notifications/" + one, bob.token()).status()).isEqualTo(404);

        // undoing the cause removes the notification
        atoll.http().postJson("/api/v1/statuses/" + post + "/unfavourite", bob.token(), null);
        atoll.http().postJson("/api/v1/statuses/" + post + "/unreblog", bob.token(), null);
        atoll.http().delete("/api/v1/statuses/" + mention, bob.token());
        assertThat(types(list(alice, ""))).containsExactly("follow");
        f.unfollow(bob, alice);
        assertThat(list(alice, "")).isEmpty();
    }

    @Test
    void filtersAndPaging() {
        User alice = f.user("nf_alice");
        User bob = f.user("nf_bob");
        User carol = f.user("nf_carol");
        f.follow(bob, alice);
        f.follow(carol, alice);
        f.follow(alice, carol); // else carol's private mention would be filtered (Mastodon 4.3's default policy)
        String post = f.post(alice, "p", "public").get("id").asText();
        f.post(bob, "@nf_alice one", "public");
        f.post(carol, "@nf_alice two", "direct");
        atoll.http().postJson("/api/v1/statuses/" + post + "/favourite", carol.token(), null);

        assertThat(types(list(alice, ""))).containsExactly("favourite", "mention", "mention", "follow", "follow");
        assertThat(types(list(alice, "?types[]=mention"))).containsExactly("mention", "mention");
        assertThat(types(list(alice, "?types[]=mention&types[]=favourite"))).containsExactly("favourite", "mention", "mention");
        assertThat(types(list(alice, "?exclude_types[]=follow&exclude_types[]=mention"))).containsExactly("favourite");
        assertThat(types(list(alice, "?account_id=" + carol.idString()))).containsExactly("favourite", "mention", "follow");
        JsonNode dm = list(alice, "?types[]=mention").get(0);
        assertThat(dm.get("status").get("visibility").asText()).isEqualTo("direct");

        var page = atoll.http().get("/api/v1/notifications?limit=2&exclude_types[]=follow", alice.token());
        assertThat(types(page.json())).containsExactly("favourite", "mention");
        String link = page.header("Link");
        assertThat(link).startsWith("<" + atoll.baseUrl() + "/api/v1/notifications?limit=2&exclude_types[]=follow&max_id=");
        String next = link.substring(1, link.indexOf('>'));
        assertThat(types(atoll.http().get(next, alice.token()).json())).containsExactly("mention");
        String newest = page.json().get(0).get("id").asText();
        assertThat(ids(list(alice, "?min_id=" + newest))).isEmpty();
    }

    @Test
    void dismissAndClear() {
        User alice = f.user("nd_alice");
        User bob = f.user("nd_bob");
        User carol = f.user("nd_carol");
        f.follow(bob, alice);
        f.follow(carol, alice);
        JsonNode before = list(alice, "");
        assertThat(before).hasSize(2);
        String first = before.get(0).get("id").asText();

        assertThat(atoll.http().postJson("/api/v1/notifications/" + first + "/dismiss", bob.token(), null).status()).isEqualTo(404);
        var dismissed = atoll.http().postJson("/api/v1/notifications/" + first + "/dismiss", alice.token(), null);
        assertThat(dismissed.status()).isEqualTo(200);
        assertThat(dismissed.body()).isEqualTo("{}");
        assertThat(ids(list(alice, ""))).containsExactly(before.get(1).get("id").asText());
        var cleared = atoll.http().postJson("/api/v1/notifications/clear", alice.token(), null);
        assertThat(cleared.body()).isEqualTo("{}");
        assertThat(list(alice, "")).isEmpty();

        assertThat(atoll.http().get("/api/v1/notifications", atoll.token(alice.id(), "read:statuses")).status()).isEqualTo(403);
        assertThat(atoll.http().postJson("/api/v1/notifications/clear", atoll.token(alice.id(), "read"), null).status()).isEqualTo(403);
        assertThat(atoll.http().get("/api/v1/notifications", "bogus").status()).isEqualTo(401);
    }

    @Test
    void subscribersHearOfNewPostsAndLockedAccountsOfRequests() {
        User alice = f.user("ns_alice");
        User fan = f.user("ns_fan");
        f.follow(fan, alice, new FollowOptions(null, true, null));
        String post = f.post(alice, "news", "public").get("id").asText();
        f.reply(alice, "reply to someone else", f.post(fan, "fan post", "public").get("id").asText(), null);
        JsonNode fanNotes = list(fan, "?types[]=status");
        assertThat(ids(fanNotes)).hasSize(1);
        assertThat(fanNotes.get(0).get("status").get("id").asText()).isEqualTo(post);

        User locked = f.user("ns_locked");
        atoll.app().infra.db.write(h -> h.createUpdate("UPDATE accounts SET locked = TRUE WHERE id = :id").bind("id", locked.id()).execute());
        User asker = f.user("ns_asker");
        f.follow(asker, locked);
        assertThat(types(list(locked, ""))).containsExactly("follow_request");
        atoll.app().core.follows.authorize(locked.id(), asker.id());
        assertThat(types(list(locked, ""))).isEmpty();
    }
}
