package social.atoll.api.instance;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import social.atoll.server.Controller;

/** Serves {@link DefaultImages}: default avatar and header, instance thumbnail and icons. Cacheable for a day. */
public final class DefaultImagesController implements Controller {

    private final DefaultImages images = new DefaultImages();

    @Override
    public void routes(RoutesConfig r) {
        r.get(DefaultImages.AVATAR_PATH, ctx -> png(ctx, images.avatar.bytes()));
        r.get(DefaultImages.HEADER_PATH, ctx -> png(ctx, images.header.bytes()));
        r.get(DefaultImages.THUMBNAIL_PATH, ctx -> png(ctx, images.thumbnail.bytes()));
        r.get(DefaultImages.iconPath(DefaultImages.ICON_SMALL), ctx -> png(ctx, images.iconSmall.bytes()));
        r.get(DefaultImages.iconPath(DefaultImages.ICON_LARGE), ctx -> png(ctx, images.iconLarge.bytes()));
    }

    private static void png(Context ctx, byte[] bytes) {
        ctx.header("Cache-Control", "public, max-age=86400");
        ctx.header("Access-Control-Allow-Origin", "*");
        ctx.contentType("image/png").result(bytes);
    }
}
