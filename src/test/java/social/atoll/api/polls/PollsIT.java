package social.atoll.api.polls;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.api.statuses.Fixtures;
import social.atoll.api.statuses.Fixtures.User;
import social.atoll.core.poll.PollService;
import social.atoll.testing.Await;
import social.atoll.testing.TestHttp;
import social.atoll.testing.TestInstance;

class PollsIT {

    private static TestInstance atoll;
    private static Fixtures f;

    @BeforeAll
    static void start() {
        atoll = TestInstance.start();
        f = new Fixtures(atoll);
    }

    @AfterAll
    static void stop() { atoll.close(); }

    private static Map<String, Object> pollPost(String text, List<String> options, Object expiresIn, boolean multiple, boolean hideTotals) {
        Map<String, Object> poll = new LinkedHashMap<>();
        poll.put("options", options);
        poll.put("expires_in", expiresIn);
        poll.put("multiple", multiple);
        poll.put("hide_totals", hideTotals);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", text);
        body.put("poll", poll);
        return body;
    }

    private static TestHttp.Response vote(String pollId, String token, Object choices) {
        return atoll.http().postJson("/api/v1/polls/" + pollId + "/votes", token, Map.of("choices", choices));
    }

    @Test
    void postAPollVoteAndSeeTheCounts() {
        User alice = f.user("poll_alice");
        User bob = f.user("poll_bob");
        User carol = f.user("poll_carol");
        JsonNode status = f.post(alice, pollPost("Tea or coffee?", List.of("tea", "coffee"), 3600, false, false));
        JsonNode poll = status.get("poll");
        assertThat(poll.get("options")).hasSize(2);
        assertThat(poll.get("options").get(0).get("title").asText()).isEqualTo("tea");
        assertThat(poll.get("options").get(0).get("votes_count").asInt()).isZero();
        assertThat(poll.get("expired").asBoolean()).isFalse();
        assertThat(poll.get("multiple").asBoolean()).isFalse();
        assertThat(poll.get("voters_count").isNull()).isTrue();
        assertThat(poll.get("emojis").isArray()).isTrue();
        assertThat(poll.get("voted").asBoolean()).as("the author counts as having voted").isTrue();
        assertThat(Instant.parse(poll.get("expires_at").asText())).isAfter(Instant.now().plusSeconds(3500));
        String pollId = poll.get("id").asText();

        var voted = vote(pollId, bob.token(), List.of(1));
        assertThat(voted.status()).as(voted.body()).isEqualTo(200);
        assertThat(voted.json().get("voted").asBoolean()).isTrue();
        assertThat(voted.json().get("own_votes").get(0).asInt()).isEqualTo(1);
        assertThat(voted.json().get("votes_count").asInt()).isEqualTo(1);
        assertThat(voted.json().get("options").get(1).get("votes_count").asInt()).isEqualTo(1);

        // once only, not on one's own poll, only existing options (form encoding, as Tusky sends it)
        var again = atoll.http().send("POST", "/api/v1/polls/" + pollId + "/votes", bob.token(), "choices[]=0", "application/x-www-form-urlencoded");
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.json().get("error").asText()).isEqualTo("Validation failed: You have already voted on this poll");
        assertThat(vote(pollId, alice.token(), List.of(0)).json().get("error").asText())
                .isEqualTo("Validation failed: You cannot vote in your own polls");
        assertThat(vote(pollId, carol.token(), List.of(7)).json().get("error").asText())
                .isEqualTo("Validation failed: The chosen vote option does not exist");
        assertThat(vote(pollId, carol.token(), List.of(0, 1)).status()).isEqualTo(422);
        assertThat(atoll.http().postJson("/api/v1/polls/" + pollId + "/votes", carol.token(), Map.of()).status()).isEqualTo(400);

        // GET as each viewer; anonymous has no voted/own_votes
        JsonNode asCarol = atoll.http().get("/api/v1/polls/" + pollId, carol.token()).json();
        assertThat(asCarol.get("voted").asBoolean()).isFalse();
        assertThat(asCarol.get("own_votes")).isEmpty();
        JsonNode anonymous = atoll.http().get("/api/v1/polls/" + pollId).json();
        assertThat(anonymous.has("voted")).isFalse();
        assertThat(anonymous.has("own_votes")).isFalse();
        assertThat(atoll.http().get("/api/v1/statuses/" + status.get("id").asText(), bob.token()).json()
                .get("poll").get("own_votes").get(0).asInt()).isEqualTo(1);

        // wrong scope, unknown poll
        String readOnly = atoll.token(carol.id(), "read");
        assertThat(vote(pollId, readOnly, List.of(0)).status()).isEqualTo(403);
        assertThat(atoll.http().get("/api/v1/polls/123456789").status()).isEqualTo(404);
    }

    @Test
    void multipleChoiceCountsVotersAndHiddenTotalsStayHidden() {
        User alice = f.user("multi_alice");
        User bob = f.user("multi_bob");
        JsonNode status = f.post(alice, pollPost("Which?", List.of("a", "b", "c"), "600", true, true));
        String pollId = status.get("poll").get("id").asText();
        assertThat(status.get("poll").get("voters_count").asInt()).isZero();
        JsonNode after = vote(pollId, bob.token(), List.of("0", "2")).json();
        assertThat(after.get("votes_count").asInt()).isEqualTo(2);
        assertThat(after.get("voters_count").asInt()).isEqualTo(1);
        assertThat(after.get("own_votes")).hasSize(2);
        assertThat(after.get("options").get(0).get("votes_count").isNull()).as("hide_totals while open").isTrue();
        assertThat(vote(pollId, bob.token(), List.of(2)).status()).isEqualTo(422);
    }

    @Test
    void invalidPollsAreRefusedInMastodonsWords() {
        User alice = f.user("invalid_poll_alice");
        assertThat(error(alice, pollPost("x", List.of("only"), 600, false, false))).isEqualTo("Validation failed: Poll options must have more than one item");
        assertThat(error(alice, pollPost("x", List.of("1", "2", "3", "4", "5"), 600, false, false)))
                .isEqualTo("Validation failed: Poll options can't contain more than 4 items");
        assertThat(error(alice, pollPost("x", List.of("a".repeat(51), "b"), 600, false, false)))
                .isEqualTo("Validation failed: Poll options cannot be longer than 50 characters each");
        assertThat(error(alice, pollPost("x", List.of("a", "b"), 299, false, false))).isEqualTo("Validation failed: Poll expires at is too soon");
        assertThat(error(alice, pollPost("x", List.of("a", "b"), 2_629_747, false, false)))
                .isEqualTo("Validation failed: Poll expires at is too far into the future");
        Map<String, Object> withMedia = pollPost("x", List.of("a", "b"), 600, false, false);
        withMedia.put("media_ids", List.of("1"));
        assertThat(error(alice, withMedia)).isEqualTo("Cannot attach more than 4 files.");
        assertThat(f.count("SELECT COUNT(*) FROM statuses s JOIN accounts a ON a.id = s.account_id WHERE a.username = 'invalid_poll_alice'")).isZero();
    }

    private static String error(User u, Map<String, Object> body) {
        TestHttp.Response r = atoll.http().postJson("/api/v1/statuses", u.token(), body);
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        return r.json().get("error").asText();
    }

    @Test
    void aPollOnAnInvisibleStatusIsNotFound() {
        User alice = f.user("hidden_poll_alice");
        User bob = f.user("hidden_poll_bob");
        Map<String, Object> body = pollPost("followers only", List.of("a", "b"), 600, false, false);
        body.put("visibility", "private");
        String pollId = f.post(alice, body).get("poll").get("id").asText();
        assertThat(atoll.http().get("/api/v1/polls/" + pollId, bob.token()).status()).isEqualTo(404);
        assertThat(vote(pollId, bob.token(), List.of(0)).status()).isEqualTo(404);
        f.follow(bob, alice);
        assertThat(vote(pollId, bob.token(), List.of(0)).status()).isEqualTo(200);
    }

    @Test
    void expiryClosesThePollAndNotifiesVotersAndAuthor() {
        User alice = f.user("expiry_alice");
        User bob = f.user("expiry_bob");
        User carol = f.user("expiry_carol");
        JsonNode status = f.post(alice, pollPost("Soon over", List.of("yes", "no"), 300, false, true));
        String statusId = status.get("id").asText();
        long pollId = status.get("poll").get("id").asLong();
        assertThat(vote(Long.toString(pollId), bob.token(), List.of(0)).status()).isEqualTo(200);

        // time passes: the poll's end is moved into the past and its expiry job runs
        Instant past = Instant.now().minusSeconds(5);
        atoll.app().infra.db.write(h -> h.createUpdate("UPDATE polls SET expires_at = :t WHERE id = :id").bind("t", past).bind("id", pollId).execute());
        atoll.app().infra.db.write(h -> atoll.app().infra.jobs.enqueue(PollService.EXPIRE, pollId + ":test", new PollService.Expire(pollId)));
        Await.until("poll notifications", () -> f.count("SELECT COUNT(*) FROM notifications WHERE type = 'poll' AND status_id = " + statusId) == 2);
        assertThat(f.count("SELECT COUNT(*) FROM notifications WHERE type = 'poll' AND account_id = " + carol.id())).isZero();

        JsonNode notes = atoll.http().get("/api/v1/notifications?types[]=poll", bob.token()).json();
        assertThat(notes).hasSize(1);
        assertThat(notes.get(0).get("status").get("poll").get("expired").asBoolean()).isTrue();
        assertThat(notes.get(0).get("account").get("id").asText()).isEqualTo(alice.idString());
        assertThat(atoll.http().get("/api/v1/notifications?types[]=poll", alice.token()).json()).hasSize(1);

        JsonNode closed = atoll.http().get("/api/v1/polls/" + pollId, carol.token()).json();
        assertThat(closed.get("expired").asBoolean()).isTrue();
        assertThat(closed.get("options").get(0).get("votes_count").asInt()).as("totals shown once ended").isEqualTo(1);
        TestHttp.Response late = vote(Long.toString(pollId), carol.token(), List.of(1));
        assertThat(late.status()).isEqualTo(422);
        assertThat(late.json().get("error").asText()).isEqualTo("Validation failed: The poll has already ended");

        // the job is idempotent: running it again adds nothing
        atoll.app().core.polls.close(pollId);
        assertThat(f.count("SELECT COUNT(*) FROM notifications WHERE type = 'poll' AND status_id = " + statusId)).isEqualTo(2);
    }
}
