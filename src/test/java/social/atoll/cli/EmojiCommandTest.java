package social.atoll.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static social.atoll.testing.CliRun.run;

import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import social.atoll.testing.CliRun.Result;
import social.atoll.testing.EmojiImages;

/** {@code atoll admin emoji add|import|list|remove} against a real (SQLite) data directory and local storage. */
class EmojiCommandTest {

    @TempDir
    Path dataDir;

    @TempDir
    Path files;

    @Test
    void addListRemove() throws Exception {
        String dir = dataDir.toString();
        Path png = Files.write(files.resolve("blob.png"), EmojiImages.png(Color.ORANGE));
        Result added = run("admin", "emoji", "add", "blobcat", png.toString(), "--category", "Blobs", "--data-dir", dir);
        assertThat(added.code()).as(added.err()).isZero();
        assertThat(added.out()).contains("added :blobcat:");

        Result again = run("admin", "emoji", "add", "blobcat", png.toString(), "--data-dir", dir);
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains("already been taken");

        Path svg = Files.writeString(files.resolve("x.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        Result refused = run("admin", "emoji", "add", "vector", svg.toString(), "--data-dir", dir);
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("PNG, GIF or WebP");

        Path big = Files.write(files.resolve("big.png"), new byte[300 * 1024]);
        assertThat(run("admin", "emoji", "add", "big", big.toString(), "--data-dir", dir).err()).contains("256 KB");
        assertThat(run("admin", "emoji", "add", "x", png.toString(), "--data-dir", dir).code()).isEqualTo(1);

        Result list = run("admin", "emoji", "list", "--data-dir", dir);
        assertThat(list.out()).contains("blobcat\tBlobs\tvisible\t").doesNotContain("vector").doesNotContain("big");
        String url = list.out().strip().split("\t")[3];
        // the image went through the storage driver: the local driver serves /system/<key>
        String key = url.substring(url.indexOf("/system/") + "/system/".length());
        assertThat(key).startsWith("custom_emojis/").endsWith("original.png");
        Path stored = Files.walk(dataDir).filter(p -> p.toString().replace('\\', '/').endsWith(key)).findFirst().orElseThrow();
        assertThat(Files.readAllBytes(stored)).startsWith(0x89, 'P', 'N', 'G');

        assertThat(run("admin", "emoji", "remove", "blobcat", "--data-dir", dir).code()).isZero();
        assertThat(run("admin", "emoji", "list", "--data-dir", dir).out()).doesNotContain("blobcat");
        assertThat(Files.exists(stored)).isFalse();
        assertThat(run("admin", "emoji", "remove", "blobcat", "--data-dir", dir).code()).isEqualTo(1);
    }

    @Test
    void importsZipAndTarGz() throws Exception {
        String dir = dataDir.toString();
        Map<String, byte[]> zipped = new LinkedHashMap<>();
        zipped.put("pack/party_parrot.gif", EmojiImages.image("gif", 24, Color.GREEN));
        zipped.put("pack/thumbsup.png", EmojiImages.png(Color.BLUE));
        zipped.put("pack/README.txt", "not an emoji".getBytes(StandardCharsets.UTF_8));
        zipped.put("pack/bad name.png", EmojiImages.png(Color.RED));
        zipped.put("pack/fake.png", "GIF89a but not really".getBytes(StandardCharsets.UTF_8));
        Path zip = Files.write(files.resolve("pack.zip"), EmojiImages.zip(zipped));
        Result z = run("admin", "emoji", "import", zip.toString(), "--category", "Pack", "--data-dir", dir);
        assertThat(z.code()).as(z.err()).isZero();
        assertThat(z.out()).contains("imported 2, skipped 2").contains("bad name.png").contains("fake.png");

        Map<String, byte[]> tarred = new LinkedHashMap<>();
        tarred.put("more/wave.png", EmojiImages.png(Color.CYAN));
        tarred.put("more/thumbsup.png", EmojiImages.png(Color.BLUE));
        Path tgz = Files.write(files.resolve("more.tar.gz"), EmojiImages.tarGz(tarred));
        Result t = run("admin", "emoji", "import", tgz.toString(), "--data-dir", dir);
        assertThat(t.code()).as(t.err()).isZero();
        assertThat(t.out()).contains("imported 1, skipped 1").contains("already been taken");

        String list = run("admin", "emoji", "list", "--data-dir", dir).out();
        assertThat(list).contains("party_parrot\tPack").contains("thumbsup\tPack").contains("wave\t-");
        Path notArchive = Files.writeString(files.resolve("x.txt"), "hello");
        assertThat(run("admin", "emoji", "import", notArchive.toString(), "--data-dir", dir).code()).isEqualTo(1);
    }
}
