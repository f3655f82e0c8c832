package social.atoll.web;

import java.util.Map;
import org.junit.jupiter.api.Test;
import social.atoll.testing.TestInstance;
import social.atoll.testing.WebBrowser;

/**
 * How long the photo composer's filters take in headless Chromium with software WebGL (SwiftShader, the test
 * browser's; a laptop GPU is far faster): baking a 12-megapixel photo as the editor does (render at full size, then
 * the JPEG), and redrawing a 1280×960 preview when the filter changes; then the editor itself, as a person uses it
 * (a 12 MP JPEG picked in the composer, each filter clicked), with the preview at the size the editor draws it and
 * the time from the click to the drawn frame. A benchmark, not a test: it prints and
 * asserts nothing, and runs only when asked (its name matches neither *Test nor *IT):
 * {@code mvn -o test -Dtest=PhotoFilterBench -Datoll.skipPostgres=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class PhotoFilterBench {

    @Test
    void bakeTwelveMegapixelsAndRedrawThePreview() {
        try (TestInstance atoll = TestInstance.start(); WebBrowser browser = new WebBrowser(atoll.baseUrl())) {
            browser.driver().manage().timeouts().scriptTimeout(java.time.Duration.ofMinutes(5));
            browser.open("/about");
            @SuppressWarnings("unchecked")
            Map<String, Object> r = (Map<String, Object>) ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    const url = document.querySelector('script[src*="app.js"]').src.replace(/app\\.js.*$/, 'photo-filters.js');
                    const ms = (t) => Math.round(t);
                    import(url).then(async (f) => {
                      // a 4000×3000 photo-like picture: a gradient with spots, encoded and decoded as a picked file would be
                      const src = document.createElement('canvas');
                      src.width = 4000; src.height = 3000;
                      const g = src.getContext('2d');
                      const grad = g.createLinearGradient(0, 0, 4000, 3000);
                      grad.addColorStop(0, '#1a6480'); grad.addColorStop(0.5, '#f2c14e'); grad.addColorStop(1, '#a4221b');
                      g.fillStyle = grad; g.fillRect(0, 0, 4000, 3000);
                      for (let i = 0; i < 20000; i++) { g.fillStyle = 'hsl(' + (i % 360) + ',60%,50%)'; g.fillRect((i * 7919) % 4000, (i * 104729) % 3000, 9, 9); }
                      const jpeg = await new Promise((ok) => src.toBlob(ok, 'image/jpeg', 0.9));
                      const photo = await createImageBitmap(jpeg);
                      const gl = f.renderer(false);
                      // reading one pixel back waits for the GPU to finish the frame without reading all of it; a plain
                      // drawImage into a GPU-backed 2D canvas only queues the copy (the frame's time went unmeasured)
                      const sync = (c) => {
                        const k = document.createElement('canvas'); k.width = k.height = 1;
                        const x = k.getContext('2d', { willReadFrequently: true });
                        x.drawImage(c, 0, 0, 1, 1, 0, 0, 1, 1);
                        return x.getImageData(0, 0, 1, 1).data[0];
                      };
                      const geo = f.geometry(0, [0, 0, 1, 1], false);
                      const adjust = { brightness: 10, contrast: 10, vignette: 20 };
                      const bakes = [];
                      for (let i = 0; i < 3; i++) {
                        gl.forget(photo);
                        const t0 = performance.now();
                        const out = gl.draw(photo, i % 2 ? 'Clarendon' : 'Moon', adjust, geo, 4000, 3000);
                        sync(out);
                        const t1 = performance.now();
                        const blob = await new Promise((ok) => out.toBlob(ok, 'image/jpeg', 0.92));
                        const t2 = performance.now();
                        bakes.push({ uploadAndRenderMs: ms(t1 - t0), jpegMs: ms(t2 - t1), totalMs: ms(t2 - t0), bytes: blob.size });
                      }
                      // the preview: 1280×960, drawn in the canvas shown, once per filter
                      const preview = await createImageBitmap(photo, { resizeWidth: 1280, resizeHeight: 960 });
                      const shown = f.renderer(false);
                      const pgeo = f.geometry(0, [0.1, 0.1, 0.8, 0.8], true);
                      sync(shown.draw(preview, '', {}, pgeo, 1280, 960));
                      const p0 = performance.now();
                      const each = [];
                      for (const n of f.NAMES) {
                        const t = performance.now();
                        sync(shown.draw(preview, n, adjust, pgeo, 1280, 960));
                        each.push(performance.now() - t);
                      }
                      const previewRedrawMs = (performance.now() - p0) / f.NAMES.length;
                      each.sort((a, b) => a - b);
                      const previewRedrawMedianMs = Math.round(each[each.length >> 1] * 10) / 10;
                      const previewRedrawMaxMs = Math.round(each[each.length - 1] * 10) / 10;
                      // the 2D-canvas path (no WebGL), once each
                      const cv = f.renderer(true);
                      const c0 = performance.now();
                      cv.draw(photo, 'Clarendon', adjust, geo, 4000, 3000);
                      const c1 = performance.now();
                      cv.draw(preview, 'Clarendon', adjust, pgeo, 1280, 960);
                      const c2 = performance.now();
                      done({ bakes, previewRedrawMs: Math.round(previewRedrawMs * 10) / 10, previewRedrawMedianMs, previewRedrawMaxMs,
                        canvas2dRender12MpMs: ms(c1 - c0),
                        canvas2dPreviewMs: ms(c2 - c1), renderer: gl.kind, maxTexture: gl.maxSize });
                    }).catch((e) => done({ error: String(e) }));""");
            System.out.println("PhotoFilterBench (headless Chromium, SwiftShader WebGL, 4000x3000 = 12 MP): " + r);

            // the editor itself, in the test browser's window: a 12 MP JPEG picked in the composer, then each filter
            // picked in turn as a click does, timed from the click to the drawn frame (the editor draws on the next
            // animation frame, so this includes the wait for it), at the size the editor chose for its preview
            new WebSeed(atoll).user("bench");
            browser.signIn("bench");
            browser.open("/compose");
            browser.find("#compose-files").sendKeys(twelveMegapixelJpeg().toString());
            browser.await("dialog.photo-editor[open]", 60);
            browser.waitUntil(60, d -> "".equals(browser.find("[data-pe-canvas]").getAttribute("data-filter")));
            @SuppressWarnings("unchecked")
            Map<String, Object> e = (Map<String, Object>) ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    const url = document.querySelector('script[src*="app.js"]').src.replace(/app\\.js.*$/, 'photo-filters.js');
                    const canvas = document.querySelector('dialog.photo-editor [data-pe-canvas]');
                    const frame = () => new Promise((ok) => requestAnimationFrame(() => ok()));
                    const sync = (c) => {
                      const k = document.createElement('canvas'); k.width = k.height = 1;
                      const x = k.getContext('2d', { willReadFrequently: true });
                      x.drawImage(c, 0, 0, 1, 1, 0, 0, 1, 1);
                      return x.getImageData(0, 0, 1, 1).data[0];
                    };
                    const stats = (each) => {
                      each.sort((a, b) => a - b);
                      const r = (v) => Math.round(v * 10) / 10;
                      return { median: r(each[each.length >> 1]), worst: r(each[each.length - 1]), mean: r(each.reduce((a, b) => a + b, 0) / each.length) };
                    };
                    (async () => {
                      const f = await import(url);
                      await frame(); await frame();
                      // the floor: a frame with nothing changed, waited for and read the same way
                      const idle = [];
                      for (let i = 0; i < 20; i++) {
                        const t = performance.now();
                        await frame();
                        sync(canvas);
                        idle.push(performance.now() - t);
                      }
                      const inputs = [...document.querySelectorAll('dialog.photo-editor input[name=pe-filter]')].slice(1);
                      const clicks = [];
                      for (const input of inputs) {
                        const t = performance.now();
                        input.click(); // its change event asks for the next frame; this frame callback comes after the editor's
                        await frame();
                        sync(canvas);
                        if (canvas.dataset.filter !== input.value) throw new Error('not drawn: ' + input.value);
                        clicks.push(performance.now() - t);
                      }
                      // the page's own part of a click: the radio checked without its change event, so without a redraw
                      const restyle = [];
                      for (const input of inputs) {
                        const t = performance.now();
                        input.checked = true;
                        await frame();
                        sync(canvas);
                        restyle.push(performance.now() - t);
                      }
                      // the same renderer call as the bench above, at the editor's preview size: a like-for-like figure
                      const w = canvas.width, h = canvas.height;
                      const src = document.createElement('canvas'); src.width = 4000; src.height = 3000;
                      const g = src.getContext('2d'); g.fillStyle = '#f2c14e'; g.fillRect(0, 0, 4000, 3000);
                      const preview = await createImageBitmap(src, { resizeWidth: w, resizeHeight: h });
                      const shown = f.renderer(false);
                      const pgeo = f.geometry(0, [0.1, 0.1, 0.8, 0.8], true);
                      const adjust = { brightness: 10, contrast: 10, vignette: 20 };
                      sync(shown.draw(preview, '', {}, pgeo, w, h));
                      const direct = [];
                      for (const n of f.NAMES) {
                        const t = performance.now();
                        sync(shown.draw(preview, n, adjust, pgeo, w, h));
                        direct.push(performance.now() - t);
                      }
                      // the same draw then the wait for the frame: off the page, then shown in the editor's stage, to
                      // tell the shading from putting a new WebGL frame on the screen
                      const withFrame = async () => {
                        const each = [];
                        for (const n of f.NAMES) {
                          const t = performance.now();
                          shown.draw(preview, n, adjust, pgeo, w, h);
                          await frame();
                          sync(shownCanvas);
                          each.push(performance.now() - t);
                        }
                        return stats(each);
                      };
                      const shownCanvas = shown.draw(preview, '', {}, pgeo, w, h);
                      const offPage = await withFrame();
                      canvas.parentElement.append(shownCanvas);
                      const onPage = await withFrame();
                      shownCanvas.remove();
                      const box = canvas.getBoundingClientRect();
                      done({ previewSize: w + 'x' + h, cssBox: Math.round(box.width) + 'x' + Math.round(box.height),
                        devicePixelRatio, window: innerWidth + 'x' + innerHeight,
                        clickToFrameMs: stats(clicks), idleFrameMs: stats(idle), checkedWithoutRedrawMs: stats(restyle), redrawAtPreviewSizeMs: stats(direct),
                        redrawThenFrameOffPageMs: offPage, redrawThenFrameOnPageMs: onPage });
                    })().catch((err) => done({ error: String(err) }));""");
            System.out.println("PhotoFilterBench, the editor (12 MP JPEG picked; each of the 41 filters clicked): " + e);
        }
    }

    private static java.nio.file.Path twelveMegapixelJpeg() {
        try {
            var img = new java.awt.image.BufferedImage(4000, 3000, java.awt.image.BufferedImage.TYPE_INT_RGB);
            var g = img.createGraphics();
            g.setPaint(new java.awt.GradientPaint(0, 0, new java.awt.Color(0x1a6480), 4000, 3000, new java.awt.Color(0xa4221b)));
            g.fillRect(0, 0, 4000, 3000);
            for (int i = 0; i < 20000; i++) {
                g.setColor(java.awt.Color.getHSBColor((i % 360) / 360f, 0.6f, 0.8f));
                g.fillRect((i * 7919) % 4000, (i * 104729) % 3000, 9, 9);
            }
            g.dispose();
            var dir = java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "test-images"));
            var f = dir.resolve("bench-12mp.jpg").toAbsolutePath();
            javax.imageio.ImageIO.write(img, "jpg", f.toFile());
            return f;
        } catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }
}
