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
import social.atoll.core.account.NewLocalAccount;
import social.atoll.core.account.User;
import social.atoll.testing.TestInstance;

/** {@code admin.sign_up} and {@code admin.report}: told to staff (moderator, admin, owner), never to others or the actor. */
class AdminNotificationsIT {

    private static TestInstance atoll;
    private static Fixtures f;

    @BeforeAll
    static void start() {
        atoll = TestInstance.start();
        f = new Fixtures(atoll);
    }

    @AfterAll
    static void stop() { atoll.close(); }

    private static Fixtures.User staff(String name, User.Role role) {
        User u = atoll.app().core.accountService.createLocal(new NewLocalAccount(name, name + "@example.test", "password-" + name,
                role, true, true, "en", null, null), true);
        return new Fixtures.User(name, u.accountId(), atoll.token(u.accountId(), "read write"));
    }

    private static JsonNode list(Fixtures.User u, String query) {
        var r = atoll.http().get("/api/v1/notifications" + query, u.token());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static List<String> actors(JsonNode notifications) {
        List<String> out = new ArrayList<>();
        notifications.forEach(n -> out.add(n.get("account").get("id").asText()));
        return out;
    }

    private static List<String> types(JsonNode notifications) {
        List<String> out = new ArrayList<>();
        notifications.forEach(n -> out.add(n.get("type").asText()));
        return out;
    }

    @Test
    void staffAreToldOfSignUpsOthersAreNot() {
        Fixtures.User admin = staff("adn_admin", User.Role.ADMIN);
        Fixtures.User plain = f.user("adn_plain");
        Fixtures.User newcomer = f.user("adn_newcomer");

        JsonNode signUps = list(admin, "?types[]=admin.sign_up");
        assertThat(actors(signUps)).contains(plain.idString(), newcomer.idString()).doesNotContain(admin.idString());
        JsonNode first = signUps.get(0);
        assertThat(first.get("type").asText()).isEqualTo("admin.sign_up");
        assertThat(first.get("account").get("id").asText()).isEqualTo(newcomer.idString());
        assertThat(first.has("status")).isFalse();
        assertThat(first.has("report")).isFalse();
        assertThat(types(list(admin, "?exclude_types[]=admin.sign_up"))).doesNotContain("admin.sign_up");

        assertThat(types(list(plain, ""))).doesNotContain("admin.sign_up", "admin.report");
    }

    @Test
    void staffAreToldOfReportsButNotTheReporterThemselves() {
        Fixtures.User admin = staff("adr_admin", User.Role.ADMIN);
        Fixtures.User moderator = staff("adr_mod", User.Role.MODERATOR);
        Fixtures.User reporter = f.user("adr_reporter");
        Fixtures.User target = f.user("adr_target");
        String spam = f.post(target, "buy now", "public").get("id").asText();

        var r = atoll.http().postJson("/api/v1/reports", reporter.token(), Map.of("account_id", target.idString(),
                "status_ids", List.of(spam), "comment", "spam!", "category", "spam"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        String reportId = r.json().get("id").asText();

        for (Fixtures.User staff : List.of(admin, moderator)) {
            JsonNode reports = list(staff, "?types[]=admin.report");
            assertThat(reports).hasSize(1);
            JsonNode n = reports.get(0);
            assertThat(n.get("type").asText()).isEqualTo("admin.report");
            assertThat(n.get("account").get("id").asText()).isEqualTo(reporter.idString());
            assertThat(n.has("status")).isFalse();
            JsonNode report = n.get("report");
            assertThat(report.get("id").asText()).isEqualTo(reportId);
            assertThat(report.get("target_account").get("id").asText()).isEqualTo(target.idString());
            assertThat(report.get("category").asText()).isEqualTo("spam");
            assertThat(report.get("comment").asText()).isEqualTo("spam!");
            assertThat(report.get("status_ids").get(0).asText()).isEqualTo(spam);
            assertThat(report.get("action_taken").asBoolean()).isFalse();
            assertThat(report.get("rule_ids").isNull()).isTrue();
        }
        assertThat(types(list(reporter, ""))).doesNotContain("admin.report", "admin.sign_up");
        assertThat(types(list(target, ""))).doesNotContain("admin.report", "admin.sign_up");

        // the same reporter again: a second report is a second notification
        assertThat(atoll.http().postJson("/api/v1/reports", reporter.token(), Map.of("account_id", target.idString())).status())
                .isEqualTo(200);
        assertThat(list(admin, "?types[]=admin.report")).hasSize(2);

        // a moderator's own report tells the other staff, not the moderator
        var own = atoll.http().postJson("/api/v1/reports", moderator.token(), Map.of("account_id", target.idString()));
        assertThat(own.status()).as(own.body()).isEqualTo(200);
        assertThat(list(admin, "?types[]=admin.report").get(0).get("report").get("id").asText()).isEqualTo(own.json().get("id").asText());
        assertThat(actors(list(moderator, "?types[]=admin.report"))).containsExactly(reporter.idString(), reporter.idString());
    }
}
