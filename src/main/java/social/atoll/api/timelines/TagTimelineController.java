package social.atoll.api.timelines;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import social.atoll.api.Auth;
import social.atoll.api.Page;
import social.atoll.server.Params;
import social.atoll.api.Viewer;
import social.atoll.api.entity.StatusViews;
import social.atoll.config.Settings;
import social.atoll.core.common.IdRange;
import social.atoll.core.tag.Tag;
import social.atoll.core.tag.TagService;
import social.atoll.core.tag.TagTimeline;

/** {@code GET /api/v1/timelines/tag/:hashtag} with {@code any[]}, {@code all[]}, {@code none[]}, {@code local}, {@code remote}, {@code only_media}. */
public final class TagTimelineController implements social.atoll.server.Controller {

    private final Auth auth;
    private final ObjectMapper json;
    private final Settings settings;
    private final TagService tags;
    private final TagTimeline timeline;
    private final StatusViews views;

    public TagTimelineController(Auth auth, ObjectMapper json, Settings settings, TagService tags, TagTimeline timeline, StatusViews views) {
        this.auth = auth;
        this.json = json;
        this.settings = settings;
        this.tags = tags;
        this.timeline = timeline;
        this.views = views;
    }

    @Override
    public void routes(RoutesConfig r) { r.get("/api/v1/timelines/tag/{hashtag}", this::tag); }

    private void tag(Context ctx) {
        Viewer v = auth.optional(ctx, "read:statuses");
        Params p = Params.from(ctx, json);
        Set<String> any = new LinkedHashSet<>();
        any.add(ctx.pathParam("hashtag"));
        any.addAll(p.list("any"));
        List<String> all = p.list("all");
        List<String> none = p.list("none");
        Set<String> names = new LinkedHashSet<>(any);
        names.addAll(all);
        names.addAll(none);
        Map<String, Long> ids = tags.idsByName(names);
        List<Long> anyIds = idsOf(any, ids);
        List<Long> allIds = idsOf(all, ids);
        Page page = Page.from(ctx, 20);
        IdRange range = new IdRange(page.maxId(), page.sinceId(), page.minId(), page.limit());
        // a required tag nobody ever used: nothing can match
        if (allIds.size() < all.stream().map(Tag::key).distinct().count()) anyIds = List.of();
        var q = new TagTimeline.Query(anyIds, allIds, idsOf(none, ids), p.bool("local", false), p.bool("remote", false), p.bool("only_media", false));
        TagTimeline.Slice slice = timeline.page(v.accountId(), q, range);
        Page.link(ctx, settings.baseUrl(), slice.cursorIds(), Long::longValue);
        ctx.json(views.renderAll(slice.statuses(), v.accountId()));
    }

    private static List<Long> idsOf(java.util.Collection<String> names, Map<String, Long> ids) {
        List<Long> out = new ArrayList<>();
        for (String n : names) {
            Long id = ids.get(Tag.key(n));
            if (id != null && !out.contains(id)) out.add(id);
        }
        return out;
    }
}
