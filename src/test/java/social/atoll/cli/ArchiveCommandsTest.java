package social.atoll.cli;

import static social.atoll.testing.CliRun.run;

import social.atoll.testing.CliRun.Result;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import social.atoll.App;
import social.atoll.Atoll;
import social.atoll.config.SettingsLoader;
import social.atoll.core.account.NewLocalAccount;
import social.atoll.core.account.User;
import social.atoll.core.status.NewStatus;
import social.atoll.core.status.Visibility;

/** {@code atoll admin accounts export} and {@code atoll import archive} on a real (SQLite) data directory. */
class ArchiveCommandsTest {

    @TempDir
    Path dataDir;

    @Test
    void exportsAnAccountAndImportsItIntoAnother() throws Exception {
        try (App app = new App(new SettingsLoader(Map.of("ATOLL_DATA_DIR", dataDir.toString()), Map.of(), null).load())) {
            for (String name : new String[] {"leaving", "arriving"})
                app.core.accountService.createLocal(new NewLocalAccount(name, name + "@example.test", "password-" + name,
                        User.Role.USER, true, true, "en", null, null), true);
            long leaving = app.core.accounts.byAcct("leaving", null).orElseThrow().id();
            for (String text : new String[] {"first words", "second words"})
                app.core.posting.post(leaving, new NewStatus(text, null, null, Visibility.PUBLIC, null, null, null, java.util.List.of(),
                        null, null, null));
        }
        String dd = dataDir.toString();
        Path zip = dataDir.resolve("leaving.zip");

        Result export = run("admin", "accounts", "export", "leaving", "--out", zip.toString(), "--data-dir", dd);
        assertThat(export.code()).as(export.err()).isZero();
        assertThat(export.out()).contains("2 posts, 0 media files");
        try (ZipFile z = new ZipFile(zip.toFile())) {
            assertThat(z.getEntry("outbox.json")).isNotNull();
            assertThat(z.getEntry("actor.json")).isNotNull();
        }

        Result imported = run("import", "archive", "arriving", zip.toString(), "--data-dir", dd);
        assertThat(imported.code()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("archive: 2 posts").contains("imported 2 posts with 0 media files; skipped 0 posts");

        Result again = run("import", "archive", "arriving", zip.toString(), "--data-dir", dd);
        assertThat(again.out()).contains("imported 0 posts with 0 media files; skipped 2 posts");

        Path junk = dataDir.resolve("junk.zip");
        Files.writeString(junk, "not a zip");
        Result bad = run("import", "archive", "arriving", junk.toString(), "--data-dir", dd);
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err().strip()).startsWith("atoll: cannot import junk.zip: the file is not a readable ZIP").doesNotContain("\n");

        Result nobody = run("admin", "accounts", "export", "nobody", "--out", zip.toString(), "--data-dir", dd);
        assertThat(nobody.code()).isEqualTo(1);
        assertThat(nobody.err()).contains("no local account named nobody");
    }
}
