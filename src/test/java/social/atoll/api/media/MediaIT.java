package social.atoll.api.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.testing.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;

/** The media contract on the local-disk driver, whose files Atoll serves itself at {@code /system/…}. */
class MediaIT extends MediaContract {

    private static TestInstance atoll;

    @BeforeAll
    static void start() { atoll = TestInstance.start(); }

    @AfterAll
    static void stop() { atoll.close(); }

    @Override
    TestInstance atoll() { return atoll; }

    @Override
    byte[] download(String url) {
        HttpResponse<byte[]> r = Multipart.fetch(url);
        if (r.statusCode() == 404) return null;
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Cache-Control").orElse("")).contains("immutable");
        return r.body();
    }

    @Override
    long storedObjects() {
        Path root = atoll.dataDir().resolve("media");
        if (!Files.exists(root)) return 0;
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void albumsCanBeLargerWhenTheOperatorSaysSo() {
        try (TestInstance albums = TestInstance.start(java.util.Map.of("ATOLL_MAX_MEDIA_ATTACHMENTS", "6"))) {
            assertThat(albums.http().get("/api/v2/instance").json().at("/configuration/statuses/max_media_attachments").asInt()).isEqualTo(6);
            String token = albums.createUser("album");
            java.util.List<String> ids = new java.util.ArrayList<>();
            for (int i = 0; i < 7; i++) {
                var r = new Multipart().file("file", "p.png", "image/png", TestImages.encode(TestImages.halves(10 + i, 10), "png"))
                        .send("POST", albums.baseUrl() + "/api/v2/media", token, albums.app().infra.json);
                ids.add(r.json().get("id").asText());
            }
            var seven = albums.http().postJson("/api/v1/statuses", token, java.util.Map.of("status", "seven", "media_ids", ids));
            assertThat(seven.json().get("error").asText()).isEqualTo("Validation failed: Cannot attach more than 6 files");
            var six = albums.http().postJson("/api/v1/statuses", token, java.util.Map.of("status", "six", "media_ids", ids.subList(1, 7)));
            assertThat(six.json().get("media_attachments").findValuesAsText("id")).containsExactlyElementsOf(ids.subList(1, 7));
        }
    }

    @Test
    void videoProcessingIsADurableJobThatSurvivesARestart() throws Exception {
        social.atoll.core.media.Ffmpeg ffmpeg = social.atoll.core.media.Ffmpeg.find(atoll.app().infra.jsonColumns).orElse(null);
        if (ffmpeg == null) org.assertj.core.api.Assertions.fail(
                "ffmpeg and ffprobe must be installed for the media tests (apt-get install -y ffmpeg; .ci/run installs it)");
        Path video = Files.createTempDirectory("atoll-durable").resolve("clip.mkv");
        ffmpeg.run("-f", "lavfi", "-i", "testsrc=duration=1:size=160x120:rate=10", "-c:v", "mpeg4", video.toString());
        // a web-only node stores the upload and its job; no worker runs it before the stop
        TestInstance webOnly = TestInstance.start(java.util.Map.of("ATOLL_ROLE", "web"));
        TestInstance restarted = null;
        try {
            String token = webOnly.createUser("durable");
            var r = new Multipart().file("file", "clip.mkv", "video/x-matroska", Files.readAllBytes(video))
                    .send("POST", webOnly.baseUrl() + "/api/v2/media", token, webOnly.app().infra.json);
            assertThat(r.status()).as(r.body()).isEqualTo(202);
            String id = r.json().get("id").asText();
            assertThat(webOnly.app().infra.jobs.pendingCounts().get("media.process")).isEqualTo(1);
            assertThat(webOnly.http().get("/api/v1/media/" + id, token).status()).isEqualTo(206);

            restarted = webOnly.restart(java.util.Map.of("ATOLL_ROLE", "all"), app -> {});
            TestInstance now = restarted;
            social.atoll.testing.Await.until("the stored job processes the video after the restart",
                    () -> now.http().get("/api/v1/media/" + id, token).status() == 200);
            var m = now.http().get("/api/v1/media/" + id, token).json();
            assertThat(m.get("type").asText()).isEqualTo("gifv");
            assertThat(m.get("url").asText()).endsWith(".mp4");
        } finally {
            if (restarted != null) restarted.close();
            else webOnly.close();
        }
    }

    @Test
    void systemFilesCarryTheirTypeAndCannotEscapeTheStore() {
        String token = atoll.createUser("sysfiles");
        var r = upload("v2", token, "p.png", "image/png", TestImages.encode(TestImages.halves(20, 20), "png"));
        HttpResponse<byte[]> file = Multipart.fetch(r.json().get("url").asText());
        assertThat(file.headers().firstValue("Content-Type").orElse("")).isEqualTo("image/png");
        assertThat(file.headers().firstValue("X-Content-Type-Options").orElse("")).isEqualTo("nosniff");
        for (String path : new String[] {"/system/../secrets.properties", "/system/%2e%2e/secrets.properties",
                "/system/media_attachments/..%2f..%2fsecrets.properties", "/system/secrets.properties", "/system/atoll.db"}) {
            assertThat(Multipart.fetch(atoll.baseUrl() + path).statusCode()).as(path).isEqualTo(404);
        }
    }
}
