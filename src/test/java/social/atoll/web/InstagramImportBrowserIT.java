package social.atoll.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.openqa.selenium.support.ui.Select;
import social.atoll.bench.InstagramExports;
import social.atoll.core.account.Account;
import social.atoll.testing.Await;
import social.atoll.testing.TestInstance;
import social.atoll.testing.WebBrowser;

/**
 * The Instagram import from the web settings, in a real browser: an export made by the test (the 2024 layout, an
 * album, a HEIC photo) uploaded through the page, its progress refreshed by htmx until the report shows, the
 * notification that it ended, the imported posts with the chosen visibility; refused files shown as readable errors.
 * HEIC goes through libheif's heif-convert when this machine has it; without it the report names the reason.
 */
@org.junit.jupiter.api.TestInstance(Lifecycle.PER_CLASS)
class InstagramImportBrowserIT {

    private TestInstance atoll;
    private WebBrowser browser;
    private Account alice;

    @BeforeAll
    void start() {
        atoll = TestInstance.start();
        alice = new WebSeed(atoll).user("alice");
        new WebSeed(atoll).user("bea");
        browser = new WebBrowser(atoll.baseUrl());
    }

    @AfterAll
    void stop() {
        if (browser != null) browser.close();
        if (atoll != null) atoll.close();
    }

    @Test
    void anExportUploadedFromTheSettingsIsImportedWithProgressReportAndNotification() throws Exception {
        byte[] heic = heic();
        List<InstagramExports.Post> posts = new ArrayList<>();
        posts.add(new InstagramExports.Post(Instant.parse("2018-05-01T09:00:00Z"), "Caf\u00e9 on the pier #coffee", List.of(jpg("a", Color.RED))));
        posts.add(new InstagramExports.Post(Instant.parse("2021-08-15T17:00:00Z"), "Two days at sea",
                List.of(jpg("b", Color.BLUE), jpg("c", Color.GREEN))));
        posts.add(new InstagramExports.Post(Instant.parse("2024-02-02T12:00:00Z"), "Shot on a phone",
                List.of(new InstagramExports.File("d.heic", heic != null ? heic : new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c'}))));
        Path zip = Files.createTempFile("instagram", ".zip");
        InstagramExports.write(zip, InstagramExports.Layout.ACTIVITY_2024, posts);

        browser.signIn("alice");
        browser.open("/settings/profile");
        browser.find(".settings-nav a[href='/settings/import/instagram']").click();
        browser.await("#instagram-file", 10);
        assertThat(browser.accessibilityViolations()).as("axe on the import page").isEmpty();
        browser.find("#instagram-file").sendKeys(zip.toString());
        new Select(browser.find("#instagram-visibility")).selectByValue("unlisted");
        browser.find("form[action='/settings/import/instagram'] button[type=submit]").click();
        assertThat(browser.awaitText("p.notice", 20)).contains("Your Instagram import has started");
        // the list asks again every two seconds until the import has ended
        Await.until("the import ends", () -> !browser.all(".instagram-import[data-state=done]").isEmpty());
        String summary = browser.find(".instagram-summary").getText();
        if (heic != null) {
            assertThat(summary).isEqualTo("3 posts and 4 photos or videos imported, 0 skipped");
        } else {
            assertThat(summary).isEqualTo("2 posts and 3 photos or videos imported, 1 skipped");
            browser.find(".import-report-box summary").click();
            assertThat(browser.find(".import-report").getText()).contains("HEIC needs heif-convert");
        }
        assertThat(browser.accessibilityViolations()).as("axe on the finished import").isEmpty();
        browser.screenshot("instagram-import-desktop");

        JsonNode statuses = atoll.http().get("/api/v1/accounts/" + alice.id() + "/statuses").json();
        assertThat(statuses).hasSize(heic != null ? 3 : 2);
        for (JsonNode s : statuses) assertThat(s.get("visibility").asText()).isEqualTo("unlisted");
        if (heic != null) {
            JsonNode fromHeic = statuses.get(0);
            assertThat(fromHeic.get("created_at").asText()).startsWith("2024-02-02T12:00:00");
            assertThat(fromHeic.get("media_attachments").get(0).get("type").asText()).isEqualTo("image");
            assertThat(fromHeic.get("media_attachments").get(0).get("meta").get("original").get("width").asInt()).isEqualTo(64);
        }
        assertThat(statuses.get(statuses.size() - 1).get("content").asText()).contains("Café");

        browser.open("/notifications");
        assertThat(browser.awaitText(".n-atoll-instagram_imported", 10)).contains("your Instagram import has ended");
        browser.size(WebBrowser.PHONE);
        try {
            browser.open("/settings/import/instagram");
            assertThat(browser.scrollsSideways()).isFalse();
            browser.screenshot("instagram-import-phone");
        } finally {
            browser.size(WebBrowser.DESKTOP);
        }
        Files.deleteIfExists(zip);
    }

    @Test
    void aFileThatIsNoInstagramExportIsRefusedReadablyWithNothingImported() throws Exception {
        browser.signIn("bea");
        browser.open("/settings/import/instagram");
        Path notZip = Files.createTempFile("photos", ".zip");
        Files.writeString(notZip, "these are not the photos you are looking for");
        browser.find("#instagram-file").sendKeys(notZip.toString());
        new Select(browser.find("#instagram-visibility")).selectByValue("private");
        browser.find("form[action='/settings/import/instagram'] button[type=submit]").click();
        String error = browser.awaitText("p.error", 15);
        assertThat(error).startsWith("This export cannot be imported:").doesNotContain("Exception");
        assertThat(new Select(browser.find("#instagram-visibility")).getFirstSelectedOption().getAttribute("value")).isEqualTo("private");

        // Instagram's HTML export: the page says JSON is needed
        Path html = Files.createTempFile("html", ".zip");
        InstagramExports.write(html, InstagramExports.Layout.HTML,
                List.of(new InstagramExports.Post(Instant.parse("2020-01-01T00:00:00Z"), "x", List.of(jpg("h", Color.RED)))));
        browser.find("#instagram-file").sendKeys(html.toString());
        browser.find("form[action='/settings/import/instagram'] button[type=submit]").click();
        Await.until("the HTML export is refused", () -> browser.find("p.error").getText().contains("JSON"));
        assertThat(browser.all(".instagram-import")).isEmpty();
        assertThat(atoll.http().get("/api/v1/accounts/" + atoll.app().core.accounts.byAcct("bea", null).orElseThrow().id() + "/statuses")
                .json()).isEmpty();
        assertThat(browser.accessibilityViolations()).as("axe on the refused import").isEmpty();
        Files.deleteIfExists(notZip);
        Files.deleteIfExists(html);
    }

    private static InstagramExports.File jpg(String name, Color color) throws Exception {
        BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, 64, 48);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", out);
        return new InstagramExports.File(name + ".jpg", out.toByteArray());
    }

    /** A real HEIC photo made with libheif's heif-enc, or null when this machine has no HEIC tools. */
    private static byte[] heic() throws Exception {
        if (social.atoll.core.media.HeifDecoder.find().isEmpty() || !onPath("heif-enc")) return null;
        BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, 64, 48);
        g.dispose();
        Path png = Files.createTempFile("heic-source", ".png");
        Path out = Files.createTempFile("photo", ".heic");
        ImageIO.write(img, "png", png.toFile());
        Process p = new ProcessBuilder("heif-enc", png.toString(), "-o", out.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        byte[] bytes = Files.readAllBytes(out);
        Files.deleteIfExists(png);
        Files.deleteIfExists(out);
        return bytes;
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) return true;
        return false;
    }
}
