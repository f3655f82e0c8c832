package social.atoll.api.tags;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import social.atoll.server.ApiException;
import social.atoll.api.Auth;
import social.atoll.server.Controller;
import social.atoll.api.Page;
import social.atoll.api.Viewer;
import social.atoll.config.Settings;
import social.atoll.core.common.IdRange;
import social.atoll.core.tag.TagService;

/** {@code /api/v1/tags/:name} (with follow/unfollow) and {@code /api/v1/followed_tags}. */
public final class TagsController implements Controller {

    private final Settings settings;
    private final Auth auth;
    private final TagService tags;
    private final TagViews views;

    public TagsController(Settings settings, Auth auth, TagService tags, TagViews views) {
        this.settings = settings;
        this.auth = auth;
        this.tags = tags;
        this.views = views;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/api/v1/followed_tags", this::followed);
        r.get("/api/v1/tags/{name}", ctx -> {
            Viewer v = auth.optional(ctx, "read");
            ctx.json(views.render(tags.byName(ctx.pathParam("name")).orElseThrow(ApiException::notFound), v.accountId()));
        });
        r.post("/api/v1/tags/{name}/follow", ctx -> {
            Viewer v = auth.requireUser(ctx, "write:follows");
            ctx.json(views.render(tags.follow(v.accountId(), ctx.pathParam("name")), v.accountId()));
        });
        r.post("/api/v1/tags/{name}/unfollow", ctx -> {
            Viewer v = auth.requireUser(ctx, "write:follows");
            ctx.json(views.render(tags.unfollow(v.accountId(), ctx.pathParam("name")), v.accountId()));
        });
    }

    private void followed(Context ctx) {
        Viewer v = auth.requireUser(ctx, "read:follows");
        Page page = Page.from(ctx, 100);
        List<TagService.Followed> rows = tags.followedTags(v.accountId(), new IdRange(page.maxId(), page.sinceId(), page.minId(), page.limit()));
        Page.link(ctx, settings.baseUrl(), rows, TagService.Followed::followId);
        ctx.json(views.renderAll(rows.stream().map(TagService.Followed::tag).toList(), v.accountId()));
    }
}
