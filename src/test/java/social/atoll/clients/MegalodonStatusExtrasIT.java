package social.atoll.clients;

import social.atoll.testing.NodeProject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import social.atoll.core.poll.PollService;
import social.atoll.testing.TestInstance;

/**
 * megalodon drives polls (with a vote and the poll's end), edits with history and source, bookmarks, favourites,
 * pins, scheduled statuses and conversations ({@code src/test/js/megalodon/status-extras.js}). When the script reports
 * bob's vote, the test ends the poll as time would: its end moves into the past and the expiry job runs.
 */
class MegalodonStatusExtrasIT {

    private static final List<String> STEPS = List.of("alice_posts_poll", "bob_votes", "poll_ends", "alice_edits",
            "bookmarks_and_favourites", "pin", "scheduled", "conversations", "done");

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void megalodonUsesPollsEditsBookmarksPinsScheduledStatusesAndConversations() {
        NodeProject megalodon = NodeProject.install("megalodon");
        try (TestInstance atoll = TestInstance.start()) {
            String alice = atoll.createUser("alice");
            String bob = atoll.createUser("bob");
            NodeProject.Run run = megalodon.run("status-extras.js", Map.of(
                    "ATOLL_URL", atoll.baseUrl(), "ALICE_TOKEN", alice, "BOB_TOKEN", bob, "POLL_SECONDS", "30"),
                    Duration.ofMinutes(3), line -> {
                        System.out.println("[megalodon] " + line);
                        if (line.startsWith("{\"step\":\"bob_votes\",\"ok\":true")) endPolls(atoll);
                    });
            List<JsonNode> reports = new ArrayList<>();
            for (String line : run.lines()) {
                if (!line.startsWith("{\"step\"")) continue;
                try {
                    reports.add(json.readTree(line));
                } catch (IOException e) {
                    fail("unreadable step line: " + line);
                }
            }
            reports.stream().filter(r -> !r.path("ok").asBoolean()).findFirst()
                    .ifPresent(f -> fail("megalodon scenario failed at step '" + f.path("step").asText() + "': " + f));
            if (run.timedOut()) fail("megalodon scenario did not finish in time; output:\n" + String.join("\n", run.lines()));
            assertThat(run.exitCode()).as("exit code; output:\n%s", String.join("\n", run.lines())).isZero();
            assertThat(reports.stream().map(r -> r.path("step").asText()).toList()).containsExactlyElementsOf(STEPS);
        }
    }

    /** Moves every open poll's end into the past and runs its expiry job. */
    private static void endPolls(TestInstance atoll) {
        Instant past = Instant.now().minusSeconds(1);
        atoll.app().infra.db.write(h -> {
            List<Long> open = h.createQuery("SELECT id FROM polls WHERE closed_at IS NULL").mapTo(Long.class).list();
            for (long id : open) {
                h.createUpdate("UPDATE polls SET expires_at = :t WHERE id = :id").bind("t", past).bind("id", id).execute();
                atoll.app().infra.jobs.enqueue(PollService.EXPIRE, id + ":ended-by-test", new PollService.Expire(id));
            }
            return null;
        });
    }
}
