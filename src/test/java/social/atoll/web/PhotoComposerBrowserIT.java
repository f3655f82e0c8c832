package social.atoll.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.HasCdp;
import org.openqa.selenium.interactions.Actions;
import social.atoll.testing.TestInstance;
import social.atoll.testing.WebBrowser;

/**
 * The photo composer (issue 11) in a real browser with software WebGL: a filter and an adjustment are baked into the
 * pixels of the file that is uploaded (read back from storage and decoded here), the filter's name is kept and shown;
 * the WebGL and 2D-canvas paths agree; the album is reordered with the keyboard; a photo without alt text is
 * reminded of once; and with JavaScript off the plain form still uploads.
 */
@org.junit.jupiter.api.TestInstance(Lifecycle.PER_CLASS)
class PhotoComposerBrowserIT {

    private static final Color RED = new Color(200, 40, 40);
    private static final Color GREEN = new Color(40, 180, 60);
    private static final Color BLUE = new Color(40, 60, 200);
    private static final Color GREY = new Color(128, 128, 128);

    private TestInstance atoll;
    private WebBrowser browser;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

    @BeforeAll
    void start() {
        // an instance that allows albums of six
        atoll = TestInstance.start(Map.of("ATOLL_MAX_MEDIA_ATTACHMENTS", "6"));
        WebSeed seed = new WebSeed(atoll);
        seed.user("alice");
        browser = new WebBrowser(atoll.baseUrl());
        browser.signIn("alice");
    }

    @AfterAll
    void stop() {
        if (browser != null) browser.close();
        if (atoll != null) atoll.close();
    }

    @Test
    void inkwellAndMoreBrightnessAreBakedIntoTheStoredPhotoAndItsFilterNameIsKept() throws Exception {
        browser.open("/compose");
        assertThat(browser.find("form[data-compose]").getAttribute("data-max-media")).isEqualTo("6");
        browser.find("#compose-text").sendKeys("Four colours in black and white");
        browser.find("#compose-files").sendKeys(quadrants("quadrants.png").toString());
        WebElement dialog = browser.await("dialog.photo-editor[open]", 30);
        browser.await(".pe-filter canvas", 10);
        assertThat(browser.all(".pe-filter")).hasSize(42); // "Normal" and Pixelfed's 41
        assertThat(browser.accessibilityViolations()).isEmpty();
        // the filters are a radio group: focus starts on "Normal", the arrow keys pick the next one
        assertThat(browser.js("return document.activeElement.value;")).isEqualTo("");
        new Actions(browser.driver()).sendKeys(Keys.ARROW_RIGHT).perform();
        browser.waitUntil(5, d -> "1977".equals(browser.find("[data-pe-canvas]").getAttribute("data-filter")));
        pickFilter("Inkwell");
        slide("brightness", 40);
        assertThat(browser.find("[data-pe-canvas]").getAttribute("data-filter")).isEqualTo("Inkwell");
        // the preview is monochrome too
        assertThat((Boolean) browser.js("""
                const c = document.querySelector('[data-pe-canvas]');
                const k = document.createElement('canvas'); k.width = c.width; k.height = c.height;
                const x = k.getContext('2d'); x.drawImage(c, 0, 0);
                const d = x.getImageData(0, 0, c.width, c.height).data;
                for (let i = 0; i < d.length; i += 4 * 97) if (Math.abs(d[i] - d[i + 1]) > 1 || Math.abs(d[i + 1] - d[i + 2]) > 1) return false;
                return true;""")).isTrue();
        browser.screenshot("photo-editor");
        dialog.findElement(By.cssSelector("[data-pe-done]")).click();

        WebElement alt = browser.await(".attachment textarea", 30);
        assertThat(browser.find(".attachment").getText()).contains("Filter: Inkwell");
        alt.sendKeys("Four squares of grey: they were red, green, blue and grey");
        browser.find("[data-submit]").click();
        browser.waitUntil(15, d -> browser.path().startsWith("/@alice/"));
        long id = Long.parseLong(browser.path().substring("/@alice/".length()));
        assertThat(browser.find(".media").getText()).contains("Filter: Inkwell");
        browser.screenshot("photo-status");

        JsonNode media = atoll.http().get("/api/v1/statuses/" + id).json().get("media_attachments").get(0);
        assertThat(media.get("filter_name").asText()).isEqualTo("Inkwell");
        assertThat(media.get("filter_class").asText()).isEqualTo("filter-inkwell");
        BufferedImage stored = fetch(media.get("url").asText());
        assertThat(stored.getWidth()).isEqualTo(600);
        assertThat(stored.getHeight()).isEqualTo(400);
        int[] grey = null;
        for (int[] at : new int[][] {{150, 100}, {450, 100}, {150, 300}, {450, 300}}) {
            int[] p = rgb(stored, at[0], at[1]);
            // monochrome: R = G = B, within JPEG's rounding
            assertThat(Math.abs(p[0] - p[1])).as("R-G at %s", List.of(at[0], at[1])).isLessThanOrEqualTo(3);
            assertThat(Math.abs(p[1] - p[2])).as("G-B at %s", List.of(at[0], at[1])).isLessThanOrEqualTo(3);
            if (at[0] == 450 && at[1] == 300) grey = p;
        }
        // the grey square (128) came out brighter: the brightness was baked in, not just shown
        assertThat(grey[1]).isGreaterThan(140);
        // and the colours became different greys (a filter, not a flat fill)
        assertThat(Math.abs(rgb(stored, 150, 100)[1] - rgb(stored, 450, 100)[1])).isGreaterThan(10);
    }

    @Test
    void theWebGlAndCanvasPathsAgreeAndClarendonAddsContrast() {
        browser.open("/compose");
        String script = """
                const done = arguments[arguments.length - 1];
                const url = document.querySelector('script[src*="app.js"]').src.replace(/app\\.js.*$/, 'photo-filters.js');
                import(url).then(async (f) => {
                  const src = document.createElement('canvas');
                  src.width = 64; src.height = 64;
                  const g = src.getContext('2d');
                  for (let y = 0; y < 64; y++) for (let x = 0; x < 64; x++) {
                    g.fillStyle = 'rgb(' + (x * 4) + ',' + (y * 4) + ',' + ((x + y) * 2) + ')'; g.fillRect(x, y, 1, 1);
                  }
                  const bmp = await createImageBitmap(src);
                  const read = (c) => { const k = document.createElement('canvas'); k.width = c.width; k.height = c.height;
                    const x = k.getContext('2d'); x.drawImage(c, 0, 0); return x.getImageData(0, 0, c.width, c.height).data; };
                  const geo = f.geometry(1, [0.1, 0.1, 0.8, 0.8], false);
                  const adjust = { brightness: 20, warmth: 30, vignette: 40 };
                  const gl = f.renderer(false), cv = f.renderer(true);
                  let worst = 0;
                  for (const name of ['Clarendon', 'Moon', 'Toaster', 'X-Pro II']) {
                    const a = read(gl.draw(bmp, name, adjust, geo, 51, 51)), b = read(cv.draw(bmp, name, adjust, geo, 51, 51));
                    for (let i = 0; i < a.length; i++) if (i % 4 !== 3) worst = Math.max(worst, Math.abs(a[i] - b[i]));
                  }
                  const plain = read(gl.draw(bmp, '', {}, f.geometry(0, [0, 0, 1, 1], false), 64, 64));
                  const clar = read(gl.draw(bmp, 'Clarendon', {}, f.geometry(0, [0, 0, 1, 1], false), 64, 64));
                  const spread = (d) => { let lo = 255, hi = 0; for (let i = 1; i < d.length; i += 4) { lo = Math.min(lo, d[i]); hi = Math.max(hi, d[i]); } return hi - lo; };
                  done({ kind: gl.kind, worst, plain: spread(plain), clarendon: spread(clar) });
                }).catch((e) => done({ error: String(e) }));""";
        @SuppressWarnings("unchecked")
        Map<String, Object> r = (Map<String, Object>) ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeAsyncScript(script);
        assertThat(r).doesNotContainKey("error");
        assertThat(r.get("kind")).isEqualTo("webgl");
        // the same formula in both: within a few levels per channel (rounding and texture sampling)
        assertThat(((Number) r.get("worst")).intValue()).isLessThanOrEqualTo(6);
        assertThat(((Number) r.get("clarendon")).intValue()).isGreaterThan(((Number) r.get("plain")).intValue());
    }

    @Test
    void eachAdjustmentMovesThePixelsItsWayOnBothPaths() {
        browser.open("/compose");
        String script = """
                const done = arguments[arguments.length - 1];
                const url = document.querySelector('script[src*="app.js"]').src.replace(/app\\.js.*$/, 'photo-filters.js');
                import(url).then(async (f) => {
                  const src = document.createElement('canvas');
                  src.width = 64; src.height = 64;
                  const g = src.getContext('2d');
                  for (let y = 0; y < 64; y++) for (let x = 0; x < 64; x++) {
                    g.fillStyle = 'rgb(' + (40 + x * 2) + ',' + (60 + y * 2) + ',' + (180 - x - y) + ')'; g.fillRect(x, y, 1, 1);
                  }
                  const bmp = await createImageBitmap(src);
                  const read = (c) => { const k = document.createElement('canvas'); k.width = c.width; k.height = c.height;
                    const x = k.getContext('2d'); x.drawImage(c, 0, 0); return x.getImageData(0, 0, c.width, c.height).data; };
                  const geo = f.geometry(0, [0, 0, 1, 1], false);
                  const stats = (d) => {
                    let n = 0, sum = 0, sq = 0, chroma = 0, warm = 0, lo = 255, corner = 0, centre = 0;
                    for (let i = 0; i < d.length; i += 4) {
                      const l = 0.2126 * d[i] + 0.7152 * d[i + 1] + 0.0722 * d[i + 2];
                      n++; sum += l; sq += l * l; lo = Math.min(lo, l);
                      chroma += Math.max(d[i], d[i + 1], d[i + 2]) - Math.min(d[i], d[i + 1], d[i + 2]);
                      warm += d[i] - d[i + 2];
                      const p = i / 4, x = p % 64, y = Math.floor(p / 64);
                      if ((x < 6 || x > 57) && (y < 6 || y > 57)) corner += l;
                      if (x > 28 && x < 36 && y > 28 && y < 36) centre += l;
                    }
                    const mean = sum / n;
                    return { mean, spread: Math.sqrt(sq / n - mean * mean), chroma: chroma / n, warm: warm / n, lo, corner, centre };
                  };
                  const out = {};
                  for (const [kind, r] of [['webgl', f.renderer(false)], ['canvas', f.renderer(true)]]) {
                    const s = (adjust) => stats(read(r.draw(bmp, '', adjust, geo, 64, 64)));
                    const base = s({});
                    const v = s({ vignette: 80 });
                    out[kind] = {
                      brighter: s({ brightness: 60 }).mean > base.mean + 5,
                      darker: s({ brightness: -60 }).mean < base.mean - 5,
                      contrast: s({ contrast: 60 }).spread > base.spread * 1.2,
                      flatter: s({ contrast: -60 }).spread < base.spread * 0.8,
                      saturated: s({ saturation: 60 }).chroma > base.chroma * 1.2,
                      grey: s({ saturation: -100 }).chroma < 3,
                      warmer: s({ warmth: 60 }).warm > base.warm + 5,
                      cooler: s({ warmth: -60 }).warm < base.warm - 5,
                      faded: s({ fade: 80 }).lo > base.lo + 5 && s({ fade: 80 }).spread < base.spread,
                      vignette: v.corner < base.corner * 0.85 && Math.abs(v.centre - base.centre) < base.centre * 0.05,
                    };
                  }
                  done(out);
                }).catch((e) => done({ error: String(e) }));""";
        @SuppressWarnings("unchecked")
        Map<String, Object> r = (Map<String, Object>) ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeAsyncScript(script);
        assertThat(r).doesNotContainKey("error");
        for (String kind : List.of("webgl", "canvas")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> checks = (Map<String, Object>) r.get(kind);
            assertThat(checks).as(kind).hasSize(10).allSatisfy((name, ok) -> assertThat(ok).as(kind + " " + name).isEqualTo(true));
        }
    }

    @Test
    void theCropRatiosAndAFreeCropShapeTheStoredPhotos() throws Exception {
        browser.open("/compose");
        browser.find("#compose-text").sendKeys("Three crops");
        for (String ratio : List.of("16:9", "4:5", "free")) {
            browser.find("#compose-files").sendKeys(quadrants("crop-" + ratio.replace(':', '-') + ".png").toString());
            browser.await("dialog.photo-editor[open]", 30);
            browser.find("dialog.photo-editor input[data-ratio][value='" + ratio + "']").click();
            if (ratio.equals("free")) {
                // a free frame is resized with Shift and the arrow keys on the picture: ten steps of 2% narrower
                WebElement canvas = browser.find("dialog.photo-editor [data-pe-canvas]");
                browser.js("arguments[0].focus();", canvas);
                Actions keys = new Actions(browser.driver()).keyDown(Keys.SHIFT);
                for (int i = 0; i < 10; i++) keys.sendKeys(Keys.ARROW_LEFT);
                keys.keyUp(Keys.SHIFT).perform();
            }
            int expected = List.of("16:9", "4:5", "free").indexOf(ratio) + 1;
            browser.find("dialog.photo-editor [data-pe-done]").click();
            browser.waitUntil(60, d -> browser.all(".attachment").size() == expected);
            browser.all(".attachment textarea").get(expected - 1).sendKeys("Cropped " + ratio);
        }
        browser.find("[data-submit]").click();
        browser.waitUntil(15, d -> browser.path().startsWith("/@alice/"));
        long id = Long.parseLong(browser.path().substring("/@alice/".length()));
        JsonNode media = atoll.http().get("/api/v1/statuses/" + id).json().get("media_attachments");
        List<int[]> sizes = new ArrayList<>();
        for (JsonNode m : media) {
            BufferedImage stored = fetch(m.get("url").asText());
            sizes.add(new int[] {stored.getWidth(), stored.getHeight()});
        }
        // 600×400 pictures: 16:9 keeps the width, 4:5 the height; the free frame lost a fifth of its width
        assertThat(sizes.get(0)[0]).isEqualTo(600);
        assertThat(sizes.get(0)[1]).isBetween(336, 339);
        assertThat(sizes.get(1)[0]).isBetween(319, 321);
        assertThat(sizes.get(1)[1]).isEqualTo(400);
        assertThat(sizes.get(2)[0]).isBetween(478, 482);
        assertThat(sizes.get(2)[1]).isEqualTo(400);
    }

    @Test
    void photosAreReorderedWithTheKeyboardAndByDragAndPostedInThatOrder() {
        browser.open("/compose");
        browser.find("#compose-text").sendKeys("Three in a new order");
        for (String name : List.of("one", "two", "three")) {
            browser.find("#compose-files").sendKeys(TestImages.pngFile(name + ".png", 160 + name.length() * 10, 120).toString());
            browser.await("dialog.photo-editor[open] [data-pe-done]", 30).click();
            int expected = List.of("one", "two", "three").indexOf(name) + 1;
            browser.waitUntil(30, d -> browser.all(".attachment").size() == expected);
        }
        List<String> before = mediaIds();
        for (int i = 0; i < 3; i++) browser.all(".attachment textarea").get(i).sendKeys("Photo " + before.get(i));
        WebElement handle = browser.find(".attachment [data-move]");
        assertThat(handle.getAttribute("aria-label")).contains("Photo 1 of 3");
        handle.sendKeys(Keys.ARROW_DOWN);
        browser.waitUntil(5, d -> !mediaIds().equals(before));
        assertThat(mediaIds()).containsExactly(before.get(1), before.get(0), before.get(2));
        assertThat(browser.js("return document.activeElement.matches('[data-move]');")).isEqualTo(true);
        assertThat(browser.find("[data-attachments] + p[role=status]").getAttribute("textContent")).isEqualTo("Photo moved to position 2 of 3.");
        new Actions(browser.driver()).sendKeys(Keys.END).perform();
        assertThat(mediaIds()).containsExactly(before.get(1), before.get(2), before.get(0));
        browser.size(new org.openqa.selenium.Dimension(1280, 1400));
        browser.screenshot("photo-album");
        // a pointer drag of the last photo's handle over the first photo puts it first
        List<WebElement> handles = browser.all(".attachment [data-move]");
        new Actions(browser.driver()).clickAndHold(handles.get(2)).moveToElement(browser.all(".attachment").get(0)).pause(Duration.ofMillis(100))
                .moveByOffset(0, 5).release().perform();
        assertThat(mediaIds()).containsExactly(before.get(0), before.get(1), before.get(2));
        browser.size(WebBrowser.DESKTOP);
        browser.find("[data-submit]").click();
        browser.waitUntil(15, d -> browser.path().startsWith("/@alice/"));
        long id = Long.parseLong(browser.path().substring("/@alice/".length()));
        List<String> posted = new ArrayList<>();
        atoll.http().get("/api/v1/statuses/" + id).json().get("media_attachments").forEach(m -> posted.add(m.get("id").asText()));
        assertThat(posted).containsExactlyElementsOf(before);
    }

    @Test
    void photosDroppedOnTheComposerOrPastedIntoItAreEditedAndUploaded() throws Exception {
        browser.open("/compose");
        // the file picker takes HEIC when this server converts it (the browser sends it as it is; the server converts)
        boolean heif = social.atoll.core.media.HeifDecoder.find().isPresent();
        assertThat(browser.find("#compose-files").getAttribute("accept").contains("image/heic")).isEqualTo(heif);
        browser.find("#compose-text").sendKeys("One dropped, one pasted");
        String dropped = java.util.Base64.getEncoder().encodeToString(TestImages.png(200, 150));
        String pasted = java.util.Base64.getEncoder().encodeToString(TestImages.png(120, 90));
        // a file dragged over the form marks the drop zone; dropping it opens the photo editor, then uploads it
        browser.js("""
                const bytes = Uint8Array.from(atob(arguments[0]), (c) => c.charCodeAt(0));
                const dt = new DataTransfer();
                dt.items.add(new File([bytes], 'dropped.png', { type: 'image/png' }));
                window.atollDrop = dt;
                document.querySelector('#compose-text').dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true, cancelable: true }));
                """, dropped);
        assertThat(browser.find("[data-dropzone]").getAttribute("class")).contains("dragging");
        browser.js("""
                document.querySelector('[data-dropzone]').dispatchEvent(new DragEvent('drop', { dataTransfer: window.atollDrop, bubbles: true, cancelable: true }));
                """);
        browser.await("dialog.photo-editor[open] [data-pe-done]", 30).click();
        browser.waitUntil(30, d -> browser.all(".attachment").size() == 1);
        assertThat(browser.find("[data-dropzone]").getAttribute("class")).doesNotContain("dragging");
        // a photo pasted into the text (a screenshot from the clipboard) goes the same way; the text is left alone
        Object prevented = browser.js("""
                const bytes = Uint8Array.from(atob(arguments[0]), (c) => c.charCodeAt(0));
                const dt = new DataTransfer();
                dt.items.add(new File([bytes], 'pasted.png', { type: 'image/png' }));
                const e = new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true });
                document.querySelector('#compose-text').dispatchEvent(e);
                return e.defaultPrevented;
                """, pasted);
        assertThat(prevented).isEqualTo(true);
        browser.await("dialog.photo-editor[open] [data-pe-done]", 30).click();
        browser.waitUntil(30, d -> browser.all(".attachment").size() == 2);
        // pasting plain text is not taken for a file
        Object textPaste = browser.js("""
                const dt = new DataTransfer();
                dt.setData('text/plain', 'just words');
                const e = new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true });
                document.querySelector('#compose-text').dispatchEvent(e);
                return e.defaultPrevented;
                """);
        assertThat(textPaste).isEqualTo(false);
        List<String> ids = mediaIds();
        assertThat(ids).hasSize(2);
        for (int i = 0; i < 2; i++) browser.all(".attachment textarea").get(i).sendKeys("Photo " + (i + 1));
        browser.find("[data-submit]").click();
        browser.waitUntil(15, d -> browser.path().startsWith("/@alice/"));
        long id = Long.parseLong(browser.path().substring("/@alice/".length()));
        JsonNode media = atoll.http().get("/api/v1/statuses/" + id).json().get("media_attachments");
        assertThat(media).hasSize(2);
        assertThat(media.get(0).get("id").asText()).isEqualTo(ids.get(0));
        assertThat(media.get(0).at("/meta/original/width").asInt()).isEqualTo(200);
        assertThat(media.get(0).at("/meta/original/height").asInt()).isEqualTo(150);
        assertThat(media.get(1).at("/meta/original/width").asInt()).isEqualTo(120);
        assertThat(media.get(1).get("description").asText()).isEqualTo("Photo 2");
    }

    @Test
    void aFullAlbumTakesNoMoreAndSaysSo() throws Exception {
        browser.open("/compose");
        // seven still GIFs dropped at once on an instance that allows six (GIFs go up as they are, without the editor)
        List<String> gifs = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            BufferedImage img = new BufferedImage(40 + i, 30, BufferedImage.TYPE_INT_RGB);
            var g = img.createGraphics();
            g.setColor(new Color(30 * i, 120, 200 - 20 * i));
            g.fillRect(0, 0, 40 + i, 30);
            g.dispose();
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            ImageIO.write(img, "gif", out);
            gifs.add(java.util.Base64.getEncoder().encodeToString(out.toByteArray()));
        }
        browser.js("""
                const dt = new DataTransfer();
                arguments[0].forEach((b64, i) => {
                  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
                  dt.items.add(new File([bytes], 'g' + (i + 1) + '.gif', { type: 'image/gif' }));
                });
                document.querySelector('[data-dropzone]').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
                """, gifs);
        browser.waitUntil(60, d -> browser.find("[data-upload-status]").getText().contains("g7.gif"));
        assertThat(browser.all(".attachment")).hasSize(6);
        assertThat(browser.find("[data-upload-status]").getText()).isEqualTo("At most 6 files per post; not added: g7.gif");
        assertThat(browser.find("[data-submit]").isEnabled()).isTrue();
    }

    @Test
    void aPhotoWithoutAltTextIsRemindedOfOnceThenPosts() {
        browser.open("/compose");
        browser.find("#compose-text").sendKeys("No description yet");
        browser.find("#compose-files").sendKeys(TestImages.pngFile("lagoon.png", 300, 200).toString());
        browser.await("dialog.photo-editor[open] [data-pe-done]", 30).click();
        browser.await(".attachment textarea", 30);
        WebElement note = browser.find(".alt-missing");
        assertThat(note.isDisplayed()).isTrue();
        assertThat(browser.find(".attachment textarea").getAttribute("aria-describedby")).isEqualTo(note.getAttribute("id"));
        browser.find("[data-submit]").click();
        WebElement alert = browser.await(".composer p.error[role=alert]", 5);
        assertThat(alert.getText()).contains("Some photos have no alt text");
        assertThat(browser.path()).isEqualTo("/compose");
        assertThat(browser.js("return document.activeElement.matches('.attachment textarea');")).isEqualTo(true);
        assertThat(browser.accessibilityViolations()).isEmpty();
        // typing hides the note; posting again goes through even so
        browser.find(".attachment textarea").sendKeys("A");
        assertThat(note.isDisplayed()).isFalse();
        browser.find(".attachment textarea").sendKeys(Keys.BACK_SPACE);
        browser.find("[data-submit]").click();
        browser.waitUntil(15, d -> browser.path().startsWith("/@alice/"));
    }

    @Test
    void moonThroughWebGlIsGreyInEveryStoredPixelAndClarendonStoresMoreContrast() throws Exception {
        // Moon through WebGL, the alt text and the filter's name on the status page, every stored pixel grey
        browser.open("/compose");
        // what leaves the browser: every file the composer sends, as it sends it
        browser.js("""
                window.atollSent = [];
                const send = window.fetch;
                window.fetch = (url, options) => {
                  const file = options?.body instanceof FormData ? options.body.get('file') : null;
                  if (file) window.atollSent.push({ name: file.name, type: file.type, size: file.size });
                  return send(url, options);
                };""");
        browser.find("#compose-text").sendKeys("The moon through WebGL");
        Path picked = quadrants("moon-gl.png");
        browser.find("#compose-files").sendKeys(picked.toString());
        browser.await("dialog.photo-editor[open]", 30);
        browser.await(".pe-filter canvas", 10);
        assertThat(browser.find("[data-pe-nogl]").isDisplayed()).isFalse();
        pickFilter("Moon");
        browser.find("dialog.photo-editor [data-pe-done]").click();
        browser.await(".attachment textarea", 60).sendKeys("Four greys under the moon");
        // the original never left the device: one file was sent, the baked JPEG, not the PNG picked
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> sent = (List<Map<String, Object>>) browser.js("return window.atollSent;");
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).get("type")).isEqualTo("image/jpeg");
        assertThat(((Number) sent.get(0).get("size")).longValue()).isNotEqualTo(Files.size(picked));
        browser.find("[data-submit]").click();
        browser.waitUntil(15, d -> browser.path().startsWith("/@alice/"));
        long moonPost = Long.parseLong(browser.path().substring("/@alice/".length()));
        browser.awaitText(".media", 10);
        assertThat(browser.find(".media").getText()).contains("Filter: Moon");
        assertThat(browser.all(".media img").stream().map(e -> e.getAttribute("alt")).toList()).contains("Four greys under the moon");
        JsonNode moon = atoll.http().get("/api/v1/statuses/" + moonPost).json().get("media_attachments").get(0);
        assertThat(moon.get("filter_name").asText()).isEqualTo("Moon");
        BufferedImage grey = fetch(moon.get("url").asText());
        int worst = 0;
        for (int y = 0; y < grey.getHeight(); y++)
            for (int x = 0; x < grey.getWidth(); x++) {
                int[] p = rgb(grey, x, y);
                worst = Math.max(worst, Math.max(Math.abs(p[0] - p[1]), Math.abs(p[1] - p[2])));
            }
        // R = G = B in every pixel, within the rounding of the JPEG stored
        assertThat(worst).isLessThanOrEqualTo(3);

        // Clarendon: the stored photo has more contrast than the one picked (its lights lighter, its darks darker)
        Path source = TestImages.pngFile("clarendon-source.png", 600, 400);
        browser.open("/compose");
        browser.find("#compose-text").sendKeys("Clarendon");
        browser.find("#compose-files").sendKeys(source.toString());
        browser.await("dialog.photo-editor[open]", 30);
        browser.await(".pe-filter canvas", 10);
        pickFilter("Clarendon");
        browser.find("dialog.photo-editor [data-pe-done]").click();
        browser.await(".attachment textarea", 60).sendKeys("A gradient, Clarendon");
        browser.find("[data-submit]").click();
        browser.waitUntil(15, d -> browser.path().startsWith("/@alice/"));
        long clarendonPost = Long.parseLong(browser.path().substring("/@alice/".length()));
        JsonNode clarendon = atoll.http().get("/api/v1/statuses/" + clarendonPost).json().get("media_attachments").get(0);
        assertThat(clarendon.get("filter_name").asText()).isEqualTo("Clarendon");
        BufferedImage before = ImageIO.read(source.toFile());
        BufferedImage after = fetch(clarendon.get("url").asText());
        assertThat(after.getWidth()).isEqualTo(600);
        assertThat(luminanceSpread(after)).isGreaterThan(luminanceSpread(before) * 1.05);
        assertThat(pixelsDiffer(before, after)).isGreaterThan(0.5);
    }

    /** The standard deviation of the luminance: what "more contrast" makes larger. */
    private static double luminanceSpread(BufferedImage img) {
        double sum = 0, squares = 0;
        int n = 0;
        for (int y = 0; y < img.getHeight(); y += 2)
            for (int x = 0; x < img.getWidth(); x += 2) {
                int[] p = rgb(img, x, y);
                double l = 0.2126 * p[0] + 0.7152 * p[1] + 0.0722 * p[2];
                sum += l;
                squares += l * l;
                n++;
            }
        double mean = sum / n;
        return Math.sqrt(squares / n - mean * mean);
    }

    /** The share of pixels differing by more than 8 levels in some channel. */
    private static double pixelsDiffer(BufferedImage a, BufferedImage b) {
        int differ = 0, n = 0;
        for (int y = 0; y < a.getHeight(); y += 2)
            for (int x = 0; x < a.getWidth(); x += 2) {
                int[] p = rgb(a, x, y), q = rgb(b, x, y);
                if (Math.abs(p[0] - q[0]) > 8 || Math.abs(p[1] - q[1]) > 8 || Math.abs(p[2] - q[2]) > 8) differ++;
                n++;
            }
        return (double) differ / n;
    }

    @Test
    void withoutWebGlThe2dCanvasPathBakesMoonAsGrey() throws Exception {
        browser.open("/compose?canvas2d");
        browser.find("#compose-text").sendKeys("Moon on a canvas");
        browser.find("#compose-files").sendKeys(quadrants("moon.png").toString());
        browser.await("dialog.photo-editor[open]", 30);
        assertThat(browser.find("[data-pe-nogl]").isDisplayed()).isTrue();
        pickFilter("Moon");
        browser.find("dialog.photo-editor [data-pe-done]").click();
        browser.await(".attachment textarea", 60).sendKeys("Four greys");
        browser.find("[data-submit]").click();
        browser.waitUntil(15, d -> browser.path().startsWith("/@alice/"));
        long id = Long.parseLong(browser.path().substring("/@alice/".length()));
        JsonNode media = atoll.http().get("/api/v1/statuses/" + id).json().get("media_attachments").get(0);
        assertThat(media.get("filter_name").asText()).isEqualTo("Moon");
        BufferedImage stored = fetch(media.get("url").asText());
        for (int y = 10; y < 400; y += 37) {
            for (int x = 10; x < 600; x += 41) {
                int[] p = rgb(stored, x, y);
                assertThat(Math.max(Math.abs(p[0] - p[1]), Math.abs(p[1] - p[2]))).as("R,G,B at %d,%d", x, y).isLessThanOrEqualTo(3);
            }
        }
    }

    @Test
    void theEditorFitsAPhoneAndCropsToASquare() throws Exception {
        browser.size(WebBrowser.PHONE);
        try {
            browser.open("/compose");
            browser.find("#compose-text").sendKeys("Square");
            browser.find("#compose-files").sendKeys(quadrants("wide.png").toString());
            browser.await("dialog.photo-editor[open]", 30);
            browser.await(".pe-filter canvas", 10);
            pickFilter("Clarendon");
            browser.find("input[data-ratio][value='1:1']").click();
            assertThat(browser.scrollsSideways()).isFalse();
            assertThat(browser.accessibilityViolations()).isEmpty();
            browser.screenshot("photo-editor-phone");
            browser.find("[data-pe-rotate='1']").click();
            browser.find("dialog.photo-editor [data-pe-done]").click();
            browser.await(".attachment textarea", 30).sendKeys("A square cut from four colours");
            assertThat(browser.scrollsSideways()).isFalse();
            browser.screenshot("photo-composer-phone");
            // the phone's bottom navigation covers the lowest line of the window: bring the button to the middle
            WebElement post = browser.find("[data-submit]");
            browser.js("arguments[0].scrollIntoView({block: 'center'});", post);
            post.click();
            browser.waitUntil(15, d -> browser.path().startsWith("/@alice/"));
            long id = Long.parseLong(browser.path().substring("/@alice/".length()));
            JsonNode media = atoll.http().get("/api/v1/statuses/" + id).json().get("media_attachments").get(0);
            assertThat(media.get("filter_name").asText()).isEqualTo("Clarendon");
            BufferedImage stored = fetch(media.get("url").asText());
            assertThat(stored.getWidth()).isEqualTo(400);
            assertThat(stored.getHeight()).isEqualTo(400);
        } finally {
            browser.size(WebBrowser.DESKTOP);
        }
    }

    @Test
    void thePreviewIsDrawnAtTheSizeItIsShownAndThePhotoBakedAtItsOwn() throws Exception {
        HasCdp cdp = (HasCdp) browser.driver();
        browser.open("/compose");
        browser.find("#compose-text").sendKeys("Large and grey");
        browser.find("#compose-files").sendKeys(TestImages.pngFile("large.png", 2400, 1600).toString());
        browser.await("dialog.photo-editor[open]", 30);
        browser.waitUntil(30, d -> "".equals(browser.find("[data-pe-canvas]").getAttribute("data-filter")));
        // the canvas has as many pixels as its box on the screen, not the photo's 2400×1600 (nor a fixed size)
        double[] desk = preview();
        assertThat(desk[0]).isLessThan(2400).isCloseTo(Math.floor(desk[2] * desk[4]), org.assertj.core.data.Offset.offset(1.0));
        assertThat(desk[1]).isCloseTo(Math.floor(desk[3] * desk[4]), org.assertj.core.data.Offset.offset(1.0));
        assertThat(desk[0] / desk[1]).isCloseTo(1.5, org.assertj.core.data.Offset.offset(0.01));
        pickFilter("Moon");
        browser.waitUntil(10, d -> "Moon".equals(browser.find("[data-pe-canvas]").getAttribute("data-filter")));
        assertThat(preview()[0]).isEqualTo(desk[0]);

        // a screen of twice the density: twice the pixels in the same box, still Moon
        cdp.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", (int) desk[5], "height", (int) desk[6],
                "deviceScaleFactor", 2, "mobile", false));
        try {
            browser.waitUntil(30, d -> preview()[0] >= 2 * desk[2] - 2);
            double[] dense = preview();
            assertThat(dense[0]).isCloseTo(Math.floor(dense[2] * 2), org.assertj.core.data.Offset.offset(1.0));
            assertThat(dense[2]).isCloseTo(desk[2], org.assertj.core.data.Offset.offset(1.0));
            assertThat(browser.find("[data-pe-canvas]").getAttribute("data-filter")).isEqualTo("Moon");
        } finally {
            cdp.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
        browser.waitUntil(30, d -> preview()[0] == desk[0]);

        // a phone's window: a smaller box, a smaller preview
        browser.size(WebBrowser.PHONE);
        try {
            browser.waitUntil(30, d -> preview()[0] < desk[0]);
            double[] phone = preview();
            assertThat(phone[0]).isCloseTo(Math.floor(phone[2] * phone[4]), org.assertj.core.data.Offset.offset(1.0));
            assertThat(browser.scrollsSideways()).isFalse();
        } finally {
            browser.size(WebBrowser.DESKTOP);
        }
        browser.waitUntil(30, d -> preview()[0] == desk[0]);

        // what is sent is the whole photo, baked at its own size
        browser.find("dialog.photo-editor [data-pe-done]").click();
        browser.await(".attachment textarea", 60).sendKeys("A large photo under the moon");
        browser.find("[data-submit]").click();
        browser.waitUntil(15, d -> browser.path().startsWith("/@alice/"));
        long id = Long.parseLong(browser.path().substring("/@alice/".length()));
        JsonNode media = atoll.http().get("/api/v1/statuses/" + id).json().get("media_attachments").get(0);
        assertThat(media.get("filter_name").asText()).isEqualTo("Moon");
        BufferedImage stored = fetch(media.get("url").asText());
        assertThat(stored.getWidth()).isEqualTo(2400);
        assertThat(stored.getHeight()).isEqualTo(1600);
        for (int[] at : new int[][] {{10, 10}, {1200, 800}, {2390, 1590}}) {
            int[] p = rgb(stored, at[0], at[1]);
            assertThat(Math.abs(p[0] - p[1])).isLessThanOrEqualTo(3);
            assertThat(Math.abs(p[1] - p[2])).isLessThanOrEqualTo(3);
        }
    }

    /** The editor's preview: its canvas's width and height, its box's CSS width and height, the pixel density, the window's CSS size. */
    private double[] preview() {
        @SuppressWarnings("unchecked")
        List<Number> v = (List<Number>) browser.js("""
                const c = document.querySelector('dialog.photo-editor [data-pe-canvas]');
                const b = c.getBoundingClientRect();
                return [c.width, c.height, b.width, b.height, devicePixelRatio, innerWidth, innerHeight];""");
        return v.stream().mapToDouble(Number::doubleValue).toArray();
    }

    @Test
    void withoutJavaScriptThePlainFormStillUploads() throws Exception {
        HasCdp cdp = (HasCdp) browser.driver();
        cdp.executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", true));
        try {
            browser.open("/compose");
            browser.find("#compose-text").sendKeys("Sent the old way");
            browser.find("#compose-files").sendKeys(TestImages.pngFile("plain.png", 200, 150).toString());
            browser.find("[data-submit]").click();
            browser.waitUntil(15, d -> browser.path().startsWith("/@alice/"));
            assertThat(browser.all("dialog.photo-editor")).isEmpty();
            long id = Long.parseLong(browser.path().substring("/@alice/".length()));
            JsonNode media = atoll.http().get("/api/v1/statuses/" + id).json().get("media_attachments");
            assertThat(media).hasSize(1);
            assertThat(media.get(0).get("filter_name").isNull()).isTrue();
        } finally {
            cdp.executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", false));
        }
    }

    private List<String> mediaIds() {
        return browser.all("[data-attachments] input[name=media_ids]").stream().map(e -> e.getAttribute("value")).toList();
    }

    private void pickFilter(String name) {
        browser.find("input[name=pe-filter][value='" + name + "']").findElement(By.xpath("..")).click();
        assertThat(browser.find("input[name=pe-filter][value='" + name + "']").isSelected()).isTrue();
    }

    /** Moves a slider as a person would with the keyboard: focus, then the arrow key as many times as needed. */
    private void slide(String adjustment, int value) {
        WebElement slider = browser.find("input[data-adjust=" + adjustment + "]");
        Actions keys = new Actions(browser.driver()).click(slider);
        keys.perform();
        browser.js("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));", slider, value - 1);
        slider.sendKeys(Keys.ARROW_RIGHT);
        assertThat(slider.getAttribute("value")).isEqualTo(Integer.toString(value));
    }

    private BufferedImage fetch(String url) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(r.body()));
        assertThat(img).as("a decodable image at " + url).isNotNull();
        return img;
    }

    private static int[] rgb(BufferedImage img, int x, int y) {
        int v = img.getRGB(x, y);
        return new int[] {(v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff};
    }

    /** A 600×400 PNG of four flat squares: red and green above, blue and grey below. */
    private static Path quadrants(String name) throws IOException {
        BufferedImage img = new BufferedImage(600, 400, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setColor(RED);
        g.fillRect(0, 0, 300, 200);
        g.setColor(GREEN);
        g.fillRect(300, 0, 300, 200);
        g.setColor(BLUE);
        g.fillRect(0, 200, 300, 200);
        g.setColor(GREY);
        g.fillRect(300, 200, 300, 200);
        g.dispose();
        Path dir = Files.createDirectories(Path.of("target", "test-images"));
        Path f = dir.resolve(name).toAbsolutePath();
        ImageIO.write(img, "png", f.toFile());
        return f;
    }
}
