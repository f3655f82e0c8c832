package social.atoll.api.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.core.media.HeifDecoder;
import social.atoll.testing.TestInstance;

/**
 * HEIC photos (issue 11): the instance lists {@code image/heic} and {@code image/heif} among the media types exactly
 * when this server can convert them (libheif's {@code heif-convert} installed), and such an upload comes out as a
 * JPEG of the same size and colour. The CI image installs libheif-examples; without it the conversion test is skipped
 * and the listing test checks the types are left out.
 */
class HeicUploadIT {

    private static TestInstance atoll;
    private static String token;

    @BeforeAll
    static void start() {
        atoll = TestInstance.start();
        token = atoll.createUser("iphone");
    }

    @AfterAll
    static void stop() { atoll.close(); }

    @Test
    void theInstanceListsHeicExactlyWhenItCanConvertIt() {
        boolean installed = HeifDecoder.find().isPresent();
        JsonNode v2 = atoll.http().get("/api/v2/instance").json().at("/configuration/media_attachments/supported_mime_types");
        JsonNode v1 = atoll.http().get("/api/v1/instance").json().at("/configuration/media_attachments/supported_mime_types");
        for (JsonNode types : List.of(v2, v1)) {
            List<String> listed = new ArrayList<>();
            types.forEach(t -> listed.add(t.asText()));
            assertThat(listed).contains("image/jpeg", "image/png", "image/webp", "video/mp4");
            if (installed) assertThat(listed).contains("image/heic", "image/heif").doesNotHaveDuplicates();
            else assertThat(listed).doesNotContain("image/heic", "image/heif");
        }
    }

    @Test
    void aHeicPhotoIsTakenAsAJpegOfTheSameSizeAndColour() throws Exception {
        assumeTrue(HeifDecoder.find().isPresent() && onPath("heif-enc"), "libheif's heif-convert and heif-enc are needed");
        byte[] heic = heic(64, 48, Color.ORANGE);
        for (String type : List.of("image/heic", "image/heif")) {
            var up = new Multipart().file("file", "IMG_0001.HEIC", type, heic).field("description", "An orange card")
                    .send("POST", atoll.baseUrl() + "/api/v2/media", token, atoll.app().infra.json);
            assertThat(up.status()).as(up.body()).isEqualTo(200);
            assertThat(up.json().get("type").asText()).isEqualTo("image");
            assertThat(up.json().at("/meta/original/width").asInt()).isEqualTo(64);
            assertThat(up.json().at("/meta/original/height").asInt()).isEqualTo(48);
            var file = Multipart.fetch(up.json().get("url").asText());
            assertThat(file.statusCode()).isEqualTo(200);
            assertThat(file.headers().firstValue("Content-Type").orElse("")).isEqualTo("image/jpeg");
            BufferedImage stored = TestImages.decode(file.body());
            Color c = new Color(stored.getRGB(32, 24));
            // orange (255, 200, 0) within what two lossy encodings leave of it
            assertThat(c.getRed()).isGreaterThan(220);
            assertThat(c.getGreen()).isBetween(160, 235);
            assertThat(c.getBlue()).isLessThan(50);
        }
        // a file that only claims to be HEIC is refused as any unreadable upload
        var fake = new Multipart().file("file", "fake.heic", "image/heic", new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c', 1, 2, 3})
                .send("POST", atoll.baseUrl() + "/api/v2/media", token, atoll.app().infra.json);
        assertThat(fake.status()).isEqualTo(422);
        assertThat(fake.json().get("error").asText()).contains("HEIC");
    }

    private static byte[] heic(int w, int h, Color colour) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, w, h);
        g.dispose();
        Path png = Files.createTempFile("heic-source", ".png");
        Path out = Files.createTempFile("photo", ".heic");
        try {
            ImageIO.write(img, "png", png.toFile());
            Process p = new ProcessBuilder("heif-enc", png.toString(), "-o", out.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
            return Files.readAllBytes(out);
        } finally {
            Files.deleteIfExists(png);
            Files.deleteIfExists(out);
        }
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) return true;
        return false;
    }
}
