package social.atoll.api.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.api.statuses.Fixtures;
import social.atoll.api.statuses.Fixtures.User;
import social.atoll.testing.TestHttp;
import social.atoll.testing.TestInstance;

/**
 * Mastodon 4.3's grouped notifications: favourites and boosts of one post and follows come as one group each, with
 * their count, sample accounts and page bounds; the rest stay single; pages, one group, its accounts, dismissing
 * it and the unread count work as Mastodon's.
 */
class GroupedNotificationsIT {

    private static TestInstance atoll;
    private static Fixtures f;

    @BeforeAll
    static void start() {
        atoll = TestInstance.start();
        f = new Fixtures(atoll);
    }

    @AfterAll
    static void stop() { atoll.close(); }

    private static JsonNode v2(User u, String query) {
        TestHttp.Response r = atoll.http().get("/api/v2/notifications" + query, u.token());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static List<String> keys(JsonNode results) {
        List<String> out = new ArrayList<>();
        results.get("notification_groups").forEach(g -> out.add(g.get("group_key").asText()));
        return out;
    }

    private static List<String> types(JsonNode results) {
        List<String> out = new ArrayList<>();
        results.get("notification_groups").forEach(g -> out.add(g.get("type").asText()));
        return out;
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get(field).asText()));
        return out;
    }

    private static String cursor(String link, String rel, String param) {
        Matcher m = Pattern.compile("<[^>]*[?&]" + param + "=(\\d+)[^>]*>; rel=\"" + rel + "\"").matcher(link);
        assertThat(m.find()).as(link).isTrue();
        return m.group(1);
    }

    @Test
    void favouritesBoostsAndFollowsAreGroupedOthersAreNot() {
        User alice = f.user("gn_alice");
        User bob = f.user("gn_bob");
        User carol = f.user("gn_carol");
        User dave = f.user("gn_dave");
        User erin = f.user("gn_erin");
        String post = f.post(alice, "group me", "public").get("id").asText();
        for (User u : List.of(bob, carol, dave))
            assertThat(atoll.http().postJson("/api/v1/statuses/" + post + "/favourite", u.token(), Map.of()).status()).isEqualTo(200);
        for (User u : List.of(bob, carol))
            assertThat(atoll.http().postJson("/api/v1/statuses/" + post + "/reblog", u.token(), Map.of()).status()).isEqualTo(200);
        f.follow(erin, alice);
        f.follow(dave, alice);
        String m1 = f.post(bob, "@gn_alice one", "public").get("id").asText();
        String m2 = f.post(bob, "@gn_alice two", "public").get("id").asText();

        JsonNode all = v2(alice, "");
        assertThat(types(all)).containsExactly("mention", "mention", "follow", "reblog", "favourite");
        JsonNode groups = all.get("notification_groups");
        JsonNode mention = groups.get(0);
        assertThat(mention.get("group_key").asText()).isEqualTo("ungrouped-" + mention.get("most_recent_notification_id").asText());
        assertThat(mention.get("notifications_count").asInt()).isEqualTo(1);
        assertThat(mention.get("status_id").asText()).isEqualTo(m2);
        assertThat(groups.get(1).get("status_id").asText()).isEqualTo(m1);
        JsonNode follows = groups.get(2);
        assertThat(follows.get("notifications_count").asInt()).isEqualTo(2);
        List<String> followSamples = new ArrayList<>();
        follows.get("sample_account_ids").forEach(x -> followSamples.add(x.asText()));
        assertThat(followSamples).containsExactly(dave.idString(), erin.idString());
        assertThat(follows.get("status_id").isNull()).isTrue();
        JsonNode reblogs = groups.get(3);
        assertThat(reblogs.get("notifications_count").asInt()).isEqualTo(2);
        assertThat(reblogs.get("status_id").asText()).isEqualTo(post);
        JsonNode favourites = groups.get(4);
        assertThat(favourites.get("notifications_count").asInt()).isEqualTo(3);
        List<String> favSamples = new ArrayList<>();
        favourites.get("sample_account_ids").forEach(x -> favSamples.add(x.asText()));
        assertThat(favSamples).containsExactly(dave.idString(), carol.idString(), bob.idString());
        assertThat(Long.parseLong(favourites.get("page_min_id").asText())).isLessThan(Long.parseLong(favourites.get("page_max_id").asText()));
        assertThat(favourites.get("page_max_id").asText()).isEqualTo(favourites.get("most_recent_notification_id").asText());
        assertThat(favourites.get("latest_page_notification_at").asText()).endsWith("Z");
        assertThat(texts(all.get("accounts"), "id")).containsExactlyInAnyOrder(bob.idString(), carol.idString(), dave.idString(), erin.idString());
        assertThat(texts(all.get("statuses"), "id")).containsExactlyInAnyOrder(m2, m1, post);

        // v1 shows the same keys
        JsonNode v1 = atoll.http().get("/api/v1/notifications?types[]=favourite", alice.token()).json();
        assertThat(v1).hasSize(3);
        v1.forEach(n -> assertThat(n.get("group_key").asText()).isEqualTo(favourites.get("group_key").asText()));

        // grouped_types: only favourites grouped; types and exclude_types narrow
        assertThat(types(v2(alice, "?grouped_types[]=favourite")))
                .containsExactly("mention", "mention", "follow", "follow", "reblog", "reblog", "favourite");
        assertThat(types(v2(alice, "?types[]=favourite&types[]=follow"))).containsExactly("follow", "favourite");
        assertThat(types(v2(alice, "?exclude_types[]=mention"))).containsExactly("follow", "reblog", "favourite");
        assertThat(types(v2(alice, "?account_id=" + erin.id()))).containsExactly("follow");

        // expand_accounts=partial_avatars: Mastodon may then render "some accounts" partially; Atoll renders them all
        // in full, which the docs allow, so the answer is the same groups with every account present
        JsonNode partial = v2(alice, "?expand_accounts=partial_avatars");
        assertThat(keys(partial)).isEqualTo(keys(all));
        assertThat(texts(partial.get("accounts"), "id")).containsExactlyInAnyOrderElementsOf(texts(all.get("accounts"), "id"));
        assertThat(keys(v2(alice, "?expand_accounts=full"))).isEqualTo(keys(all));

        // pages of two groups: Link headers lead on and back, nothing repeats
        TestHttp.Response first = atoll.http().get("/api/v2/notifications?limit=2", alice.token());
        assertThat(keys(first.json())).containsExactly(keys(all).get(0), keys(all).get(1));
        String next = cursor(first.header("Link"), "next", "max_id");
        TestHttp.Response second = atoll.http().get("/api/v2/notifications?limit=2&max_id=" + next, alice.token());
        assertThat(keys(second.json())).containsExactly(keys(all).get(2), keys(all).get(3));
        String third = cursor(second.header("Link"), "next", "max_id");
        assertThat(keys(v2(alice, "?limit=2&max_id=" + third))).containsExactly(keys(all).get(4));
        String prev = cursor(second.header("Link"), "prev", "min_id");
        assertThat(keys(v2(alice, "?limit=2&min_id=" + prev))).containsExactly(keys(all).get(0), keys(all).get(1));
        assertThat(keys(v2(alice, "?since_id=" + prev))).containsExactly(keys(all).get(0), keys(all).get(1));

        // one group, its accounts, dismissing it
        String favKey = favourites.get("group_key").asText();
        JsonNode one = atoll.http().get("/api/v2/notifications/" + favKey, alice.token()).json();
        assertThat(one.get("notification_groups")).hasSize(1);
        assertThat(one.get("notification_groups").get(0).get("notifications_count").asInt()).isEqualTo(3);
        assertThat(one.get("statuses").get(0).get("id").asText()).isEqualTo(post);
        TestHttp.Response accounts = atoll.http().get("/api/v2/notifications/" + favKey + "/accounts", alice.token());
        assertThat(texts(accounts.json(), "id")).containsExactly(dave.idString(), carol.idString(), bob.idString());
        assertThat(atoll.http().get("/api/v2/notifications/" + favKey, bob.token()).status()).isEqualTo(404);
        assertThat(atoll.http().postJson("/api/v2/notifications/" + favKey + "/dismiss", bob.token(), Map.of()).status()).isEqualTo(404);
        assertThat(atoll.http().postJson("/api/v2/notifications/" + favKey + "/dismiss", alice.token(), Map.of()).status()).isEqualTo(200);
        assertThat(atoll.http().get("/api/v2/notifications/" + favKey, alice.token()).status()).isEqualTo(404);
        assertThat(types(v2(alice, ""))).containsExactly("mention", "mention", "follow", "reblog");
        String mentionKey = mention.get("group_key").asText();
        assertThat(atoll.http().get("/api/v2/notifications/" + mentionKey + "/accounts", alice.token()).json().get(0).get("id").asText())
                .isEqualTo(bob.idString());
        assertThat(atoll.http().postJson("/api/v2/notifications/" + mentionKey + "/dismiss", alice.token(), Map.of()).status()).isEqualTo(200);
        assertThat(types(v2(alice, ""))).containsExactly("mention", "follow", "reblog");
    }

    @Test
    void unreadCountCountsGroupsAfterTheMarker() {
        User gail = f.user("gu_gail");
        User hank = f.user("gu_hank");
        User ian = f.user("gu_ian");
        String post = f.post(gail, "count me", "public").get("id").asText();
        atoll.http().postJson("/api/v1/statuses/" + post + "/favourite", hank.token(), Map.of());
        atoll.http().postJson("/api/v1/statuses/" + post + "/favourite", ian.token(), Map.of());
        f.post(hank, "@gu_gail hi", "public");
        TestHttp.Response count = atoll.http().get("/api/v2/notifications/unread_count", gail.token());
        assertThat(count.status()).as(count.body()).isEqualTo(200);
        assertThat(count.json().get("count").asInt()).isEqualTo(2);
        assertThat(atoll.http().get("/api/v2/notifications/unread_count?limit=1", gail.token()).json().get("count").asInt()).isEqualTo(1);
        assertThat(atoll.http().get("/api/v2/notifications/unread_count?grouped_types[]=mention", gail.token()).json().get("count").asInt())
                .isEqualTo(3);
        String favouritesNewest = v2(gail, "").get("notification_groups").get(1).get("most_recent_notification_id").asText();
        assertThat(atoll.http().postJson("/api/v1/markers", gail.token(),
                Map.of("notifications", Map.of("last_read_id", favouritesNewest))).status()).isEqualTo(200);
        assertThat(atoll.http().get("/api/v2/notifications/unread_count", gail.token()).json().get("count").asInt()).isEqualTo(1);
        assertThat(atoll.http().get("/api/v2/notifications/unread_count").status()).isEqualTo(401);
    }

    @Test
    void instanceAdvertisesApiLevelTwo() {
        assertThat(atoll.http().get("/api/v2/instance").json().get("api_versions").get("mastodon").asInt()).isEqualTo(2);
        assertThat(atoll.http().get("/api/v1/instance").json().get("api_versions").get("mastodon").asInt()).isEqualTo(2);
    }
}
