package social.atoll.api.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.api.statuses.Fixtures;
import social.atoll.core.account.NewLocalAccount;
import social.atoll.core.account.User;
import social.atoll.testing.Await;
import social.atoll.testing.TestInstance;

/** A page of 20 admin accounts or reports costs the statements a page of 5 costs: no query per row. */
class AdminQueryCountIT {

    private record Unit(String name, int statements) {}

    private static final List<Unit> units = new CopyOnWriteArrayList<>();
    private static TestInstance atoll;
    private static Fixtures f;
    private static String admin;

    @BeforeAll
    static void start() {
        atoll = TestInstance.start();
        f = new Fixtures(atoll);
        User u = atoll.app().core.accountService.createLocal(new NewLocalAccount("aq_admin", "aq_admin@example.test", "password-admin",
                User.Role.ADMIN, true, true, "en", null, null), true);
        admin = atoll.token(u.accountId(), "admin:read admin:write");
        atoll.app().infra.db.statements().listen((unit, n) -> units.add(new Unit(unit, n)));
    }

    @AfterAll
    static void stop() { atoll.close(); }

    private static int statements(String route, String path) {
        units.clear();
        var r = atoll.http().get(path, admin);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        Await.until(route + " is counted", () -> units.stream().anyMatch(u -> u.name().equals("GET " + route)));
        int n = units.stream().filter(u -> u.name().equals("GET " + route)).findFirst().orElseThrow().statements();
        System.out.printf("statements: %-40s %d%n", path, n);
        return n;
    }

    @Test
    void pagesCostTheSameWhateverTheirSize() {
        Fixtures.User reporter = f.user("aq_reporter");
        for (int i = 0; i < 20; i++) {
            Fixtures.User t = f.user("aq_target" + i);
            String s = f.post(t, "post " + i, "public").get("id").asText();
            atoll.http().postJson("/api/v1/reports", reporter.token(), Map.of("account_id", t.idString(), "status_ids", List.of(s)));
        }
        // a token's first use stamps its last_used_at (at most hourly): not part of what a page costs
        atoll.http().get("/api/v1/admin/accounts?limit=1", admin);
        int five = statements("/api/v1/admin/accounts", "/api/v1/admin/accounts?local=true&limit=5");
        int twenty = statements("/api/v1/admin/accounts", "/api/v1/admin/accounts?local=true&limit=20");
        assertThat(twenty).isEqualTo(five);
        int fiveReports = statements("/api/v1/admin/reports", "/api/v1/admin/reports?limit=5");
        int twentyReports = statements("/api/v1/admin/reports", "/api/v1/admin/reports?limit=20");
        assertThat(twentyReports).isEqualTo(fiveReports);
    }
}
