package social.atoll.cli;

import static social.atoll.testing.CliRun.run;

import social.atoll.testing.CliRun.Result;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import social.atoll.Atoll;

/** {@code atoll admin announcements create|list|delete} against a real (SQLite) data directory. */
class AnnouncementsCommandTest {

    @TempDir
    Path dataDir;

    @Test
    void createListAndDelete() {
        String dir = dataDir.toString();
        Result created = run("admin", "announcements", "create", "Server upgrade on Sunday", "--ends-at", "2999-01-01T00:00:00Z", "--data-dir", dir);
        assertThat(created.code()).as(created.err()).isZero();
        assertThat(created.out()).startsWith("published announcement ");
        String id = created.out().strip().substring("published announcement ".length());

        Result list = run("admin", "announcements", "list", "--data-dir", dir);
        assertThat(list.out()).contains(id).contains("Server upgrade on Sunday");

        Result badTime = run("admin", "announcements", "create", "x", "--starts-at", "tomorrow", "--data-dir", dir);
        assertThat(badTime.code()).isEqualTo(2);
        Result blank = run("admin", "announcements", "create", " ", "--data-dir", dir);
        assertThat(blank.code()).isEqualTo(1);

        assertThat(run("admin", "announcements", "delete", id, "--data-dir", dir).code()).isZero();
        assertThat(run("admin", "announcements", "list", "--data-dir", dir).out()).doesNotContain(id);
        assertThat(run("admin", "announcements", "delete", id, "--data-dir", dir).code()).isEqualTo(1);
    }
}
