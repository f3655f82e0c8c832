package social.atoll.api.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.api.statuses.Fixtures;
import social.atoll.api.statuses.Fixtures.User;
import social.atoll.testing.TestInstance;

/**
 * Mastodon 4.3's notification policy and requests, on one instance: the v1 and v2 policy shapes, each category
 * filtering (or dropping) what it should, requests with their counts and paging, accepting (later notifications get
 * through) and dismissing.
 */
class NotificationPolicyIT {

    private static TestInstance atoll;
    private static Fixtures f;

    @BeforeAll
    static void start() {
        atoll = TestInstance.start();
        f = new Fixtures(atoll);
    }

    @AfterAll
    static void stop() { atoll.close(); }

    private static JsonNode get(User u, String path) {
        var r = atoll.http().get(path, u.token());
        assertThat(r.status()).as(path + ": " + r.body()).isEqualTo(200);
        return r.json();
    }

    private static List<String> types(JsonNode notifications) {
        List<String> out = new ArrayList<>();
        notifications.forEach(n -> out.add(n.get("type").asText() + ":" + n.get("account").get("username").asText()));
        return out;
    }

    private static void sql(String update) {
        atoll.app().infra.db.write(h -> h.createUpdate(update).execute());
    }

    private static JsonNode policy(User u, Map<String, Object> change) {
        var r = atoll.http().patchJson("/api/v2/notifications/policy", u.token(), change);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static JsonNode requests(User u) { return get(u, "/api/v1/notifications/requests"); }

    private static int unread(User u) { return get(u, "/api/v2/notifications/unread_count").get("count").asInt(); }

    @Test
    void policyShapesV1AndV2() {
        User alice = f.user("pol_alice");
        JsonNode p = get(alice, "/api/v2/notifications/policy");
        assertThat(p.get("for_not_following").asText()).isEqualTo("accept");
        assertThat(p.get("for_not_followers").asText()).isEqualTo("accept");
        assertThat(p.get("for_new_accounts").asText()).isEqualTo("accept");
        assertThat(p.get("for_private_mentions").asText()).isEqualTo("filter");
        assertThat(p.get("for_limited_accounts").asText()).isEqualTo("filter");
        assertThat(p.get("summary").get("pending_requests_count").asInt()).isZero();
        assertThat(p.get("summary").get("pending_notifications_count").asInt()).isZero();

        JsonNode changed = policy(alice, Map.of("for_not_following", "drop", "for_new_accounts", "filter"));
        assertThat(changed.get("for_not_following").asText()).isEqualTo("drop");
        assertThat(changed.get("for_new_accounts").asText()).isEqualTo("filter");
        assertThat(changed.get("for_private_mentions").asText()).isEqualTo("filter");

        var bad = atoll.http().patchJson("/api/v2/notifications/policy", alice.token(), Map.of("for_not_followers", "ignore"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("error").asText()).contains("for_not_followers");

        JsonNode v1 = get(alice, "/api/v1/notifications/policy");
        assertThat(v1.get("filter_not_following").asBoolean()).isTrue(); // dropping filters too
        assertThat(v1.get("filter_not_followers").asBoolean()).isFalse();
        assertThat(v1.get("filter_new_accounts").asBoolean()).isTrue();
        assertThat(v1.get("filter_private_mentions").asBoolean()).isTrue();
        assertThat(v1.has("summary")).isTrue();
        assertThat(v1.has("for_not_following")).isFalse();

        var put = atoll.http().putJson("/api/v1/notifications/policy", alice.token(), Map.of("filter_not_following", false,
                "filter_private_mentions", "false"));
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().get("filter_not_following").asBoolean()).isFalse();
        JsonNode after = get(alice, "/api/v2/notifications/policy");
        assertThat(after.get("for_not_following").asText()).isEqualTo("accept");
        assertThat(after.get("for_private_mentions").asText()).isEqualTo("accept");
        assertThat(after.get("for_new_accounts").asText()).isEqualTo("filter");

        assertThat(atoll.http().get("/api/v2/notifications/policy").status()).isEqualTo(401);
        String readOnly = atoll.createUser("pol_reader", "read:notifications");
        assertThat(atoll.http().get("/api/v2/notifications/policy", readOnly).status()).isEqualTo(200);
        assertThat(atoll.http().patchJson("/api/v2/notifications/policy", readOnly, Map.of("for_new_accounts", "drop")).status()).isEqualTo(403);
    }

    @Test
    void privateMentionsFromStrangersWaitInARequestUntilAccepted() {
        User alice = f.user("pm_alice");
        User bob = f.user("pm_bob");
        User friend = f.user("pm_friend");
        f.follow(alice, friend);
        f.post(friend, "@pm_alice from a friend", "direct");
        String first = f.post(bob, "@pm_alice psst", "direct").get("id").asText();
        String second = f.post(bob, "@pm_alice psst again", "direct").get("id").asText();
        f.post(bob, "@pm_alice in public", "public");

        // out of sight: v1, v2, the unread count; there with include_filtered or when narrowed to bob
        assertThat(types(get(alice, "/api/v1/notifications"))).containsExactly("mention:pm_bob", "mention:pm_friend");
        assertThat(get(alice, "/api/v2/notifications").get("notification_groups")).hasSize(2);
        assertThat(unread(alice)).isEqualTo(2);
        assertThat(types(get(alice, "/api/v1/notifications?include_filtered=true"))).hasSize(4);
        assertThat(get(alice, "/api/v2/notifications?include_filtered=true").get("notification_groups")).hasSize(4);
        assertThat(types(get(alice, "/api/v1/notifications?account_id=" + bob.idString()))).hasSize(3);

        JsonNode list = requests(alice);
        assertThat(list).hasSize(1);
        JsonNode req = list.get(0);
        assertThat(req.get("account").get("id").asText()).isEqualTo(bob.idString());
        assertThat(req.get("notifications_count").isTextual()).isTrue();
        assertThat(req.get("notifications_count").asText()).isEqualTo("2");
        assertThat(req.get("last_status").get("id").asText()).isEqualTo(second);
        assertThat(req.get("created_at").asText()).endsWith("Z");
        assertThat(req.get("updated_at").asText()).endsWith("Z");
        String id = req.get("id").asText();
        assertThat(get(alice, "/api/v1/notifications/requests/" + id).get("id").asText()).isEqualTo(id);
        assertThat(atoll.http().get("/api/v1/notifications/requests/" + id, bob.token()).status()).isEqualTo(404);
        JsonNode summary = get(alice, "/api/v2/notifications/policy").get("summary");
        assertThat(summary.get("pending_requests_count").asInt()).isEqualTo(1);
        assertThat(summary.get("pending_notifications_count").asInt()).isEqualTo(2);

        // a private message answering alice's own private message to bob is asked for
        String asked = f.post(alice, "@pm_bob are you there?", "direct").get("id").asText();
        f.reply(bob, "@pm_alice yes", asked, "direct");
        assertThat(types(get(alice, "/api/v1/notifications"))).containsExactly("mention:pm_bob", "mention:pm_bob", "mention:pm_friend");
        assertThat(requests(alice).get(0).get("notifications_count").asText()).isEqualTo("2");

        var accept = atoll.http().postJson("/api/v1/notifications/requests/" + id + "/accept", alice.token(), Map.of());
        assertThat(accept.status()).as(accept.body()).isEqualTo(200);
        assertThat(accept.json().isEmpty()).isTrue();
        assertThat(get(alice, "/api/v1/notifications/requests/merged").get("merged").asBoolean()).isTrue();
        assertThat(requests(alice)).isEmpty();
        assertThat(atoll.http().get("/api/v1/notifications/requests/" + id, alice.token()).status()).isEqualTo(404);
        assertThat(types(get(alice, "/api/v1/notifications"))).hasSize(5);
        assertThat(get(alice, "/api/v1/notifications").toString()).contains(first);
        // accepted: bob's later private mentions get through
        f.post(bob, "@pm_alice thanks", "direct");
        assertThat(types(get(alice, "/api/v1/notifications")).getFirst()).isEqualTo("mention:pm_bob");
        assertThat(requests(alice)).isEmpty();
        assertThat(atoll.http().postJson("/api/v1/notifications/requests/" + id + "/accept", alice.token(), Map.of()).status()).isEqualTo(404);
    }

    @Test
    void dismissingThrowsTheFilteredNotificationsAway() {
        User alice = f.user("dm_alice");
        User carol = f.user("dm_carol");
        f.post(carol, "@dm_alice hello", "direct");
        String id = requests(alice).get(0).get("id").asText();
        var r = atoll.http().postJson("/api/v1/notifications/requests/" + id + "/dismiss", alice.token(), Map.of());
        assertThat(r.status()).isEqualTo(200);
        assertThat(requests(alice)).isEmpty();
        assertThat(get(alice, "/api/v1/notifications?include_filtered=true")).isEmpty();
        // still not accepted: the next one is filtered into a new request
        f.post(carol, "@dm_alice hello?", "direct");
        assertThat(get(alice, "/api/v1/notifications")).isEmpty();
        assertThat(requests(alice)).hasSize(1);
        assertThat(requests(alice).get(0).get("id").asText()).isNotEqualTo(id);
        assertThat(atoll.http().postJson("/api/v1/notifications/requests/" + id + "/dismiss", alice.token(), Map.of()).status()).isEqualTo(404);
    }

    @Test
    void notFollowingFiltersEveryFilterableTypeButOnlyMentionsMakeRequests() {
        User alice = f.user("nfw_alice");
        User dave = f.user("nfw_dave");
        User erin = f.user("nfw_erin");
        f.follow(alice, erin);
        policy(alice, Map.of("for_not_following", "filter"));
        String post = f.post(alice, "mine", "public").get("id").asText();
        atoll.http().postJson("/api/v1/statuses/" + post + "/favourite", dave.token(), null);
        atoll.http().postJson("/api/v1/statuses/" + post + "/favourite", erin.token(), null);
        f.follow(dave, alice);
        f.post(dave, "@nfw_alice hi", "public");
        f.post(erin, "@nfw_alice hi", "public");

        assertThat(types(get(alice, "/api/v1/notifications"))).containsExactly("mention:nfw_erin", "favourite:nfw_erin");
        assertThat(types(get(alice, "/api/v1/notifications?include_filtered=true")))
                .containsExactly("mention:nfw_erin", "mention:nfw_dave", "follow:nfw_dave", "favourite:nfw_erin", "favourite:nfw_dave");
        JsonNode list = requests(alice);
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("notifications_count").asText()).isEqualTo("1");
        // grouped: the favourite group counts only what is not filtered
        JsonNode groups = get(alice, "/api/v2/notifications").get("notification_groups");
        assertThat(groups).hasSize(2);
        for (JsonNode g : groups) assertThat(g.get("notifications_count").asInt()).isEqualTo(1);
    }

    @Test
    void notFollowersCountsOnlyFollowsOlderThanThreeDays() {
        User alice = f.user("nfr_alice");
        User frank = f.user("nfr_frank");
        policy(alice, Map.of("for_not_followers", "filter"));
        f.follow(frank, alice);
        f.post(frank, "@nfr_alice new follower here", "public");
        assertThat(types(get(alice, "/api/v1/notifications"))).isEmpty(); // the follow itself is filtered too
        sql("UPDATE follows SET created_at = created_at - " + 4L * 86_400_000 + " WHERE account_id = " + frank.id());
        f.post(frank, "@nfr_alice four days later", "public");
        assertThat(types(get(alice, "/api/v1/notifications"))).containsExactly("mention:nfr_frank");
    }

    @Test
    void newAccountsDroppedLeaveNothing() {
        User alice = f.user("na_alice");
        User gina = f.user("na_gina");
        policy(alice, Map.of("for_new_accounts", "drop"));
        f.post(gina, "@na_alice I just arrived", "public");
        assertThat(get(alice, "/api/v1/notifications?include_filtered=true")).isEmpty();
        assertThat(requests(alice)).isEmpty();
        sql("UPDATE accounts SET created_at = created_at - " + 31L * 86_400_000 + " WHERE id = " + gina.id());
        f.post(gina, "@na_alice a month later", "public");
        assertThat(types(get(alice, "/api/v1/notifications"))).containsExactly("mention:na_gina");
    }

    @Test
    void limitedAccountsAreFilteredUnlessFollowed() {
        User alice = f.user("la_alice");
        User harry = f.user("la_harry");
        sql("UPDATE accounts SET silenced_at = 1 WHERE id = " + harry.id());
        f.post(harry, "@la_alice buy now", "public");
        assertThat(get(alice, "/api/v1/notifications")).isEmpty();
        assertThat(requests(alice)).hasSize(1);
        f.follow(alice, harry);
        f.post(harry, "@la_alice you follow me", "public");
        assertThat(types(get(alice, "/api/v1/notifications"))).containsExactly("mention:la_harry");
        // staff and poll notices are never filtered; a dropping policy drops only what it weighs
        policy(alice, Map.of("for_limited_accounts", "drop", "for_private_mentions", "drop"));
        User ivy = f.user("la_ivy");
        f.post(ivy, "@la_alice secret", "direct");
        assertThat(get(alice, "/api/v1/notifications?account_id=" + ivy.idString())).isEmpty();
    }

    @Test
    void requestsPageWithLinkHeadersAndAreAcceptedOrDismissedInBulk() {
        User alice = f.user("bulk_alice");
        List<User> senders = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            User s = f.user("bulk_s" + i);
            senders.add(s);
            f.post(s, "@bulk_alice number " + i, "direct");
        }
        var page = atoll.http().get("/api/v1/notifications/requests?limit=2", alice.token());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json()).hasSize(2);
        assertThat(page.json().get(0).get("account").get("username").asText()).isEqualTo("bulk_s2");
        String link = page.header("Link");
        assertThat(link).contains("rel=\"next\"").contains("rel=\"prev\"");
        String next = link.substring(1, link.indexOf('>'));
        assertThat(next).startsWith(atoll.baseUrl() + "/api/v1/notifications/requests?limit=2&max_id=");
        JsonNode rest = atoll.http().get(next, alice.token()).json();
        assertThat(rest).hasSize(1);
        assertThat(rest.get(0).get("account").get("username").asText()).isEqualTo("bulk_s0");

        String a = page.json().get(0).get("id").asText();
        String b = page.json().get(1).get("id").asText();
        var accepted = atoll.http().send("POST", "/api/v1/notifications/requests/accept", alice.token(), "id[]=" + a + "&id[]=" + b + "&id[]=nope",
                "application/x-www-form-urlencoded");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(requests(alice)).hasSize(1);
        assertThat(types(get(alice, "/api/v1/notifications"))).containsExactly("mention:bulk_s2", "mention:bulk_s1");
        var dismissed = atoll.http().postJson("/api/v1/notifications/requests/dismiss", alice.token(), Map.of("id", List.of(rest.get(0).get("id").asText())));
        assertThat(dismissed.status()).isEqualTo(200);
        assertThat(requests(alice)).isEmpty();
        assertThat(get(alice, "/api/v2/notifications/policy").get("summary").get("pending_requests_count").asInt()).isZero();
    }
}
