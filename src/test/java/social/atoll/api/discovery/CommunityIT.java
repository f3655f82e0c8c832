package social.atoll.api.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static social.atoll.api.statuses.Fixtures.ids;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.api.statuses.Fixtures;
import social.atoll.api.statuses.Fixtures.User;
import social.atoll.testing.TestHttp;
import social.atoll.testing.TestInstance;

/** Reports, announcements, trends and the public instance statistics. */
class CommunityIT {

    private static TestInstance atoll;
    private static Fixtures f;

    @BeforeAll
    static void start() {
        atoll = TestInstance.start();
        f = new Fixtures(atoll);
    }

    @AfterAll
    static void stop() { atoll.close(); }

    private static TestHttp http() { return atoll.http(); }

    @Test
    void reports() {
        User me = f.user("rep_me");
        User spammer = f.user("rep_spammer");
        String spam = f.post(spammer, "buy now", "public").get("id").asText();
        String mine = f.post(me, "mine", "public").get("id").asText();
        var r = http().postJson("/api/v1/reports", me.token(), Map.of("account_id", spammer.idString(), "status_ids", List.of(spam),
                "comment", "spam!", "category", "spam", "forward", true));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("category").asText()).isEqualTo("spam");
        assertThat(r.json().get("status_ids").get(0).asText()).isEqualTo(spam);
        assertThat(r.json().get("forwarded").asBoolean()).as("local account: nothing to forward").isFalse();
        assertThat(r.json().get("action_taken").asBoolean()).isFalse();
        assertThat(r.json().get("target_account").get("id").asText()).isEqualTo(spammer.idString());
        assertThat(f.count("SELECT COUNT(*) FROM reports WHERE target_account_id = " + spammer.id())).isEqualTo(1);

        assertThat(http().postJson("/api/v1/reports", me.token(), Map.of("account_id", spammer.idString(), "status_ids", List.of(mine))).status())
                .as("someone else's status").isEqualTo(404);
        assertThat(http().postJson("/api/v1/reports", me.token(), Map.of("account_id", "999999")).status()).isEqualTo(404);
        assertThat(http().postJson("/api/v1/reports", me.token(), Map.of("account_id", spammer.idString(), "comment", "x".repeat(1001))).status()).isEqualTo(422);
        assertThat(http().postJson("/api/v1/reports", atoll.createUser("rep_reader", "read"), Map.of("account_id", spammer.idString())).status()).isEqualTo(403);
        var form = http().postForm("/api/v1/reports/", me.token(), Map.of("account_id", spammer.idString()));
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.json().get("category").asText()).isEqualTo("other");
        assertThat(form.json().get("status_ids").isNull()).isTrue();
    }

    @Test
    void aReportOnlyNamesStatusesTheReporterMaySee() {
        User reporter = f.user("rep_seer");
        User author = f.user("rep_hider");
        User follower = f.user("rep_follower");
        f.follow(follower, author);
        String priv = f.post(author, "followers only", "private").get("id").asText();
        String direct = f.post(author, "psst @rep_follower", "direct").get("id").asText();
        String pub = f.post(author, "public", "public").get("id").asText();
        long before = f.count("SELECT COUNT(*) FROM reports");
        for (List<String> ids : List.of(List.of(priv), List.of(pub, direct), List.of("123456789"), List.of(pub, "abc"))) {
            var r = http().postJson("/api/v1/reports", reporter.token(), Map.of("account_id", author.idString(), "status_ids", ids));
            assertThat(r.status()).as(ids.toString()).isEqualTo(404);
            assertThat(r.json().get("error").asText()).isEqualTo("Record not found");
        }
        assertThat(f.count("SELECT COUNT(*) FROM reports")).as("nothing stored").isEqualTo(before);
        // those who may see them may report them
        assertThat(http().postJson("/api/v1/reports", follower.token(), Map.of("account_id", author.idString(),
                "status_ids", List.of(priv, direct, pub))).status()).isEqualTo(200);
    }

    @Test
    void announcementsWithDismissAndReactions() {
        User me = f.user("ann_me");
        User other = f.user("ann_other");
        long id = atoll.app().core.announcements.create("Maintenance tonight\n\n<b>be patient</b>", null, null, false);
        JsonNode list = http().get("/api/v1/announcements", me.token()).json();
        JsonNode a = null;
        for (JsonNode n : list) if (n.get("id").asText().equals(Long.toString(id))) a = n;
        assertThat(a).isNotNull();
        assertThat(a.get("content").asText()).isEqualTo("<p>Maintenance tonight</p><p>&lt;b&gt;be patient&lt;/b&gt;</p>");
        assertThat(a.get("read").asBoolean()).isFalse();
        assertThat(a.get("reactions")).isEmpty();
        assertThat(a.get("mentions")).isEmpty();

        String path = "/api/v1/announcements/" + id;
        assertThat(http().postJson(path + "/dismiss", me.token(), null).body()).isEqualTo("{}");
        String heart = URLEncoder.encode("❤️", StandardCharsets.UTF_8);
        assertThat(http().send("PUT", path + "/reactions/" + heart, me.token(), null, null).status()).isEqualTo(200);
        assertThat(http().send("PUT", path + "/reactions/" + heart, other.token(), null, null).status()).isEqualTo(200);
        assertThat(http().send("PUT", path + "/reactions/hello", me.token(), null, null).status()).isEqualTo(422);
        JsonNode mine = http().get("/api/v1/announcements", me.token()).json();
        JsonNode seen = null;
        for (JsonNode n : mine) if (n.get("id").asText().equals(Long.toString(id))) seen = n;
        assertThat(seen.get("read").asBoolean()).isTrue();
        assertThat(seen.get("reactions").get(0).get("name").asText()).isEqualTo("❤️");
        assertThat(seen.get("reactions").get(0).get("count").asInt()).isEqualTo(2);
        assertThat(seen.get("reactions").get(0).get("me").asBoolean()).isTrue();
        http().delete(path + "/reactions/" + heart, me.token());
        JsonNode after = http().get("/api/v1/announcements", other.token()).json();
        for (JsonNode n : after) {
            if (!n.get("id").asText().equals(Long.toString(id))) continue;
            assertThat(n.get("read").asBoolean()).isFalse();
            assertThat(n.get("reactions").get(0).get("count").asInt()).isEqualTo(1);
        }
        assertThat(http().postJson("/api/v1/announcements/12345/dismiss", me.token(), null).status()).isEqualTo(404);
        assertThat(http().postJson(path + "/dismiss", atoll.createUser("ann_reader", "read"), null).status()).isEqualTo(403);
        assertThat(http().get("/api/v1/announcements", null).status()).isEqualTo(401);
    }

    @Test
    void trendsFromRecentActivity() {
        User a = f.user("tr_a");
        User b = f.user("tr_b");
        User c = f.user("tr_c");
        f.post(a, "#trendingtopic one", "public");
        f.post(b, "#TrendingTopic two", "public");
        f.post(c, "#lonelytopic", "public");
        f.post(c, "#hiddentopic", "private");
        String popular = f.post(a, "a popular post", "public").get("id").asText();
        String quiet = f.post(b, "a quiet post", "public").get("id").asText();
        http().postJson("/api/v1/statuses/" + popular + "/favourite", b.token(), null);
        http().postJson("/api/v1/statuses/" + popular + "/favourite", c.token(), null);

        JsonNode tags = http().get("/api/v1/trends/tags").json();
        assertThat(tags.get(0).get("name").asText()).isEqualToIgnoringCase("trendingtopic");
        assertThat(tags.get(0).get("history").get(0).get("accounts").asText()).isEqualTo("2");
        List<String> names = new java.util.ArrayList<>();
        tags.forEach(t -> names.add(t.get("name").asText().toLowerCase()));
        assertThat(names).contains("lonelytopic").doesNotContain("hiddentopic");
        assertThat(http().get("/api/v1/trends?limit=1").json()).hasSize(1);
        assertThat(http().get("/api/v1/trends/tags?offset=1&limit=1").json().get(0).get("name").asText()).isEqualToIgnoringCase("lonelytopic");

        List<String> statuses = ids(http().get("/api/v1/trends/statuses").json());
        assertThat(statuses).startsWith(popular).doesNotContain(quiet);
        assertThat(http().get("/api/v1/trends/statuses?offset=1").json()).hasSize(statuses.size() - 1);
        assertThat(http().get("/api/v1/trends/links").json()).isEmpty();
    }

    @Test
    void peersAndActivity() {
        atoll.app().infra.db.write(h -> h.createUpdate("""
                        INSERT INTO accounts (id, username, domain, acct_key, uri, created_at, updated_at)
                        VALUES (:id, 'far', 'far.example', 'far@far.example', 'https://far.example/users/far', 0, 0)""")
                .bind("id", atoll.app().infra.ids.next()).execute());
        assertThat(http().get("/api/v1/instance/peers").json().toString()).contains("\"far.example\"");
        User u = f.user("act_user");
        f.post(u, "counted", "public");
        JsonNode weeks = http().get("/api/v1/instance/activity").json();
        assertThat(weeks).hasSize(12);
        JsonNode thisWeek = weeks.get(0);
        assertThat(thisWeek.get("week").isTextual()).isTrue();
        assertThat(Long.parseLong(thisWeek.get("statuses").asText())).isPositive();
        assertThat(Long.parseLong(thisWeek.get("registrations").asText())).isPositive();
        assertThat(Long.parseLong(weeks.get(0).get("week").asText())).isGreaterThan(Long.parseLong(weeks.get(1).get("week").asText()));
    }
}
