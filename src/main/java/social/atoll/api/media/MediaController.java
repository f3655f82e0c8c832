package social.atoll.api.media;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import social.atoll.server.ApiException;
import social.atoll.api.Auth;
import social.atoll.server.Controller;
import social.atoll.server.Params;
import social.atoll.server.Uploads;
import social.atoll.api.Viewer;
import social.atoll.api.entity.MediaViews;
import social.atoll.core.media.MediaAttachment;
import social.atoll.core.media.MediaService;
import social.atoll.core.media.MediaUpload;

/**
 * {@code /api/v1/media} and {@code /api/v2/media}: uploads (multipart {@code file}, {@code thumbnail},
 * {@code description}, {@code focus}), reading one's own upload while it is processed (206), changing it before it
 * is attached, deleting it. v2 answers 202 with {@code url: null} for uploads processed in the background.
 */
public final class MediaController implements Controller {

    private final Auth auth;
    private final ObjectMapper json;
    private final MediaService media;
    private final MediaViews views;

    public MediaController(Auth auth, ObjectMapper json, MediaService media, MediaViews views) {
        this.auth = auth;
        this.json = json;
        this.media = media;
        this.views = views;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.post("/api/v1/media", ctx -> upload(ctx, false));
        r.post("/api/v2/media", ctx -> upload(ctx, true));
        r.get("/api/v1/media/{id}", this::show);
        r.put("/api/v1/media/{id}", this::update);
        r.delete("/api/v1/media/{id}", this::destroy);
    }

    private void upload(Context ctx, boolean async) {
        Viewer v = auth.requireUser(ctx, "write:media");
        Params p = Params.from(ctx, json);
        try (Uploads uploads = new Uploads()) {
            MediaUpload file = uploads.get(p, "file");
            if (file == null) throw ApiException.invalid("File can't be blank");
            MediaAttachment m = media.upload(v.accountId(), file, uploads.get(p, "thumbnail"),
                    p.rawString("description").orElse(null), p.string("focus").orElse(null), p.string("filter_name").orElse(null), async);
            ctx.status(m.processed() ? 200 : 202).json(views.render(m));
        }
    }

    private void show(Context ctx) {
        Viewer v = auth.requireUser(ctx, "write:media");
        answer(ctx, media.own(v.accountId(), id(ctx)));
    }

    private void update(Context ctx) {
        Viewer v = auth.requireUser(ctx, "write:media");
        Params p = Params.from(ctx, json);
        try (Uploads uploads = new Uploads()) {
            answer(ctx, media.update(v.accountId(), id(ctx), p.rawString("description").orElse(null),
                    p.string("focus").orElse(null), uploads.get(p, "thumbnail")));
        }
    }

    private void destroy(Context ctx) {
        Viewer v = auth.requireUser(ctx, "write:media");
        media.deleteUnattached(v.accountId(), id(ctx));
        ctx.json(Map.of());
    }

    /** 200 when processed, 206 while processing (Mastodon's "come back later"), 422 when processing failed. */
    private void answer(Context ctx, MediaAttachment m) {
        if (m.failed()) throw ApiException.unprocessable("Error processing thumbnail for uploaded media");
        ctx.status(m.processed() ? 200 : 206).json(views.render(m));
    }

    private static long id(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiException.notFound();
        }
    }
}
