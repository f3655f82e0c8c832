package social.atoll.api.statuses;

import static org.assertj.core.api.Assertions.assertThat;
import static social.atoll.api.statuses.Fixtures.ids;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.api.statuses.Fixtures.User;
import social.atoll.core.status.ScheduledStatusService;
import social.atoll.testing.Await;
import social.atoll.testing.TestHttp;
import social.atoll.testing.TestInstance;

class ScheduledStatusesIT {

    private static TestInstance atoll;
    private static Fixtures f;

    @BeforeAll
    static void start() {
        atoll = TestInstance.start();
        f = new Fixtures(atoll);
    }

    @AfterAll
    static void stop() { atoll.close(); }

    private static TestHttp.Response schedule(User u, String text, Instant at) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", text);
        body.put("scheduled_at", at.toString());
        return atoll.http().postJson("/api/v1/statuses", u.token(), body);
    }

    @Test
    void scheduleListMoveAndCancel() {
        User alice = f.user("sched_alice");
        User bob = f.user("sched_bob");
        Instant at = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        TestHttp.Response r = schedule(alice, "later", at);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode s = r.json();
        assertThat(Instant.parse(s.get("scheduled_at").asText())).isEqualTo(at);
        assertThat(s.get("params").get("text").asText()).isEqualTo("later");
        assertThat(s.get("params").get("visibility").asText()).isEqualTo("public");
        assertThat(s.get("params").get("scheduled_at").isNull()).isTrue();
        assertThat(s.get("media_attachments")).isEmpty();
        assertThat(f.count("SELECT COUNT(*) FROM statuses WHERE account_id = " + alice.id())).isZero();

        String second = schedule(alice, "later still", at.plusSeconds(60)).json().get("id").asText();
        String third = schedule(alice, "even later", at.plusSeconds(120)).json().get("id").asText();
        TestHttp.Response page = atoll.http().get("/api/v1/scheduled_statuses?limit=2", alice.token());
        assertThat(ids(page.json())).containsExactly(third, second);
        String link = page.header("Link");
        String next = link.substring(1, link.indexOf('>'));
        assertThat(ids(atoll.http().get(next, alice.token()).json())).containsExactly(s.get("id").asText());
        String prevUrl = atoll.baseUrl() + "/api/v1/scheduled_statuses?limit=2&min_id=" + s.get("id").asText();
        assertThat(ids(atoll.http().get(prevUrl, alice.token()).json())).containsExactly(third, second);

        String id = s.get("id").asText();
        assertThat(atoll.http().get("/api/v1/scheduled_statuses/" + id, alice.token()).json().get("id").asText()).isEqualTo(id);
        assertThat(atoll.http().get("/api/v1/scheduled_statuses/" + id, bob.token()).status()).isEqualTo(404);
        assertThat(atoll.http().get("/api/v1/scheduled_statuses", bob.token()).json()).isEmpty();

        Instant moved = at.plus(1, ChronoUnit.DAYS);
        JsonNode put = atoll.http().putJson("/api/v1/scheduled_statuses/" + id, alice.token(), Map.of("scheduled_at", moved.toString())).json();
        assertThat(Instant.parse(put.get("scheduled_at").asText())).isEqualTo(moved);
        TestHttp.Response tooSoon = atoll.http().putJson("/api/v1/scheduled_statuses/" + id, alice.token(),
                Map.of("scheduled_at", Instant.now().plusSeconds(60).toString()));
        assertThat(tooSoon.status()).isEqualTo(422);
        assertThat(tooSoon.json().get("error").asText()).isEqualTo("Validation failed: Scheduled at The scheduled date must be in the future");
        assertThat(atoll.http().putJson("/api/v1/scheduled_statuses/" + id, bob.token(), Map.of("scheduled_at", moved.toString())).status()).isEqualTo(404);

        assertThat(atoll.http().delete("/api/v1/scheduled_statuses/" + id, bob.token()).status()).isEqualTo(404);
        TestHttp.Response deleted = atoll.http().delete("/api/v1/scheduled_statuses/" + id, alice.token());
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.body()).isEqualTo("{}");
        assertThat(atoll.http().get("/api/v1/scheduled_statuses/" + id, alice.token()).status()).isEqualTo(404);

        String readOnly = atoll.token(alice.id(), "read:accounts");
        assertThat(atoll.http().get("/api/v1/scheduled_statuses", readOnly).status()).isEqualTo(403);
    }

    @Test
    void tooSoonAndPastTimesAreRefused() {
        User alice = f.user("soon_alice");
        TestHttp.Response soon = schedule(alice, "too soon", Instant.now().plusSeconds(120));
        assertThat(soon.status()).isEqualTo(422);
        assertThat(soon.json().get("error").asText()).isEqualTo("Validation failed: Scheduled at The scheduled date must be in the future");
        long before = f.count("SELECT COUNT(*) FROM statuses");
        TestHttp.Response past = schedule(alice, "right away", Instant.now().minusSeconds(60));
        assertThat(past.status()).isEqualTo(422);
        assertThat(past.json().get("error").asText()).isEqualTo("Validation failed: Scheduled at The scheduled date must be in the future");
        assertThat(schedule(alice, "long ago", Instant.parse("2001-01-01T00:00:00Z")).status()).isEqualTo(422);
        assertThat(f.count("SELECT COUNT(*) FROM statuses")).isEqualTo(before);
        assertThat(f.count("SELECT COUNT(*) FROM scheduled_statuses WHERE account_id = " + alice.id())).isZero();
        assertThat(schedule(alice, " ", Instant.now().plusSeconds(3600)).status()).isEqualTo(422);
    }

    @Test
    void atMost25ScheduledStatusesADay() {
        User alice = f.user("daily_alice");
        Instant noon = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS).plus(12, ChronoUnit.HOURS);
        for (int i = 0; i < ScheduledStatusService.DAILY_LIMIT; i++) {
            assertThat(schedule(alice, "n" + i, noon.plusSeconds(i)).status()).isEqualTo(200);
        }
        TestHttp.Response over = schedule(alice, "one too many", noon.plusSeconds(3600));
        assertThat(over.status()).isEqualTo(422);
        assertThat(over.json().get("error").asText()).isEqualTo("Validation failed: You have exceeded the limit of 25 scheduled posts for today");
        assertThat(schedule(alice, "the next day is fine", noon.plus(1, ChronoUnit.DAYS)).status()).isEqualTo(200);
        // moving one within its own day is fine, moving another into the full day is not
        String first = atoll.http().get("/api/v1/scheduled_statuses?limit=40", alice.token()).json().get(1).get("id").asText();
        assertThat(atoll.http().putJson("/api/v1/scheduled_statuses/" + first, alice.token(), Map.of("scheduled_at", noon.plusSeconds(7200).toString())).status())
                .isEqualTo(200);
        String nextDay = atoll.http().get("/api/v1/scheduled_statuses?limit=1", alice.token()).json().get(0).get("id").asText();
        assertThat(atoll.http().putJson("/api/v1/scheduled_statuses/" + nextDay, alice.token(), Map.of("scheduled_at", noon.toString())).status())
                .isEqualTo(422);
    }

    @Test
    void theJobPublishesAtTheTimeWithItsPoll() {
        User alice = f.user("pub_alice");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "scheduled poll");
        body.put("visibility", "unlisted");
        body.put("scheduled_at", Instant.now().plus(2, ChronoUnit.HOURS).toString());
        body.put("poll", Map.of("options", List.of("x", "y"), "expires_in", 900));
        JsonNode s = atoll.http().postJson("/api/v1/statuses", alice.token(), body).json();
        long id = s.get("id").asLong();
        assertThat(s.get("params").get("poll").get("options")).hasSize(2);

        // the publication time comes: the row is due and its job runs
        Instant due = Instant.now().minusSeconds(1);
        atoll.app().infra.db.write(h -> {
            h.createUpdate("UPDATE scheduled_statuses SET scheduled_at = :t WHERE id = :id").bind("t", due).bind("id", id).execute();
            return atoll.app().infra.jobs.enqueue(ScheduledStatusService.PUBLISH, id + ":due", new ScheduledStatusService.Publish(id, due.toEpochMilli()));
        });
        Await.until("the scheduled status is posted", () -> f.count("SELECT COUNT(*) FROM statuses WHERE account_id = " + alice.id()) == 1);
        assertThat(f.count("SELECT COUNT(*) FROM scheduled_statuses WHERE id = " + id)).isZero();
        JsonNode posted = atoll.http().get("/api/v1/accounts/" + alice.idString() + "/statuses", alice.token()).json().get(0);
        assertThat(posted.get("content").asText()).contains("scheduled poll");
        assertThat(posted.get("visibility").asText()).isEqualTo("unlisted");
        assertThat(posted.get("poll").get("options")).hasSize(2);
    }
}
