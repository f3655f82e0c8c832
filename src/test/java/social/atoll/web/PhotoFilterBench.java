package social.atoll.web;

import java.util.Map;
import org.junit.jupiter.api.Test;
import social.atoll.testing.TestInstance;
import social.atoll.testing.WebBrowser;

/**
 * How long the photo composer's filters take in headless Chromium with software WebGL (SwiftShader, the test
 * browser's; a laptop GPU is far faster): baking a 12-megapixel photo as the editor does (render at full size, then
 * the JPEG), and redrawing the editor's preview when the filter changes. A benchmark, not a test: it prints and
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
        }
    }
}
