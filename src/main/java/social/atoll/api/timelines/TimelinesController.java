package social.atoll.api.timelines;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.ContentType;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import social.atoll.api.Auth;
import social.atoll.server.Controller;
import social.atoll.api.Page;
import social.atoll.server.Params;
import social.atoll.api.Viewer;
import java.util.List;
import social.atoll.api.entity.StatusEntity;
import social.atoll.api.entity.StatusViews;
import social.atoll.config.Settings;
import social.atoll.core.common.IdRange;
import social.atoll.core.timeline.TimelineService;

/** {@code /api/v1/timelines/home} and {@code /api/v1/timelines/public}. */
public final class TimelinesController implements Controller {

    private final Auth auth;
    private final ObjectMapper json;
    private final Settings settings;
    private final TimelineService timelines;
    private final StatusViews views;

    public TimelinesController(Auth auth, ObjectMapper json, Settings settings, TimelineService timelines, StatusViews views) {
        this.auth = auth;
        this.json = json;
        this.settings = settings;
        this.timelines = timelines;
        this.views = views;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/api/v1/timelines/home", this::home);
        r.get("/api/v1/timelines/public", this::publicTimeline);
    }

    private void home(Context ctx) {
        Viewer v = auth.requireUser(ctx, "read:statuses");
        TimelineService.Slice slice = timelines.home(v.accountId(), range(ctx));
        send(ctx, slice, v.accountId(), "home");
    }

    private void publicTimeline(Context ctx) {
        Viewer v = auth.optional(ctx, "read:statuses");
        Params p = Params.from(ctx, json);
        var q = new TimelineService.PublicQuery(p.bool("local", false), p.bool("remote", false), p.bool("only_media", false));
        send(ctx, timelines.publicTimeline(v.accountId(), q, range(ctx)), v.accountId(), "public");
    }

    private static IdRange range(Context ctx) {
        Page page = Page.from(ctx, 20);
        return new IdRange(page.maxId(), page.sinceId(), page.minId(), page.limit());
    }

    private void send(Context ctx, TimelineService.Slice slice, Long viewerId, String filterContext) {
        Page.link(ctx, settings.baseUrl(), slice.cursorIds(), Long::longValue);
        List<StatusEntity> page = views.renderAll(slice.statuses(), viewerId, filterContext);
        // straight to UTF-8 bytes: ctx.json() writes a String (chars, grown buffer by buffer) and encodes it again,
        // an eighth of a home page's CPU time in the profile
        try {
            ctx.contentType(ContentType.APPLICATION_JSON).result(json.writeValueAsBytes(page));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write a timeline page as JSON", e);
        }
    }
}
