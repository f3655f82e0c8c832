package social.atoll.api.statuses;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.api.statuses.Fixtures.User;
import social.atoll.testing.TestInstance;

/** The checks of what a status may hold, through the API (issue 17): adversarial text is refused, nothing stored. */
class StatusInputChecksIT {

    private static TestInstance atoll;
    private static Fixtures f;

    @BeforeAll
    static void start() {
        atoll = TestInstance.start();
        f = new Fixtures(atoll);
    }

    @AfterAll
    static void stop() { atoll.close(); }

    private static TestHttpResponse post(User u, Map<String, ?> body) {
        var r = atoll.http().postJson("/api/v1/statuses", u.token(), body);
        return new TestHttpResponse(r.status(), r.json() == null || r.json().get("error") == null ? null : r.json().get("error").asText());
    }

    record TestHttpResponse(int status, String error) {}

    @Test
    void adversarialTextIsRefusedAndNothingIsStored() {
        User u = f.user("adv_author");
        long before = f.count("SELECT COUNT(*) FROM statuses");
        String limit = "Validation failed: Text character limit of " + atoll.settings().maxStatusChars() + " exceeded";
        for (String text : new String[] {
                "http://" + "a.".repeat(2000),
                "#a http://" + "a.".repeat(4000),
                "@a@" + "b.".repeat(50_000) + "-",
                "👩\u200d".repeat(30_000),
                "https://example.com/" + "x".repeat(20_000)}) {
            var r = post(u, Map.of("status", text));
            assertThat(r.status()).as(text.substring(0, 12)).isEqualTo(422);
            assertThat(r.error()).isEqualTo(limit);
        }
        assertThat(f.count("SELECT COUNT(*) FROM statuses")).isEqualTo(before);
        // what these shapes are short of still posts
        assertThat(post(u, Map.of("status", "@a@" + "b.".repeat(20) + "example and 👩\u200d👩\u200d👧")).status()).isEqualTo(200);
    }

    @Test
    void aVisibilityOfTheWrongTypeIsRefusedNotTakenAsPublic() {
        User u = f.user("vis_typed");
        long before = f.count("SELECT COUNT(*) FROM statuses");
        for (Object visibility : new Object[] {List.of("direct"), Map.of("direct", true), 5, true, List.of()}) {
            var r = post(u, Map.of("status", "where does this go?", "visibility", visibility));
            assertThat(r.status()).as(String.valueOf(visibility)).isEqualTo(422);
            assertThat(r.error()).isEqualTo("Validation failed: Visibility is not included in the list");
        }
        var form = atoll.http().send("POST", "/api/v1/statuses", u.token(), "status=x&visibility[]=direct",
                "application/x-www-form-urlencoded");
        assertThat(form.status()).isEqualTo(422);
        assertThat(f.count("SELECT COUNT(*) FROM statuses")).isEqualTo(before);
        var ok = atoll.http().postJson("/api/v1/statuses", u.token(), Map.of("status", "to me", "visibility", "direct"));
        assertThat(ok.json().get("visibility").asText()).isEqualTo("direct");
    }
}
