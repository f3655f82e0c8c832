package social.atoll.cli;

import static social.atoll.testing.CliRun.run;

import social.atoll.testing.CliRun.Result;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import social.atoll.App;
import social.atoll.Atoll;
import social.atoll.bench.InstagramExports;
import social.atoll.config.SettingsLoader;
import social.atoll.core.account.NewLocalAccount;
import social.atoll.core.account.User;

/** {@code atoll import instagram} on a real (SQLite) data directory: dry run, import with its report, again, a bad file. */
class ImportCommandTest {

    @TempDir
    Path dataDir;

    @Test
    void importsReportsAndRefuses() throws Exception {
        try (App app = new App(new SettingsLoader(Map.of("ATOLL_DATA_DIR", dataDir.toString()), Map.of(), null).load())) {
            app.core.accountService.createLocal(new NewLocalAccount("alice", "alice@example.test", "password-alice",
                    User.Role.USER, true, true, "en", null, null), true);
        }
        ByteArrayOutputStream jpg = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB), "jpg", jpg);
        Path zip = dataDir.resolve("export.zip");
        InstagramExports.write(zip, InstagramExports.Layout.CONTENT_2020, List.of(
                new InstagramExports.Post(Instant.parse("2019-01-01T00:00:00Z"), "First", List.of(new InstagramExports.File("a.jpg", jpg.toByteArray()))),
                new InstagramExports.Post(Instant.parse("2019-02-01T00:00:00Z"), "Second", List.of(
                        new InstagramExports.File("b.jpg", jpg.toByteArray()), new InstagramExports.File("c.heic2", new byte[] {1, 2}),
                        new InstagramExports.File("d.heic", new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c'})))));
        String dd = dataDir.toString();

        Result dry = run("import", "instagram", "alice", zip.toString(), "--dry-run", "--data-dir", dd);
        assertThat(dry.code()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("2 posts, 4 media files").contains("would skip media/posts/201902/c.heic2").contains("nothing was imported");

        Result real = run("import", "instagram", "alice", zip.toString(), "--visibility", "unlisted", "--data-dir", dd);
        assertThat(real.code()).as(real.err()).isZero();
        // the progress bar, full at the end
        assertThat(real.out()).contains("\r[" + "#".repeat(40) + "] 2/2");
        assertThat(real.out()).contains("imported 2 posts with 2 media files; skipped 0 posts").contains(".heic2 files are not supported")
                .contains("d.heic: skipped, " + (social.atoll.core.media.Ffmpeg.find(null).isPresent() || social.atoll.core.media.HeifDecoder.find().isPresent()
                        ? "HEIC could not be converted" : "HEIC needs heif-convert"));

        Result again = run("import", "instagram", "alice", zip.toString(), "--data-dir", dd);
        assertThat(again.out()).contains("imported 0 posts with 0 media files; skipped 2 posts");

        Path junk = dataDir.resolve("junk.zip");
        Files.writeString(junk, "not a zip");
        Result bad = run("import", "instagram", "alice", junk.toString(), "--data-dir", dd);
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err().strip()).startsWith("atoll: cannot import junk.zip: the file is not a readable ZIP").doesNotContain("\n");

        Result nobody = run("import", "instagram", "bob", zip.toString(), "--data-dir", dd);
        assertThat(nobody.code()).isEqualTo(1);
        assertThat(nobody.err()).contains("no local account named bob");
    }
}
