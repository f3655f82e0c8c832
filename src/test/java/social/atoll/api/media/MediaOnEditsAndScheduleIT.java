package social.atoll.api.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.core.status.ScheduledStatusService;
import social.atoll.testing.Await;
import social.atoll.testing.TestHttp;
import social.atoll.testing.TestInstance;

/** Media on status edits (replace, reorder, describe, history) and on scheduled statuses (reserved, then attached). */
class MediaOnEditsAndScheduleIT {

    private static TestInstance atoll;
    private static int users;

    @BeforeAll
    static void start() { atoll = TestInstance.start(); }

    @AfterAll
    static void stop() { atoll.close(); }

    private static String user() { return atoll.createUser("edit_media" + (++users)); }

    private static String upload(String token, int width) {
        TestHttp.Response r = new Multipart().file("file", "p.png", "image/png", TestImages.encode(TestImages.halves(width, 20), "png"))
                .send("POST", atoll.baseUrl() + "/api/v2/media", token, atoll.app().infra.json);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("id").asText();
    }

    private static List<String> mediaIds(JsonNode status) { return status.get("media_attachments").findValuesAsText("id"); }

    /** Makes uploads look two days old and runs the orphan sweep. */
    private static void sweepAsIfOld(String... ids) {
        for (String id : ids)
            atoll.app().infra.db.write(h -> h.createUpdate("UPDATE media_attachments SET created_at = :t WHERE id = :id")
                    .bind("t", Instant.now().minus(2, ChronoUnit.DAYS)).bind("id", Long.parseLong(id)).execute());
        atoll.app().core.mediaSweep.run();
    }

    private static long rows(String id) {
        return atoll.app().infra.db.read(h -> h.createQuery("SELECT COUNT(*) FROM media_attachments WHERE id = :id")
                .bind("id", Long.parseLong(id)).mapTo(Long.class).one());
    }

    @Test
    void anEditReplacesReordersAndDescribesTheMediaAndTheHistoryKeepsEachVersion() {
        String token = user();
        String a = upload(token, 21), b = upload(token, 22), c = upload(token, 23);
        JsonNode posted = atoll.http().postJson("/api/v1/statuses", token, Map.of("status", "album", "media_ids", List.of(a, b))).json();
        String id = posted.get("id").asText();

        Map<String, Object> edit = new LinkedHashMap<>();
        edit.put("status", "album, edited");
        edit.put("media_ids", List.of(c, b));
        edit.put("media_attributes", List.of(Map.of("id", c, "description", "a new picture", "focus", "0.5,-0.5")));
        TestHttp.Response edited = atoll.http().putJson("/api/v1/statuses/" + id, token, edit);
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(mediaIds(edited.json())).containsExactly(c, b);
        assertThat(edited.json().at("/media_attachments/0/description").asText()).isEqualTo("a new picture");
        assertThat(edited.json().at("/media_attachments/0/meta/focus/x").asDouble()).isEqualTo(0.5);
        assertThat(mediaIds(atoll.http().get("/api/v1/statuses/" + id, null).json())).containsExactly(c, b);

        // the removed picture stays for the history: the orphan sweep spares it
        sweepAsIfOld(a);
        JsonNode history = atoll.http().get("/api/v1/statuses/" + id + "/history", null).json();
        assertThat(history).hasSize(2);
        assertThat(mediaIds(history.get(0))).containsExactly(a, b);
        assertThat(mediaIds(history.get(1))).containsExactly(c, b);
        assertThat(history.get(0).at("/media_attachments/0/url").asText()).isNotEmpty();

        // only a description changed: still a new version
        Map<String, Object> describe = new LinkedHashMap<>(edit);
        describe.put("media_attributes", List.of(Map.of("id", b, "description", "described later")));
        JsonNode described = atoll.http().putJson("/api/v1/statuses/" + id, token, describe).json();
        assertThat(described.at("/media_attachments/1/description").asText()).isEqualTo("described later");
        assertThat(atoll.http().get("/api/v1/statuses/" + id + "/history", null).json()).hasSize(3);

        // a picture edited out may come back; only pictures and no text is allowed, as when posting
        JsonNode back = atoll.http().putJson("/api/v1/statuses/" + id, token, Map.of("status", "", "media_ids", List.of(a))).json();
        assertThat(mediaIds(back)).containsExactly(a);
        // as in Mastodon, an edit without media_ids leaves no media
        JsonNode none = atoll.http().putJson("/api/v1/statuses/" + id, token, Map.of("status", "just text")).json();
        assertThat(none.get("media_attachments")).isEmpty();
        assertThat(rows(a) + rows(b) + rows(c)).isEqualTo(3);
    }

    @Test
    void anEditTakesOnlyOwnFreeProcessedMediaWithinTheLimits() {
        String token = user();
        String other = user();
        String mine = upload(token, 30);
        String id = atoll.http().postJson("/api/v1/statuses", token, Map.of("status", "one", "media_ids", List.of(mine))).json()
                .get("id").asText();
        String theirs = upload(other, 31);
        String elsewhere = upload(token, 32);
        atoll.http().postJson("/api/v1/statuses", token, Map.of("status", "two", "media_ids", List.of(elsewhere)));
        List<String> five = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) five.add(upload(token, 40 + i));

        TestHttp.Response stolen = atoll.http().putJson("/api/v1/statuses/" + id, token, Map.of("status", "x", "media_ids", List.of(theirs)));
        assertThat(stolen.status()).isEqualTo(422);
        assertThat(stolen.json().get("error").asText()).contains(theirs).contains("not found");
        assertThat(atoll.http().putJson("/api/v1/statuses/" + id, token, Map.of("status", "x", "media_ids", List.of(elsewhere))).status())
                .isEqualTo(422);
        TestHttp.Response tooMany = atoll.http().putJson("/api/v1/statuses/" + id, token, Map.of("status", "x", "media_ids", five));
        assertThat(tooMany.json().get("error").asText()).isEqualTo("Validation failed: Cannot attach more than 4 files");
        TestHttp.Response withPoll = atoll.http().putJson("/api/v1/statuses/" + id, token, Map.of("status", "x", "media_ids", List.of(mine),
                "poll", Map.of("options", List.of("a", "b"), "expires_in", 3600)));
        assertThat(withPoll.status()).isEqualTo(422);
        // a refused edit changes nothing
        JsonNode still = atoll.http().get("/api/v1/statuses/" + id, token).json();
        assertThat(mediaIds(still)).containsExactly(mine);
        assertThat(still.get("content").asText()).contains("one");
        assertThat(atoll.http().get("/api/v1/statuses/" + id + "/history", token).json()).hasSize(1);
    }

    @Test
    void aScheduledStatusKeepsItsMediaAndPostsThemWhenItIsPublished() {
        String token = user();
        String a = upload(token, 50), b = upload(token, 51), c = upload(token, 52);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "");
        body.put("media_ids", List.of(b, a));
        body.put("scheduled_at", Instant.now().plus(2, ChronoUnit.HOURS).toString());
        TestHttp.Response scheduled = atoll.http().postJson("/api/v1/statuses", token, body);
        assertThat(scheduled.status()).as(scheduled.body()).isEqualTo(200);
        long sid = scheduled.json().get("id").asLong();
        assertThat(scheduled.json().get("params").get("media_ids").get(0).asText()).isEqualTo(b);
        assertThat(mediaIds(scheduled.json())).containsExactly(b, a);
        JsonNode listed = atoll.http().get("/api/v1/scheduled_statuses", token).json();
        assertThat(mediaIds(listed.get(0))).containsExactly(b, a);

        // reserved: no other post may take them, and the orphan sweep spares them
        TestHttp.Response taken = atoll.http().postJson("/api/v1/statuses", token, Map.of("status", "mine", "media_ids", List.of(a)));
        assertThat(taken.status()).isEqualTo(422);
        sweepAsIfOld(a, b);
        assertThat(rows(a) + rows(b)).isEqualTo(2);
        assertThat(atoll.http().delete("/api/v1/media/" + a, token).status()).isEqualTo(422);

        Instant due = Instant.now().minusSeconds(1);
        atoll.app().infra.db.write(h -> {
            h.createUpdate("UPDATE scheduled_statuses SET scheduled_at = :t WHERE id = :id").bind("t", due).bind("id", sid).execute();
            return atoll.app().infra.jobs.enqueue(ScheduledStatusService.PUBLISH, sid + ":due", new ScheduledStatusService.Publish(sid, due.toEpochMilli()));
        });
        String accountId = atoll.http().get("/api/v1/accounts/verify_credentials", token).json().get("id").asText();
        Await.until("the scheduled status is posted", () -> atoll.http().get("/api/v1/accounts/" + accountId + "/statuses", token).json().size() == 1);
        JsonNode posted = atoll.http().get("/api/v1/accounts/" + accountId + "/statuses", token).json().get(0);
        assertThat(mediaIds(posted)).containsExactly(b, a);
        long reserved = atoll.app().infra.db.read(h -> h.createQuery("SELECT COUNT(*) FROM media_attachments WHERE scheduled_status_id IS NOT NULL")
                .mapTo(Long.class).one());
        assertThat(reserved).isZero();

        // cancelling a scheduled status frees its media for another post
        body.put("media_ids", List.of(c));
        String other = atoll.http().postJson("/api/v1/statuses", token, body).json().get("id").asText();
        assertThat(atoll.http().delete("/api/v1/scheduled_statuses/" + other, token).status()).isEqualTo(200);
        TestHttp.Response free = atoll.http().postJson("/api/v1/statuses", token, Map.of("status", "now", "media_ids", List.of(c)));
        assertThat(free.status()).as(free.body()).isEqualTo(200);
        assertThat(mediaIds(free.json())).containsExactly(c);
    }
}
