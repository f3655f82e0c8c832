package social.atoll.clients;

import social.atoll.testing.NodeProject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import social.atoll.testing.TestInstance;

/**
 * megalodon, a real Mastodon client library (Whalebird, Fedistar), drives Atoll under Node exactly as an app does:
 * detects the server from NodeInfo, registers an app, signs alice and bob in through the HTML sign-in and consent
 * pages (authorization-code flow, out-of-band redirect), then follows, posts, reads the home timeline with paging,
 * favourites, reblogs, replies with a mention, reads notifications and undoes. The scenario is
 * {@code src/test/js/megalodon/scenario.js}; it prints one JSON line per step and stops at the first failure,
 * whose line (request, response, what megalodon expected) becomes this test's failure message.
 */
class MegalodonIT {

    /** Every step the scenario reports, in order. */
    private static final List<String> STEPS = List.of(
            "detect", "register_app",
            "authorize_alice", "token_alice", "verify_credentials_alice",
            "authorize_bob", "token_bob", "verify_credentials_bob",
            "bob_follows_alice", "following_lists", "alice_posts", "bob_home_has_post",
            "bob_favourites", "bob_reblogs", "alice_notifications",
            "bob_replies_with_mention", "alice_mention_notification", "home_paging",
            "bob_unfavourites", "bob_unreblogs", "state_after_undo", "alice_push_subscription", "done");

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void megalodonSignsInFollowsPostsFavouritesReblogsAndReadsNotifications() {
        NodeProject megalodon = NodeProject.install("megalodon");
        try (TestInstance atoll = TestInstance.start()) {
            atoll.createUser("alice");
            atoll.createUser("bob");
            // alice signs in with her e-mail, bob with his username: the sign-in form takes either.
            NodeProject.Run run = megalodon.run("scenario.js", Map.of(
                    "ATOLL_URL", atoll.baseUrl(),
                    "ALICE_LOGIN", "alice@example.test", "ALICE_PASSWORD", "password-alice",
                    "BOB_LOGIN", "bob", "BOB_PASSWORD", "password-bob",
                    "POLL_SECONDS", "30"),
                    Duration.ofMinutes(4), line -> System.out.println("[megalodon] " + line));

            List<JsonNode> reports = reports(run.lines());
            Optional<JsonNode> failure = reports.stream().filter(r -> !r.path("ok").asBoolean()).findFirst();
            if (failure.isPresent()) {
                fail("megalodon scenario failed at step '" + failure.get().path("step").asText() + "': " + failure.get());
            }
            if (run.timedOut()) fail("megalodon scenario did not finish in time; output:\n" + String.join("\n", run.lines()));
            assertThat(run.exitCode()).as("scenario exit code; output:\n%s", String.join("\n", run.lines())).isZero();
            assertThat(reports.stream().map(r -> r.path("step").asText()).toList()).containsExactlyElementsOf(STEPS);
        }
    }

    /** The scenario's JSON step lines; anything else Node prints (warnings) stays in the log only. */
    private List<JsonNode> reports(List<String> lines) {
        List<JsonNode> out = new ArrayList<>();
        for (String line : lines) {
            if (!line.startsWith("{\"step\"")) continue;
            try {
                out.add(json.readTree(line));
            } catch (java.io.IOException e) {
                fail("unreadable step line: " + line);
            }
        }
        return out;
    }
}
