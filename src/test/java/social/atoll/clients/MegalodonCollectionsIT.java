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
 * megalodon drives lists, filters v2, timeline paging in both directions, follow requests on a locked account, mutes
 * and blocks ({@code src/test/js/megalodon/collections.js}), as an app built on it would.
 */
class MegalodonCollectionsIT {

    private static final List<String> STEPS = List.of("lists", "filters_v2", "paging_both_ways", "follow_request_on_locked_account",
            "mutes", "blocks", "done");

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void megalodonUsesListsFiltersPagingFollowRequestsMutesAndBlocks() {
        NodeProject megalodon = NodeProject.install("megalodon");
        try (TestInstance atoll = TestInstance.start()) {
            NodeProject.Run run = megalodon.run("collections.js", Map.of("ATOLL_URL", atoll.baseUrl(),
                    "ALICE_TOKEN", atoll.createUser("alice"), "BOB_TOKEN", atoll.createUser("bob"), "CAROL_TOKEN", atoll.createUser("carol")),
                    Duration.ofMinutes(3), line -> System.out.println("[megalodon] " + line));
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
}
