package social.atoll.api.media;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.InputStream;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.atoll.server.ApiException;
import social.atoll.server.Controller;
import social.atoll.core.media.MediaProxySigner;
import social.atoll.core.media.RemoteMediaCache;

/**
 * The privacy media proxy, {@code /media_proxy/<digest>/<url>}: readers load remote images, video and audio from
 * Atoll, never from the third-party host, so that host learns neither their address nor what they read. Only
 * URLs Atoll signed are fetched; nothing of the reader's request (cookies, IP, referrer, user agent) is sent on.
 */
public final class MediaProxyController implements Controller {

    private static final Logger log = LoggerFactory.getLogger(MediaProxyController.class);
    static final String CACHE_CONTROL = "public, max-age=31536000";

    private final MediaProxySigner signer;
    private final RemoteMediaCache cache;

    public MediaProxyController(MediaProxySigner signer, RemoteMediaCache cache) {
        this.signer = signer;
        this.cache = cache;
    }

    @Override
    public void routes(RoutesConfig r) { r.get("/media_proxy/{digest}/{url}", this::proxy); }

    @Override
    public int order() { return 10; }

    private void proxy(Context ctx) {
        URI url = signer.verify(ctx.pathParam("digest"), ctx.pathParam("url"))
                .orElseThrow(() -> new ApiException(403, "Invalid signature"));
        RemoteMediaCache.Entry entry;
        try {
            entry = cache.get(url);
        } catch (RemoteMediaCache.Refused e) {
            log.debug("media proxy refused {}: {}", url, e.getMessage());
            throw new ApiException(e.status, e.status == 404 ? "Record not found" : "The remote file could not be fetched");
        }
        InputStream in = cache.open(entry).orElseThrow(ApiException::notFound);
        ctx.header("Cache-Control", CACHE_CONTROL);
        ctx.header("Access-Control-Allow-Origin", "*");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Content-Security-Policy", "default-src 'none'; img-src data:; style-src 'unsafe-inline'; sandbox");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Content-Length", Long.toString(entry.size()));
        ctx.contentType(entry.contentType());
        ctx.result(in);
    }
}
