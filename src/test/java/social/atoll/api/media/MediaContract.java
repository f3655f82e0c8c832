package social.atoll.api.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.GpsDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import social.atoll.core.media.Ffmpeg;
import social.atoll.testing.Await;
import social.atoll.testing.TestHttp;
import social.atoll.testing.TestInstance;

/**
 * The media behaviour every storage driver must show: the same tests run on local disk ({@link MediaIT}) and on
 * S3 ({@link MediaS3IT}). Files are read back through {@link #download}, so each driver proves its URLs.
 */
abstract class MediaContract {

    abstract TestInstance atoll();

    /** The bytes behind a media URL, or null when there is no such file. */
    abstract byte[] download(String url);

    /** How many objects the store holds (leftovers of refused uploads would show here). */
    abstract long storedObjects();

    private static final java.util.concurrent.atomic.AtomicInteger USERS = new java.util.concurrent.atomic.AtomicInteger();

    private String user() { return atoll().createUser("media_user" + USERS.incrementAndGet()); }

    TestHttp.Response upload(String version, String token, String filename, String type, byte[] data, String... fields) {
        Multipart m = new Multipart().file("file", filename, type, data);
        for (int i = 0; i < fields.length; i += 2) m.field(fields[i], fields[i + 1]);
        return m.send("POST", atoll().baseUrl() + "/api/" + version + "/media", token, atoll().app().infra.json);
    }

    private String uploadId(String token, byte[] jpeg) {
        TestHttp.Response r = upload("v2", token, "p.jpg", "image/jpeg", jpeg);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("id").asText();
    }

    private long mediaRows(String token) {
        long accountId = atoll().http().get("/api/v1/accounts/verify_credentials", token).json().get("id").asLong();
        return atoll().app().infra.db.read(h -> h.createQuery("SELECT COUNT(*) FROM media_attachments WHERE account_id = :a")
                .bind("a", accountId).mapTo(Long.class).one());
    }

    static Metadata metadata(byte[] data) throws Exception { return ImageMetadataReader.readMetadata(new ByteArrayInputStream(data), data.length); }

    @Test
    void aPhoneJpegLosesItsGpsAndIsTurnedUpright() throws Exception {
        String token = user();
        byte[] jpeg = TestImages.jpegWithExif(TestImages.halves(320, 160), 6);
        assertThat(metadata(jpeg).getFirstDirectoryOfType(GpsDirectory.class).getGeoLocation()).as("fixture has GPS").isNotNull();

        TestHttp.Response r = upload("v2", token, "phone.jpg", "image/jpeg", jpeg, "description", "a red and blue card");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode m = r.json();
        assertThat(m.get("type").asText()).isEqualTo("image");
        assertThat(m.get("description").asText()).isEqualTo("a red and blue card");
        assertThat(m.get("blurhash").asText()).hasSize(36);
        assertThat(m.get("text_url").isNull()).isTrue();
        // orientation 6 means "rotate 90° clockwise to show": 320×160 stored becomes 160×320 shown
        assertThat(m.at("/meta/original/width").asInt()).isEqualTo(160);
        assertThat(m.at("/meta/original/height").asInt()).isEqualTo(320);
        assertThat(m.at("/meta/original/size").asText()).isEqualTo("160x320");
        assertThat(m.at("/meta/original/aspect").asDouble()).isEqualTo(0.5);
        assertThat(m.at("/meta/small/width").asInt()).isEqualTo(160);

        byte[] stored = download(m.get("url").asText());
        assertThat(stored).isNotNull();
        Metadata md = metadata(stored);
        assertThat(md.getDirectoriesOfType(GpsDirectory.class)).isEmpty();
        assertThat(md.getDirectoriesOfType(ExifIFD0Directory.class)).isEmpty();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("Exif").doesNotContain("Phone!");
        BufferedImage img = TestImages.decode(stored);
        assertThat(img.getWidth()).isEqualTo(160);
        assertThat(img.getHeight()).isEqualTo(320);
        // the left (red) half of the sensor image is now on top
        assertThat(new java.awt.Color(img.getRGB(80, 40)).getRed()).isGreaterThan(200);
        assertThat(new java.awt.Color(img.getRGB(80, 280)).getBlue()).isGreaterThan(200);
        assertThat(download(m.get("preview_url").asText())).isNotNull();
    }

    @Test
    void pngWebpAndStillGifAreReencodedInTheirFamily() {
        String token = user();
        BufferedImage img = TestImages.halves(200, 100);
        record Case(String file, String type, byte[] data, String ext) {}
        for (Case c : List.of(new Case("a.png", "image/png", TestImages.encode(img, "png"), ".png"),
                new Case("a.webp", "image/webp", TestImages.encode(img, "webp"), ".webp"),
                new Case("a.gif", "image/gif", TestImages.encode(img, "gif"), ".png"),
                // a client that mislabels a PNG as JPEG still gets a PNG: the bytes decide
                new Case("b.jpg", "image/jpeg", TestImages.encode(img, "png"), ".png"))) {
            TestHttp.Response r = upload("v1", token, c.file(), c.type(), c.data());
            assertThat(r.status()).as(c.file() + " " + r.body()).isEqualTo(200);
            assertThat(r.json().get("url").asText()).as(c.file()).endsWith(c.ext());
            assertThat(r.json().at("/meta/original/width").asInt()).isEqualTo(200);
            assertThat(r.json().at("/meta/original/height").asInt()).isEqualTo(100);
            BufferedImage back = TestImages.decode(download(r.json().get("url").asText()));
            assertThat(back.getWidth()).as(c.file()).isEqualTo(200);
        }
    }

    @Test
    void largePhotosAreCappedByPixelAreaAsMastodonDoes() {
        String token = user();
        TestHttp.Response r = upload("v2", token, "big.jpg", "image/jpeg", TestImages.encode(TestImages.halves(4000, 3000), "jpg"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        int w = r.json().at("/meta/original/width").asInt();
        int h = r.json().at("/meta/original/height").asInt();
        assertThat((long) w * h).isLessThanOrEqualTo(8_294_400L).isGreaterThan(8_000_000L);
        assertThat((double) w / h).isCloseTo(4.0 / 3, org.assertj.core.data.Offset.offset(0.01));
        long small = (long) r.json().at("/meta/small/width").asInt() * r.json().at("/meta/small/height").asInt();
        assertThat(small).isLessThanOrEqualTo(230_400L).isGreaterThan(220_000L);
    }

    @Test
    void badFilesAreRefusedAndLeaveNothingBehind() {
        String token = user();
        long objects = storedObjects();
        TestHttp.Response text = upload("v2", token, "notes.txt", "text/plain", "hello".getBytes(StandardCharsets.UTF_8));
        assertThat(text.status()).isEqualTo(422);
        assertThat(text.json().get("error").asText()).isEqualTo("Validation failed: File content type is invalid");
        TestHttp.Response lying = upload("v2", token, "evil.png", "image/png", "<html><script>alert(1)</script>".getBytes(StandardCharsets.UTF_8));
        assertThat(lying.status()).isEqualTo(422);
        byte[] corrupt = TestImages.concat(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0}, new byte[500]);
        TestHttp.Response broken = upload("v2", token, "broken.jpg", "image/jpeg", corrupt);
        assertThat(broken.status()).isEqualTo(422);
        assertThat(broken.json().get("error").asText()).startsWith("Validation failed: File could not be processed");
        TestHttp.Response bomb = upload("v2", token, "bomb.png", "image/png", TestImages.pngClaiming(100_000, 100_000));
        assertThat(bomb.status()).isEqualTo(422);
        assertThat(bomb.json().get("error").asText()).contains("100000x100000").contains("larger than the limit");
        byte[] huge = new byte[16 * 1024 * 1024 + 1];
        huge[0] = (byte) 0xFF;
        huge[1] = (byte) 0xD8;
        huge[2] = (byte) 0xFF;
        TestHttp.Response tooBig = upload("v2", token, "huge.jpg", "image/jpeg", huge);
        assertThat(tooBig.status()).isEqualTo(422);
        assertThat(tooBig.json().get("error").asText()).isEqualTo("Validation failed: File file size must be less than 16 MB");
        TestHttp.Response none = new Multipart().field("description", "x").send("POST", atoll().baseUrl() + "/api/v2/media", token, atoll().app().infra.json);
        assertThat(none.status()).isEqualTo(422);

        assertThat(mediaRows(token)).isZero();
        assertThat(storedObjects()).isEqualTo(objects);
    }

    @Test
    void descriptionAndFocusCanBeSetAndChangedUntilPosted() {
        String token = user();
        String other = user();
        TestHttp.Response r = upload("v1", token, "p.jpg", "image/jpeg", TestImages.encode(TestImages.halves(64, 64), "jpg"),
                "description", "first", "focus", "0.5,-0.25");
        assertThat(r.status()).isEqualTo(200);
        String id = r.json().get("id").asText();
        assertThat(r.json().at("/meta/focus/x").asDouble()).isEqualTo(0.5);
        assertThat(r.json().at("/meta/focus/y").asDouble()).isEqualTo(-0.25);

        TestHttp.Response put = atoll().http().putJson("/api/v1/media/" + id, token, Map.of("description", "second", "focus", "-1,1"));
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().get("description").asText()).isEqualTo("second");
        assertThat(put.json().at("/meta/focus/x").asDouble()).isEqualTo(-1.0);
        assertThat(atoll().http().get("/api/v1/media/" + id, token).json().get("description").asText()).isEqualTo("second");
        assertThat(atoll().http().get("/api/v1/media/" + id, other).status()).isEqualTo(404);
        assertThat(atoll().http().putJson("/api/v1/media/" + id, other, Map.of("description", "mine")).status()).isEqualTo(404);
        assertThat(atoll().http().putJson("/api/v1/media/" + id, token, Map.of("focus", "left")).status()).isEqualTo(422);
        assertThat(atoll().http().putJson("/api/v1/media/" + id, token, Map.of("description", "x".repeat(1501))).status()).isEqualTo(422);

        atoll().http().postJson("/api/v1/statuses", token, Map.of("status", "posted", "media_ids", List.of(id)));
        assertThat(atoll().http().putJson("/api/v1/media/" + id, token, Map.of("description", "late")).status()).isEqualTo(404);
    }

    @Test
    void aStatusCarriesItsMediaInOrderEverywhereItIsRead() {
        String token = user();
        String follower = user();
        String authorId = atoll().http().get("/api/v1/accounts/verify_credentials", token).json().get("id").asText();
        atoll().http().postJson("/api/v1/accounts/" + authorId + "/follow", follower, Map.of());
        String a = uploadId(token, TestImages.encode(TestImages.halves(40, 40), "jpg"));
        String b = uploadId(token, TestImages.encode(TestImages.halves(50, 40), "jpg"));
        String c = uploadId(token, TestImages.encode(TestImages.halves(60, 40), "jpg"));

        // only pictures, no text: allowed with media
        TestHttp.Response posted = atoll().http().postForm("/api/v1/statuses", token,
                Map.of("media_ids[]", c, "status", ""));
        assertThat(posted.status()).as(posted.body()).isEqualTo(200);
        TestHttp.Response ordered = atoll().http().postJson("/api/v1/statuses", token, Map.of("status", "three", "media_ids", List.of(b, a)));
        assertThat(ordered.status()).as(ordered.body()).isEqualTo(200);
        String statusId = ordered.json().get("id").asText();
        assertThat(ordered.json().get("media_attachments").findValuesAsText("id")).containsExactly(b, a);

        JsonNode shown = atoll().http().get("/api/v1/statuses/" + statusId, follower).json();
        assertThat(shown.get("media_attachments").findValuesAsText("id")).containsExactly(b, a);
        assertThat(shown.get("media_attachments").get(0).get("url").asText()).isNotEmpty();
        JsonNode onlyMedia = atoll().http().get("/api/v1/accounts/" + authorId + "/statuses?only_media=true", null).json();
        assertThat(onlyMedia.findValuesAsText("id")).contains(statusId);
        JsonNode pub = atoll().http().get("/api/v1/timelines/public?only_media=true", null).json();
        assertThat(pub.get(0).get("media_attachments").size()).isPositive();
        Await.until("home timeline shows the media", () -> {
            JsonNode home = atoll().http().get("/api/v1/timelines/home", follower).json();
            for (JsonNode s : home) if (s.get("id").asText().equals(statusId)) return s.get("media_attachments").size() == 2;
            return false;
        });
    }

    @Test
    void onlyOwnUnattachedMediaUpToFourCanBeAttached() {
        String token = user();
        String other = user();
        String theirs = uploadId(other, TestImages.encode(TestImages.halves(30, 30), "jpg"));
        TestHttp.Response stolen = atoll().http().postJson("/api/v1/statuses", token, Map.of("status", "mine?", "media_ids", List.of(theirs)));
        assertThat(stolen.status()).isEqualTo(422);
        assertThat(stolen.json().get("error").asText()).contains(theirs).contains("not found");

        List<String> five = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) five.add(uploadId(token, TestImages.encode(TestImages.halves(20 + i, 20), "jpg")));
        TestHttp.Response tooMany = atoll().http().postJson("/api/v1/statuses", token, Map.of("status", "five", "media_ids", five));
        assertThat(tooMany.status()).isEqualTo(422);
        assertThat(tooMany.json().get("error").asText()).isEqualTo("Validation failed: Cannot attach more than 4 files");

        TestHttp.Response four = atoll().http().postJson("/api/v1/statuses", token, Map.of("status", "four", "media_ids", five.subList(0, 4)));
        assertThat(four.status()).isEqualTo(200);
        TestHttp.Response again = atoll().http().postJson("/api/v1/statuses", token, Map.of("status", "again", "media_ids", five.subList(0, 1)));
        assertThat(again.status()).isEqualTo(422);
        TestHttp.Response withPoll = atoll().http().postJson("/api/v1/statuses", token, Map.of("status", "poll",
                "media_ids", five.subList(4, 5), "poll", Map.of("options", List.of("a", "b"), "expires_in", 3600)));
        assertThat(withPoll.status()).isEqualTo(422);
        assertThat(atoll().http().postJson("/api/v1/statuses", token, Map.of("status", "", "media_ids", List.of())).status()).isEqualTo(422);
    }

    @Test
    void deletingWithDeleteMediaRemovesTheFilesAndTheSweepRemovesOrphans() {
        String token = user();
        String id = uploadId(token, TestImages.encode(TestImages.halves(30, 30), "jpg"));
        TestHttp.Response posted = atoll().http().postJson("/api/v1/statuses", token, Map.of("status", "bye", "media_ids", List.of(id)));
        String url = posted.json().at("/media_attachments/0/url").asText();
        assertThat(download(url)).isNotNull();
        TestHttp.Response deleted = atoll().http().delete("/api/v1/statuses/" + posted.json().get("id").asText() + "?delete_media=true", token);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("media_attachments").size()).isEqualTo(1);
        assertThat(download(url)).isNull();
        assertThat(mediaRows(token)).isZero();

        // kept for a redraft when delete_media is not given; an unattached upload older than a day is swept
        String kept = uploadId(token, TestImages.encode(TestImages.halves(30, 30), "jpg"));
        String orphan = uploadId(token, TestImages.encode(TestImages.halves(31, 30), "jpg"));
        String orphanUrl = atoll().http().get("/api/v1/media/" + orphan, token).json().get("url").asText();
        atoll().app().infra.db.write(h -> h.createUpdate("UPDATE media_attachments SET created_at = :t WHERE id = :id")
                .bind("t", Instant.now().minus(2, ChronoUnit.DAYS)).bind("id", Long.parseLong(orphan)).execute());
        assertThat(atoll().app().core.mediaSweep.run()).isGreaterThanOrEqualTo(1);
        assertThat(atoll().http().get("/api/v1/media/" + orphan, token).status()).isEqualTo(404);
        assertThat(download(orphanUrl)).isNull();
        assertThat(atoll().http().get("/api/v1/media/" + kept, token).status()).isEqualTo(200);
        assertThat(atoll().http().delete("/api/v1/media/" + kept, token).status()).isEqualTo(200);
        assertThat(atoll().http().get("/api/v1/media/" + kept, token).status()).isEqualTo(404);
    }

    @Test
    void avatarAndHeaderAreCroppedAndStripped() throws Exception {
        String token = user();
        byte[] photo = TestImages.jpegWithExif(TestImages.halves(800, 600), 1);
        TestHttp.Response r = new Multipart().file("avatar", "me.jpg", "image/jpeg", photo)
                .file("header", "h.jpg", "image/jpeg", TestImages.encode(TestImages.halves(3000, 2000), "jpg"))
                .field("display_name", "Pictured")
                .send("PATCH", atoll().baseUrl() + "/api/v1/accounts/update_credentials", token, atoll().app().infra.json);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("display_name").asText()).isEqualTo("Pictured");
        byte[] avatar = download(r.json().get("avatar").asText());
        BufferedImage a = TestImages.decode(avatar);
        assertThat(a.getWidth()).isEqualTo(400);
        assertThat(a.getHeight()).isEqualTo(400);
        assertThat(metadata(avatar).getDirectoriesOfType(GpsDirectory.class)).isEmpty();
        BufferedImage h = TestImages.decode(download(r.json().get("header").asText()));
        assertThat(h.getWidth()).isEqualTo(1500);
        assertThat(h.getHeight()).isEqualTo(500);
        String id = r.json().get("id").asText();
        assertThat(atoll().http().get("/api/v1/accounts/" + id, null).json().get("avatar").asText()).isEqualTo(r.json().get("avatar").asText());

        // a new avatar replaces the old file
        String oldAvatar = r.json().get("avatar").asText();
        TestHttp.Response again = new Multipart().file("avatar", "me2.png", "image/png", TestImages.encode(TestImages.halves(100, 100), "png"))
                .send("PATCH", atoll().baseUrl() + "/api/v1/accounts/update_credentials", token, atoll().app().infra.json);
        assertThat(again.json().get("avatar").asText()).isNotEqualTo(oldAvatar).endsWith(".png");
        assertThat(download(oldAvatar)).isNull();
        TestHttp.Response bad = new Multipart().file("avatar", "x.txt", "text/plain", "nope".getBytes(StandardCharsets.UTF_8))
                .send("PATCH", atoll().baseUrl() + "/api/v1/accounts/update_credentials", token, atoll().app().infra.json);
        assertThat(bad.status()).isEqualTo(422);
        // a refused profile change keeps the old avatar, and leaves no new file behind
        long objects = storedObjects();
        TestHttp.Response refused = new Multipart().file("avatar", "me3.png", "image/png", TestImages.encode(TestImages.halves(90, 90), "png"))
                .field("display_name", "x".repeat(100))
                .send("PATCH", atoll().baseUrl() + "/api/v1/accounts/update_credentials", token, atoll().app().infra.json);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(atoll().http().get("/api/v1/accounts/verify_credentials", token).json().get("avatar").asText())
                .isEqualTo(again.json().get("avatar").asText());
        assertThat(storedObjects()).isEqualTo(objects);
    }

    @Test
    void videoAndAnimatedGifAreTranscodedInTheBackground() throws Exception {
        Ffmpeg ffmpeg = Ffmpeg.find(atoll().app().infra.jsonColumns).orElse(null);
        if (ffmpeg == null) fail("ffmpeg and ffprobe must be installed for the media tests (apt-get install -y ffmpeg; .ci/run installs it)");
        String token = user();
        Path dir = Files.createTempDirectory("atoll-video-test");
        Path video = dir.resolve("clip.mkv");
        ffmpeg.run("-f", "lavfi", "-i", "testsrc=duration=1:size=320x240:rate=10", "-f", "lavfi", "-i", "sine=duration=1",
                "-metadata", "title=secret place", "-c:v", "mpeg4", "-c:a", "aac", video.toString());
        TestHttp.Response r = upload("v2", token, "clip.mkv", "video/x-matroska", Files.readAllBytes(video), "description", "test card");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        assertThat(r.json().get("url").isNull()).isTrue();
        String id = r.json().get("id").asText();
        Await.until("video processed", () -> atoll().http().get("/api/v1/media/" + id, token).status() == 200);
        JsonNode m = atoll().http().get("/api/v1/media/" + id, token).json();
        assertThat(m.get("type").asText()).isEqualTo("video");
        assertThat(m.get("url").asText()).endsWith(".mp4");
        assertThat(m.get("preview_url").asText()).isNotEmpty();
        assertThat(m.get("blurhash").asText()).isNotEmpty();
        assertThat(m.at("/meta/original/width").asInt()).isEqualTo(320);
        assertThat(m.at("/meta/original/duration").asDouble()).isGreaterThan(0.5);
        Path out = dir.resolve("out.mp4");
        Files.write(out, download(m.get("url").asText()));
        Ffmpeg.Probe p = ffmpeg.probe(out).orElseThrow();
        assertThat(p.video().codec()).isEqualTo("h264");
        assertThat(p.audio().codec()).isEqualTo("aac");
        assertThat(new String(Files.readAllBytes(out), StandardCharsets.ISO_8859_1)).doesNotContain("secret place");

        TestHttp.Response gif = upload("v2", token, "anim.gif", "image/gif", TestImages.animatedGif(64, 48, 6));
        assertThat(gif.status()).as(gif.body()).isEqualTo(202);
        String gifId = gif.json().get("id").asText();
        Await.until("gif processed", () -> atoll().http().get("/api/v1/media/" + gifId, token).status() == 200);
        JsonNode g = atoll().http().get("/api/v1/media/" + gifId, token).json();
        assertThat(g.get("type").asText()).isEqualTo("gifv");
        assertThat(g.get("url").asText()).endsWith(".mp4");

        // v1 processes before answering; a custom thumbnail becomes the preview
        TestHttp.Response sync = new Multipart().file("file", "clip.mkv", "video/x-matroska", Files.readAllBytes(video))
                .file("thumbnail", "cover.png", "image/png", TestImages.encode(TestImages.halves(1280, 720), "png"))
                .send("POST", atoll().baseUrl() + "/api/v1/media", token, atoll().app().infra.json);
        assertThat(sync.status()).as(sync.body()).isEqualTo(200);
        assertThat(sync.json().get("url").asText()).endsWith(".mp4");
        assertThat(sync.json().get("preview_url").asText()).endsWith("_cover.png");
        assertThat(sync.json().at("/meta/small/width").asInt()).isEqualTo(640);
        assertThat(TestImages.decode(download(sync.json().get("preview_url").asText())).getHeight()).isEqualTo(360);
        TestHttp.Response posted = atoll().http().postJson("/api/v1/statuses", token, Map.of("status", "watch", "media_ids", List.of(id)));
        assertThat(posted.json().at("/media_attachments/0/type").asText()).isEqualTo("video");
    }
}
