package social.atoll.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import social.atoll.server.Controller;

/** {@code GET /assets/{name}}: the web app's stylesheet, scripts and icons, gzipped when the browser takes it. */
public final class AssetsController implements Controller {

    private final Assets assets;

    public AssetsController(Assets assets) { this.assets = assets; }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/assets/{name}", this::serve);
        r.get("/favicon.ico", ctx -> ctx.redirect(assets.url("icon.svg")));
        r.get("/manifest.webmanifest", ctx -> ctx.redirect(assets.url("manifest.webmanifest")));
    }

    private void serve(Context ctx) {
        var asset = assets.get(ctx.pathParam("name")).orElse(null);
        if (asset == null) {
            ctx.status(404).contentType("text/plain; charset=utf-8").result("Not found");
            return;
        }
        boolean current = asset.version().equals(ctx.queryParam("v"));
        ctx.header("Cache-Control", current ? "public, max-age=31536000, immutable" : "public, max-age=300");
        ctx.header("ETag", "\"" + asset.version() + "\"");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Vary", "Accept-Encoding");
        if (("\"" + asset.version() + "\"").equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        ctx.contentType(asset.contentType());
        String accept = ctx.header("Accept-Encoding");
        if (accept != null && accept.contains("gzip")) {
            ctx.header("Content-Encoding", "gzip");
            ctx.result(asset.gzipped());
        } else {
            ctx.result(asset.bytes());
        }
    }
}
