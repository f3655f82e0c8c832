package social.atoll.core.instagram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import social.atoll.bench.InstagramExports;
import social.atoll.bench.InstagramExports.Layout;
import social.atoll.core.account.Account;
import social.atoll.core.status.Visibility;
import social.atoll.infra.ids.IdGenerator;
import social.atoll.testing.Await;
import social.atoll.testing.TestInstance;

/**
 * {@code atoll import instagram}'s core on real instances (SQLite and PostgreSQL): the three export layouts, albums
 * and split carousels, repaired captions, WebP and video, refused archives, a second import, and a restart halfway.
 */
class InstagramImportIT {

    @TempDir
    Path tmp;

    private static final InstagramImporter.Options PUBLIC = new InstagramImporter.Options(Visibility.PUBLIC, false);

    static byte[] image(String format, Color color) {
        BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, 64, 48);
        g.setColor(Color.WHITE);
        g.fillRect(8, 8, 20, 20);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (format.equals("webp")) {
                Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("webp");
                ImageWriter w = it.next();
                try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
                    w.setOutput(ios);
                    w.write(img);
                }
                w.dispose();
            } else {
                ImageIO.write(img, format, out);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    static InstagramExports.Post post(String iso, String caption, InstagramExports.File... files) {
        return new InstagramExports.Post(Instant.parse(iso), caption, List.of(files));
    }

    static InstagramExports.File jpg(String name) { return new InstagramExports.File(name + ".jpg", image("jpg", Color.RED)); }

    private Path export(Layout layout, List<InstagramExports.Post> posts) throws IOException {
        Path zip = Files.createTempFile(tmp, "export", ".zip");
        InstagramExports.write(zip, layout, posts);
        return zip;
    }

    private static long user(TestInstance atoll, String name) {
        atoll.createUser(name);
        return atoll.app().core.accounts.byAcct(name, null).orElseThrow().id();
    }

    private static InstagramImporter.Report runToEnd(TestInstance atoll, long importId) {
        InstagramImporter importer = atoll.app().core.instagramImport;
        Await.until("import " + importId + " ends", () -> importer.progress(importId).orElseThrow().finished());
        return importer.report(importId);
    }

    private static JsonNode profile(TestInstance atoll, long accountId) {
        return atoll.http().get("/api/v1/accounts/" + accountId + "/statuses?limit=40").json();
    }

    private static List<InstagramExports.Post> basicPosts() {
        return List.of(
                post("2016-03-01T10:00:00Z", "Un caf\u00e9 au soleil #Paris with @someone \u2615", jpg("a")),
                post("2019-07-14T18:30:00Z", "Plage #summer", jpg("b")),
                post("2017-12-24T20:00:00Z", "No\u00ebl", jpg("c")));
    }

    @Test
    void everyLayoutImportsPostsWithTheirTimesRepairedCaptionsAndTagsWithoutNotifyingOrFanningOut() throws Exception {
        try (TestInstance atoll = TestInstance.start()) {
            atoll.createUser("someone");
            for (Layout layout : List.of(Layout.MEDIA_JSON, Layout.CONTENT_2020, Layout.ACTIVITY_2024)) {
                String name = "ig_" + layout.name().toLowerCase(java.util.Locale.ROOT);
                long id = user(atoll, name);
                String followerToken = atoll.createUser(name + "_fan");
                atoll.http().postJson("/api/v1/accounts/" + id + "/follow", followerToken, Map.of());
                var started = atoll.app().core.instagramImport.start(id, export(layout, basicPosts()), PUBLIC, false);
                var report = runToEnd(atoll, started.importId());
                assertThat(report.state()).as(layout.name()).isEqualTo("done");
                assertThat(report.postsImported()).isEqualTo(3);
                assertThat(report.mediaImported()).isEqualTo(3);

                JsonNode statuses = profile(atoll, id);
                assertThat(statuses).hasSize(3);
                // newest first, with the original times, and ids that sort with them
                assertThat(statuses.get(0).get("created_at").asText()).startsWith("2019-07-14T18:30:00");
                assertThat(statuses.get(1).get("created_at").asText()).startsWith("2017-12-24T20:00:00");
                assertThat(statuses.get(2).get("created_at").asText()).startsWith("2016-03-01T10:00:00");
                long newest = Long.parseLong(statuses.get(0).get("id").asText());
                assertThat(IdGenerator.timeOf(newest)).isEqualTo(Instant.parse("2019-07-14T18:30:00Z"));
                JsonNode cafe = statuses.get(2);
                assertThat(cafe.get("content").asText()).contains("Un caf\u00e9 au soleil").contains("\u2615").contains("@someone")
                        .doesNotContain("\u00c3");
                assertThat(cafe.get("tags").get(0).get("name").asText()).isEqualToIgnoringCase("paris");
                assertThat(cafe.get("mentions")).isEmpty();
                assertThat(cafe.get("media_attachments")).hasSize(1);
                assertThat(cafe.get("media_attachments").get(0).get("type").asText()).isEqualTo("image");
                // not delivered to the follower's home feed
                assertThat(atoll.http().get("/api/v1/timelines/home", followerToken).json()).isEmpty();
            }
            // the mentioned local account was not notified
            String someoneToken = atoll.token(atoll.app().core.accounts.byAcct("someone", null).orElseThrow().id(), "read");
            assertThat(atoll.http().get("/api/v1/notifications", someoneToken).json()).isEmpty();
            // nothing is left unpacked
            try (Stream<Path> left = Files.list(atoll.dataDir().resolve("imports"))) {
                assertThat(left).isEmpty();
            }
        }
    }

    @Test
    void aCarouselOfTwelveIsSplitAtTheAlbumLimitAndWebpIsImported() throws Exception {
        try (TestInstance atoll = TestInstance.start()) {
            long id = user(atoll, "carousel");
            List<InstagramExports.File> twelve = new ArrayList<>();
            for (int i = 0; i < 12; i++) twelve.add(new InstagramExports.File("c" + i + (i % 3 == 0 ? ".webp" : ".jpg"),
                    image(i % 3 == 0 ? "webp" : "jpg", new Color(20 * i, 100, 200))));
            var started = atoll.app().core.instagramImport.start(id, export(Layout.CONTENT_2020,
                    List.of(new InstagramExports.Post(Instant.parse("2021-05-05T05:05:05Z"), "Twelve #album", twelve))), PUBLIC, false);
            var report = runToEnd(atoll, started.importId());
            int limit = atoll.settings().maxMediaAttachments();
            int parts = (12 + limit - 1) / limit;
            assertThat(report.postsImported()).isEqualTo(parts);
            assertThat(report.mediaImported()).isEqualTo(12);
            assertThat(report.notes()).anyMatch(n -> n.contains("carousel of 12 split"));
            JsonNode statuses = profile(atoll, id);
            assertThat(statuses).hasSize(parts);
            // the first part (oldest, with the caption) is last on the profile, the order of the photos kept
            JsonNode first = statuses.get(parts - 1);
            assertThat(first.get("content").asText()).contains("Twelve");
            assertThat(first.get("media_attachments")).hasSize(Math.min(limit, 12));
            assertThat(first.get("media_attachments").get(0).get("url").asText()).endsWith(".webp");
        }
    }

    @Test
    void anImportedPhoneJpegLosesItsExifAndGpsAndAPngIsTakenToo() throws Exception {
        try (TestInstance atoll = TestInstance.start()) {
            long id = user(atoll, "phone");
            // a phone's JPEG: EXIF with a GPS position and orientation 6 (shown turned a quarter clockwise)
            byte[] phone = social.atoll.api.media.TestImages.jpegWithExif(social.atoll.api.media.TestImages.halves(320, 160), 6);
            assertThat(new String(phone, java.nio.charset.StandardCharsets.ISO_8859_1)).contains("Exif");
            var started = atoll.app().core.instagramImport.start(id, export(Layout.ACTIVITY_2024, List.of(post("2024-06-01T08:00:00Z",
                    "From the phone", new InstagramExports.File("phone.jpg", phone), new InstagramExports.File("chart.png", image("png", Color.BLUE))))),
                    PUBLIC, false);
            var report = runToEnd(atoll, started.importId());
            assertThat(report.mediaImported()).as(report.notes().toString()).isEqualTo(2);
            JsonNode media = profile(atoll, id).get(0).get("media_attachments");
            assertThat(media).hasSize(2);
            // upright, as every upload
            assertThat(media.get(0).at("/meta/original/width").asInt()).isEqualTo(160);
            assertThat(media.get(0).at("/meta/original/height").asInt()).isEqualTo(320);
            for (JsonNode m : media) {
                var file = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(m.get("url").asText())).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofByteArray());
                assertThat(file.statusCode()).isEqualTo(200);
                String bytes = new String(file.body(), java.nio.charset.StandardCharsets.ISO_8859_1);
                // no EXIF block (and so no GPS) is left in what is stored
                assertThat(bytes).doesNotContain("Exif").doesNotContain("Phone!");
                assertThat(ImageIO.read(new java.io.ByteArrayInputStream(file.body()))).isNotNull();
            }
        }
    }

    @Test
    void aVideoIsImportedWhenFfmpegIsInstalled() throws Exception {
        try (TestInstance atoll = TestInstance.start()) {
            assumeTrue(atoll.app().core.media.videoSupported(), "ffmpeg is not installed");
            Path mp4 = tmp.resolve("clip.mp4");
            Process p = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                    "testsrc=duration=1:size=64x48:rate=10", "-pix_fmt", "yuv420p", mp4.toString()).inheritIO().start();
            assertThat(p.waitFor()).isZero();
            long id = user(atoll, "video");
            var started = atoll.app().core.instagramImport.start(id, export(Layout.ACTIVITY_2024,
                    List.of(post("2024-02-02T02:02:02Z", "A clip", new InstagramExports.File("clip.mp4", Files.readAllBytes(mp4))))), PUBLIC, false);
            var report = runToEnd(atoll, started.importId());
            assertThat(report.mediaImported()).as(report.notes().toString()).isEqualTo(1);
            assertThat(profile(atoll, id).get(0).get("media_attachments").get(0).get("type").asText()).isIn("video", "gifv");
        }
    }

    @Test
    void importedPostsAreInTheOutboxAndSearchAndReachFollowersOnlyWithAnnounce() throws Exception {
        try (TestInstance atoll = TestInstance.start()) {
            long quiet = user(atoll, "quiet");
            long loud = user(atoll, "loud");
            String fan = atoll.createUser("fan");
            atoll.http().postJson("/api/v1/accounts/" + quiet + "/follow", fan, Map.of());
            atoll.http().postJson("/api/v1/accounts/" + loud + "/follow", fan, Map.of());
            runToEnd(atoll, atoll.app().core.instagramImport.start(quiet,
                    export(Layout.CONTENT_2020, List.of(post("2015-05-05T05:05:05Z", "Quietly #sunset", jpg("q")))), PUBLIC, false).importId());
            runToEnd(atoll, atoll.app().core.instagramImport.start(loud,
                    export(Layout.CONTENT_2020, List.of(post("2015-06-06T06:06:06Z", "Loudly #sunrise", jpg("l")))),
                    new InstagramImporter.Options(Visibility.PUBLIC, true), false).importId());
            Await.until("the announced post reaches the follower's home feed",
                    () -> atoll.http().get("/api/v1/timelines/home", fan).json().size() == 1);
            JsonNode home = atoll.http().get("/api/v1/timelines/home", fan).json();
            assertThat(home.get(0).get("content").asText()).contains("Loudly");
            assertThat(home.get(0).get("created_at").asText()).startsWith("2015-06-06T06:06:06");

            var outbox = atoll.http().send("GET", "/users/quiet/outbox?page=true", null, null, null,
                    Map.of("Accept", "application/activity+json")).json();
            assertThat(outbox.toString()).contains("Quietly").contains("2015-05-05T05:05:05");
            JsonNode found = atoll.http().get("/api/v2/search?q=quietly&type=statuses", fan).json().get("statuses");
            assertThat(found).hasSize(1);
            assertThat(atoll.http().get("/api/v1/timelines/tag/sunset").json()).hasSize(1);
        }
    }

    @Test
    void aSecondImportOfTheSameExportAddsNothing() throws Exception {
        try (TestInstance atoll = TestInstance.start()) {
            long id = user(atoll, "twice");
            Path zip = export(Layout.CONTENT_2020, basicPosts());
            runToEnd(atoll, atoll.app().core.instagramImport.start(id, zip, PUBLIC, false).importId());
            // the same posts in another layout are the same posts
            var again = runToEnd(atoll, atoll.app().core.instagramImport.start(id, export(Layout.ACTIVITY_2024, basicPosts()), PUBLIC, false).importId());
            assertThat(again.postsImported()).isZero();
            assertThat(again.skipped()).isEqualTo(3);
            assertThat(again.notes()).allMatch(n -> n.endsWith("already imported"));
            assertThat(profile(atoll, id)).hasSize(3);
            assertThat(atoll.http().get("/api/v1/accounts/" + id).json().get("statuses_count").asInt()).isEqualTo(3);
        }
    }

    @Test
    void anImportStoppedHalfwayResumesAfterARestartWithoutDuplicates() throws Exception {
        List<InstagramExports.Post> posts = new ArrayList<>();
        for (int i = 0; i < 7; i++) posts.add(post("2018-01-0" + (i + 1) + "T12:00:00Z", "Day " + i, jpg("d" + i)));
        // a web-only instance runs no workers: the import's job waits while we import three posts by hand
        TestInstance first = TestInstance.start(Map.of("ATOLL_ROLE", "web"));
        long id = user(first, "resumer");
        var started = first.app().core.instagramImport.start(id, export(Layout.CONTENT_2020, posts), PUBLIC, false);
        var progress = first.app().core.instagramImport.step(started.importId(), 3);
        assertThat(progress.done()).isEqualTo(3);
        assertThat(profile(first, id)).hasSize(3);
        try (TestInstance second = first.restart(Map.of("ATOLL_ROLE", "all"), app -> {})) {
            var report = runToEnd(second, started.importId());
            assertThat(report.state()).isEqualTo("done");
            assertThat(report.postsImported()).isEqualTo(7);
            JsonNode statuses = profile(second, id);
            assertThat(statuses).hasSize(7);
            assertThat(statuses.get(0).get("content").asText()).contains("Day 6");
        }
    }

    @Test
    void badArchivesAreRefusedInOneLineAndLeaveNothingBehind() throws Exception {
        try (TestInstance atoll = TestInstance.start()) {
            long id = user(atoll, "careful");
            InstagramImporter importer = atoll.app().core.instagramImport;

            Path notZip = tmp.resolve("photo.zip");
            Files.write(notZip, image("png", Color.GREEN));
            assertThatThrownBy(() -> importer.start(id, notZip, PUBLIC, false)).isInstanceOf(ImportException.class).hasMessageContaining("not a readable ZIP");

            Path traversal = zipOf(Map.of("content/posts_1.json", "[]".getBytes(), "../../evil.jpg", image("jpg", Color.RED)));
            assertThatThrownBy(() -> importer.start(id, traversal, PUBLIC, false)).isInstanceOf(ImportException.class).hasMessageContaining("unsafe entry name");
            assertThat(atoll.dataDir().resolve("evil.jpg")).doesNotExist();

            Path corrupt = zipOf(Map.of("content/posts_1.json", "[{\"media\": [".getBytes()));
            assertThatThrownBy(() -> importer.start(id, corrupt, PUBLIC, false)).isInstanceOf(ImportException.class).hasMessageContaining("not valid JSON");

            Path empty = zipOf(Map.of("readme.json", "{}".getBytes()));
            assertThatThrownBy(() -> importer.start(id, empty, PUBLIC, false)).isInstanceOf(ImportException.class).hasMessageContaining("no Instagram posts");

            Path html = export(Layout.HTML, List.of());
            assertThatThrownBy(() -> importer.start(id, html, PUBLIC, false)).isInstanceOf(ImportException.class).hasMessageContaining("JSON");

            // 8 MB of zeros compress about a thousandfold
            Path bomb = zipOf(Map.of("content/posts_1.json", "[]".getBytes(), "media/posts/202001/zero.jpg", new byte[8 * 1024 * 1024]));
            assertThatThrownBy(() -> importer.start(id, bomb, PUBLIC, false)).isInstanceOf(ImportException.class).hasMessageContaining("ZIP bomb");

            importer.limits(new ExportArchive.Limits(100, 64 * 1024, 200));
            Path big = export(Layout.CONTENT_2020, List.of(post("2020-01-01T00:00:00Z", "big", new InstagramExports.File("big.png", noise(300, 300)))));
            assertThatThrownBy(() -> importer.start(id, big, PUBLIC, false)).isInstanceOf(ImportException.class).hasMessageContaining("the limit");
            importer.limits(new ExportArchive.Limits(2, 1L << 30, 200));
            assertThatThrownBy(() -> importer.start(id, export(Layout.CONTENT_2020, basicPosts()), PUBLIC, false))
                    .isInstanceOf(ImportException.class).hasMessageContaining("entries");
            importer.limits(ExportArchive.Limits.DEFAULT);

            assertThat(profile(atoll, id)).isEmpty();
            try (Stream<Path> left = Files.list(atoll.dataDir().resolve("imports"))) {
                assertThat(left).isEmpty();
            }
            Account account = atoll.app().core.accounts.byId(id).orElseThrow();
            assertThat(account.username()).isEqualTo("careful");
        }
    }

    private static byte[] noise(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        java.util.Random r = new java.util.Random(1);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) img.setRGB(x, y, r.nextInt());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    private Path zipOf(Map<String, byte[]> entries) throws IOException {
        Path zip = Files.createTempFile(tmp, "raw", ".zip");
        try (OutputStream os = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(os)) {
            for (var e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return zip;
    }
}
