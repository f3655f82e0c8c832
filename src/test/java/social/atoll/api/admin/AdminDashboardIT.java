package social.atoll.api.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.api.statuses.Fixtures;
import social.atoll.core.account.NewLocalAccount;
import social.atoll.core.account.User;
import social.atoll.testing.TestInstance;

/**
 * {@code POST /api/v1/admin/measures}, {@code /dimensions} and {@code /retention} in Mastodon's shapes: daily
 * values as strings over the days asked, totals and the previous period's, breakdowns, sign-up cohorts; refused to a
 * plain user and to a token without {@code admin:read}.
 */
class AdminDashboardIT {

    private static TestInstance atoll;
    private static Fixtures f;
    private static String admin;
    private static String plain;
    private static String readOnly;
    private static final String TODAY = LocalDate.now(ZoneOffset.UTC).toString();
    private static final String WEEK_AGO = LocalDate.now(ZoneOffset.UTC).minusDays(6).toString();

    @BeforeAll
    static void start() {
        atoll = TestInstance.start();
        f = new Fixtures(atoll);
        User a = atoll.app().core.accountService.createLocal(new NewLocalAccount("dash_admin", "dash_admin@example.test", "password-dash",
                User.Role.ADMIN, true, true, "en", null, null), true);
        admin = atoll.token(a.accountId(), "read write admin:read admin:write");
        Fixtures.User alice = f.user("alice");
        Fixtures.User bob = f.user("bob");
        plain = atoll.token(bob.id(), "read write admin:read");
        readOnly = atoll.token(f.user("carol").id(), "read");
        JsonNode post = f.post(alice, "Hello reef", "public");
        f.post(bob, "Bonjour le récif", "public");
        f.reply(bob, "Nice!", post.get("id").asText(), "public");
        assertThat(atoll.http().postJson("/api/v1/statuses/" + post.get("id").asText() + "/favourite", bob.token(), Map.of()).status()).isEqualTo(200);
        assertThat(atoll.http().postJson("/api/v1/reports", bob.token(), Map.of("account_id", alice.idString(), "comment", "test")).status())
                .isEqualTo(200);
    }

    @AfterAll
    static void stop() { atoll.close(); }

    private static JsonNode byKey(JsonNode array, String key) {
        for (JsonNode n : array) if (n.get("key").asText().equals(key)) return n;
        throw new AssertionError("no " + key + " in " + array);
    }

    @Test
    void measuresCountEachDayOfTheRange() {
        var r = atoll.http().postJson("/api/v1/admin/measures", admin, Map.of("keys",
                List.of("new_users", "active_users", "interactions", "opened_reports", "resolved_reports", "tag_uses", "instance_accounts"),
                "start_at", WEEK_AGO, "end_at", TODAY));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<String> keys = new ArrayList<>();
        r.json().forEach(n -> keys.add(n.get("key").asText()));
        // unknown keys and instance measures without their domain are left out, as on Mastodon
        assertThat(keys).containsExactly("new_users", "active_users", "interactions", "opened_reports", "resolved_reports");
        JsonNode users = byKey(r.json(), "new_users");
        assertThat(users.get("unit").isNull()).isTrue();
        assertThat(users.get("total").asText()).isEqualTo("4");
        assertThat(users.get("previous_total").asText()).isEqualTo("0");
        assertThat(users.get("data")).hasSize(7);
        assertThat(users.get("data").get(0).get("date").asText()).isEqualTo(WEEK_AGO + "T00:00:00Z");
        assertThat(users.get("data").get(6).get("date").asText()).isEqualTo(TODAY + "T00:00:00Z");
        assertThat(users.get("data").get(6).get("value").asText()).isEqualTo("4");
        assertThat(byKey(r.json(), "active_users").get("total").asText()).isEqualTo("2");
        // a favourite and a reply to alice's local post
        assertThat(byKey(r.json(), "interactions").get("total").asText()).isEqualTo("2");
        assertThat(byKey(r.json(), "opened_reports").get("total").asText()).isEqualTo("1");
        assertThat(byKey(r.json(), "resolved_reports").get("total").asText()).isEqualTo("0");

        var form = atoll.http().postForm("/api/v1/admin/measures", admin, Map.of("keys[]", "instance_accounts",
                "instance_accounts[domain]", "remote.example", "start_at", TODAY + "T00:00:00Z", "end_at", TODAY + "T00:00:00Z"));
        assertThat(form.status()).as(form.body()).isEqualTo(200);
        assertThat(form.json().get(0).get("key").asText()).isEqualTo("instance_accounts");
        assertThat(form.json().get(0).get("total").asText()).isEqualTo("0");
        assertThat(form.json().get(0).get("data")).hasSize(1);

        var missing = atoll.http().postJson("/api/v1/admin/measures", admin, Map.of("keys", List.of("new_users")));
        assertThat(missing.status()).isIn(400, 422);
    }

    @Test
    void dimensionsAndRetention() {
        var r = atoll.http().postJson("/api/v1/admin/dimensions", admin, Map.of("keys",
                List.of("languages", "sources", "servers", "software_versions", "space_usage"), "start_at", WEEK_AGO, "end_at", TODAY));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json()).hasSize(5);
        JsonNode software = byKey(r.json(), "software_versions").get("data");
        assertThat(byKey(software, "atoll").get("human_key").asText()).isEqualTo("Atoll");
        assertThat(byKey(software, "atoll").get("value").asText()).isNotBlank();
        JsonNode space = byKey(r.json(), "space_usage").get("data");
        assertThat(space.get(0).get("unit").asText()).isEqualTo("bytes");
        assertThat(Long.parseLong(space.get(0).get("value").asText())).isPositive();
        assertThat(space.get(0).get("human_value").asText()).matches("[0-9.]+ (Bytes|KB|MB|GB|TB)");
        assertThat(byKey(r.json(), "sources").get("data").get(0).get("key").asText()).isEqualTo("website");
        assertThat(byKey(r.json(), "languages").get("data")).isNotEmpty();
        assertThat(byKey(r.json(), "servers").get("data")).isEmpty();

        var ret = atoll.http().postJson("/api/v1/admin/retention", admin, Map.of("start_at", WEEK_AGO, "end_at", TODAY, "frequency", "day"));
        assertThat(ret.status()).as(ret.body()).isEqualTo(200);
        assertThat(ret.json()).hasSize(1);
        JsonNode cohort = ret.json().get(0);
        assertThat(cohort.get("period").asText()).isEqualTo(TODAY + "T00:00:00Z");
        assertThat(cohort.get("frequency").asText()).isEqualTo("day");
        assertThat(cohort.get("data").get(0).get("value").asText()).isEqualTo("4");
        assertThat(cohort.get("data").get(0).get("rate").asDouble()).isEqualTo(1.0);
    }

    @Test
    void refusedToAPlainUserAndWithoutTheScope() {
        for (String path : List.of("/api/v1/admin/measures", "/api/v1/admin/dimensions", "/api/v1/admin/retention")) {
            var r = atoll.http().postJson(path, plain, Map.of("keys", List.of("new_users"), "start_at", TODAY, "end_at", TODAY));
            assertThat(r.status()).as(path).isEqualTo(403);
            assertThat(r.json().get("error").asText()).isEqualTo("This action is not allowed");
            var noScope = atoll.http().postJson(path, readOnly, Map.of("start_at", TODAY, "end_at", TODAY));
            assertThat(noScope.status()).isEqualTo(403);
            assertThat(atoll.http().postJson(path, null, Map.of()).status()).isEqualTo(401);
        }
    }
}
