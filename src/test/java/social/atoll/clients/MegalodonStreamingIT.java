package social.atoll.clients;

import social.atoll.testing.NodeProject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import social.atoll.testing.TestInstance;

/**
 * megalodon streams as Whalebird does ({@code src/test/js/megalodon/streaming.js}): WebSockets on the user and
 * public:local streams found through {@code urls.streaming_api}, with updates, a notification, visibility (a
 * followers-only post on the user stream, not on public:local) and a delete.
 */
class MegalodonStreamingIT {

    private static final List<String> STEPS = List.of("open_streams", "update_on_user_and_local", "notification_on_alice_user_stream",
            "private_post_not_on_public_stream", "delete_on_user_stream", "done");

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void megalodonReceivesUpdatesNotificationsAndDeletes() {
        NodeProject megalodon = NodeProject.install("megalodon");
        try (TestInstance atoll = TestInstance.start()) {
            String alice = atoll.createUser("alice");
            String bob = atoll.createUser("bob");
            NodeProject.Run run = megalodon.run("streaming.js", Map.of("ATOLL_URL", atoll.baseUrl(), "ALICE_TOKEN", alice, "BOB_TOKEN", bob),
                    Duration.ofMinutes(2), line -> System.out.println("[megalodon] " + line));
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
                    .ifPresent(f -> fail("megalodon streaming failed at step '" + f.path("step").asText() + "': " + f));
            if (run.timedOut()) fail("megalodon streaming did not finish in time; output:\n" + String.join("\n", run.lines()));
            assertThat(run.exitCode()).as("exit code; output:\n%s", String.join("\n", run.lines())).isZero();
            assertThat(reports.stream().map(r -> r.path("step").asText()).toList()).containsExactlyElementsOf(STEPS);
        }
    }
}
