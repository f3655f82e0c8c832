package social.atoll.api.media;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import social.atoll.server.ApiException;
import social.atoll.server.Controller;
import social.atoll.infra.storage.BlobKeys;
import social.atoll.infra.storage.BlobStore;
import social.atoll.infra.storage.LocalBlobStore;

/**
 * Serves the local media store at {@code /system/<key>} (Mastodon's path): stored files never change, so they are
 * cached for good. Only finished files are served: raw uploads waiting for processing (which still carry their
 * metadata) and the proxy's cache are not reachable here.
 */
public final class SystemFilesController implements Controller {

    static final String CACHE_CONTROL = "public, max-age=315576000, immutable";

    private final BlobStore blobs;

    public SystemFilesController(BlobStore blobs) { this.blobs = blobs; }

    @Override
    public void routes(RoutesConfig r) { r.get("/system/<key>", this::file); }

    @Override
    public int order() { return 10; }

    private void file(Context ctx) throws IOException {
        String key = ctx.pathParam("key");
        if (!(blobs instanceof LocalBlobStore local) || !BlobKeys.isValid(key) || key.contains("/upload/")
                || !(key.startsWith("media_attachments/") || key.startsWith("preview_cards/") || key.startsWith("cache/media_attachments/")
                    || key.startsWith("custom_emojis/")))
            throw ApiException.notFound();
        Path file = local.path(key);
        if (!Files.isRegularFile(file)) throw ApiException.notFound();
        ctx.header("Cache-Control", CACHE_CONTROL);
        ctx.header("Access-Control-Allow-Origin", "*");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Content-Security-Policy", "default-src 'none'; sandbox");
        ctx.header("Content-Length", Long.toString(Files.size(file)));
        ctx.contentType(BlobKeys.contentType(key));
        ctx.result(Files.newInputStream(file));
    }
}
