package social.atoll.api.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import social.atoll.api.statuses.Fixtures;
import social.atoll.api.statuses.Fixtures.User;
import social.atoll.testing.Await;
import social.atoll.testing.TestInstance;

/**
 * The user stream read by Python the way Mastodon.py reads it (urllib3 under requests, one byte at a time,
 * {@code src/test/python/sse_reader.py}): each update arrives before the reader's 10 s timeout, not with the next
 * heartbeat. Skipped where python3 with urllib3 is not installed.
 */
class SsePythonClientIT {

    @Test
    void mastodonPyStyleReaderGetsEachUpdateAtOnce() throws Exception {
        assumeTrue(hasPythonWithUrllib3(), "python3 with urllib3 is not installed");
        try (TestInstance atoll = TestInstance.start()) {
            Fixtures f = new Fixtures(atoll);
            User reader = f.user("py_reader");
            User author = f.user("py_author");
            f.follow(reader, author);
            Process python = new ProcessBuilder("python3", Path.of("src/test/python/sse_reader.py").toAbsolutePath().toString(),
                    atoll.baseUrl() + "/api/v1/streaming/user", reader.token()).redirectErrorStream(true).start();
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread.ofPlatform().daemon().start(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) lines.add(line);
                } catch (IOException ignored) {
                    // the process ended
                }
            });
            try {
                assertThat(lines.poll(30, TimeUnit.SECONDS)).isEqualTo("open 200");
                Await.until("the stream subscribed", () -> !atoll.app().streamRegistry.on(Subscription.userTopic(reader.id())).isEmpty());
                for (int i = 0; i < 2; i++) {
                    String id = f.post(author, "to python " + i, "public").get("id").asText();
                    // the script gives up after 10 s without a byte, and says so
                    String line = lines.poll(30, TimeUnit.SECONDS);
                    assertThat(line).as("the reader's line for update %d", i).startsWith("event {").contains("\"id\":\"" + id + "\"");
                }
            } finally {
                python.destroyForcibly();
            }
        }
    }

    private static boolean hasPythonWithUrllib3() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import urllib3").redirectErrorStream(true).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
