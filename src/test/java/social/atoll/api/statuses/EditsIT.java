package social.atoll.api.statuses;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.api.statuses.Fixtures.User;
import social.atoll.testing.TestHttp;
import social.atoll.testing.TestInstance;

class EditsIT {

    private static TestInstance atoll;
    private static Fixtures f;

    @BeforeAll
    static void start() {
        atoll = TestInstance.start();
        f = new Fixtures(atoll);
    }

    @AfterAll
    static void stop() { atoll.close(); }

    private static TestHttp.Response edit(String id, String token, Map<String, Object> body) {
        return atoll.http().putJson("/api/v1/statuses/" + id, token, body);
    }

    @Test
    void editsKeepAHistoryOldestFirstAndRederiveMentionsAndTags() {
        User alice = f.user("edit_alice");
        User bob = f.user("edit_bob");
        User carol = f.user("edit_carol");
        JsonNode original = f.post(alice, "first words #before @edit_bob", "public");
        String id = original.get("id").asText();
        assertThat(original.get("edited_at").isNull()).isTrue();

        // never edited: the history is the status itself
        JsonNode single = atoll.http().get("/api/v1/statuses/" + id + "/history").json();
        assertThat(single).hasSize(1);
        assertThat(single.get(0).get("content").asText()).contains("first words");

        TestHttp.Response r = edit(id, alice.token(), Map.of("status", "second words #after @edit_carol", "spoiler_text", "cw"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode edited = r.json();
        assertThat(edited.get("id").asText()).isEqualTo(id);
        assertThat(edited.get("edited_at").isNull()).isFalse();
        assertThat(edited.get("content").asText()).contains("second words");
        assertThat(edited.get("spoiler_text").asText()).isEqualTo("cw");
        assertThat(edited.get("sensitive").asBoolean()).isTrue();
        assertThat(edited.get("mentions")).hasSize(1);
        assertThat(edited.get("mentions").get(0).get("id").asText()).isEqualTo(carol.idString());
        assertThat(edited.get("tags").get(0).get("name").asText()).isEqualTo("after");

        edit(id, alice.token(), Map.of("status", "third words"));
        JsonNode history = atoll.http().get("/api/v1/statuses/" + id + "/history", bob.token()).json();
        assertThat(history).hasSize(3);
        assertThat(history.get(0).get("content").asText()).contains("first words");
        assertThat(history.get(0).get("created_at").asText()).isEqualTo(original.get("created_at").asText());
        assertThat(history.get(1).get("content").asText()).contains("second words");
        assertThat(history.get(1).get("spoiler_text").asText()).isEqualTo("cw");
        assertThat(history.get(2).get("content").asText()).contains("third words");
        assertThat(history.get(2).get("account").get("id").asText()).isEqualTo(alice.idString());
        assertThat(history.get(2).get("media_attachments").isArray()).isTrue();
        assertThat(history.get(2).has("poll")).isFalse();

        JsonNode source = atoll.http().get("/api/v1/statuses/" + id + "/source", alice.token()).json();
        assertThat(source.get("id").asText()).isEqualTo(id);
        assertThat(source.get("text").asText()).isEqualTo("third words");
        assertThat(source.get("spoiler_text").asText()).isEmpty();

        // an edit that changes nothing records nothing
        edit(id, alice.token(), Map.of("status", "third words"));
        assertThat(atoll.http().get("/api/v1/statuses/" + id + "/history").json()).hasSize(3);
        assertThat(f.count("SELECT COUNT(*) FROM status_tags WHERE status_id = " + id)).isZero();
    }

    @Test
    void onlyTheAuthorEditsAndInvisibleStatusesAreNotFound() {
        User alice = f.user("edit_owner");
        User bob = f.user("edit_other");
        String id = f.post(alice, "mine", "public").get("id").asText();
        assertThat(edit(id, bob.token(), Map.of("status", "hijacked")).status()).isEqualTo(404);
        assertThat(edit(id, atoll.token(alice.id(), "read"), Map.of("status", "no scope")).status()).isEqualTo(403);
        assertThat(edit(id, alice.token(), Map.of("status", " ")).json().get("error").asText())
                .isEqualTo("Validation failed: Text can't be blank");
        assertThat(edit("999999999", alice.token(), Map.of("status", "x")).status()).isEqualTo(404);

        String priv = f.post(alice, "followers only", "private").get("id").asText();
        assertThat(atoll.http().get("/api/v1/statuses/" + priv + "/history", bob.token()).status()).isEqualTo(404);
        assertThat(atoll.http().get("/api/v1/statuses/" + priv + "/source", bob.token()).status()).isEqualTo(404);
        assertThat(atoll.http().get("/api/v1/statuses/" + priv + "/source").status()).isEqualTo(404);
    }

    @Test
    void boostersAreNotifiedOfEditsAndPollsCanBeChanged() {
        User alice = f.user("edit_poll_alice");
        User bob = f.user("edit_poll_bob");
        User carol = f.user("edit_poll_carol");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "vote");
        body.put("poll", Map.of("options", List.of("a", "b"), "expires_in", 600));
        JsonNode status = f.post(alice, body);
        String id = status.get("id").asText();
        String pollId = status.get("poll").get("id").asText();
        atoll.http().postJson("/api/v1/polls/" + pollId + "/votes", carol.token(), Map.of("choices", List.of(0)));
        atoll.http().postJson("/api/v1/statuses/" + id + "/reblog", bob.token(), null);

        JsonNode edited = edit(id, alice.token(), Map.of("status", "vote again",
                "poll", Map.of("options", List.of("a", "b", "c"), "expires_in", 600))).json();
        assertThat(edited.get("poll").get("options")).hasSize(3);
        assertThat(edited.get("poll").get("votes_count").asInt()).as("new options void the votes").isZero();

        JsonNode bobs = atoll.http().get("/api/v1/notifications?types[]=update", bob.token()).json();
        assertThat(bobs).hasSize(1);
        assertThat(bobs.get(0).get("status").get("id").asText()).isEqualTo(id);
        assertThat(atoll.http().get("/api/v1/notifications?types[]=update", carol.token()).json()).isEmpty();

        JsonNode history = atoll.http().get("/api/v1/statuses/" + id + "/history").json();
        assertThat(history).hasSize(2);
        assertThat(history.get(0).get("poll").get("options")).hasSize(2);
        assertThat(history.get(1).get("poll").get("options")).hasSize(3);

        // an edit without a poll removes it
        JsonNode noPoll = edit(id, alice.token(), Map.of("status", "no more vote")).json();
        assertThat(noPoll.get("poll").isNull()).isTrue();
        assertThat(f.count("SELECT COUNT(*) FROM polls WHERE status_id = " + id)).isZero();
    }
}
