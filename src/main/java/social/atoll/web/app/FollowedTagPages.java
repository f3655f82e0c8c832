package social.atoll.web.app;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.common.ValidationException;
import social.atoll.core.tag.TagService;
import social.atoll.server.Controller;
import social.atoll.web.BrowserSessions;
import social.atoll.web.Pages;
import social.atoll.web.WebPage;
import social.atoll.web.view.FollowedTagsView;

/**
 * {@code /followed_tags}: the hashtags the reader follows (paged on the hidden follow row, as
 * {@code /api/v1/followed_tags}), each with Unfollow ({@code POST /web/followed_tags/{name}/unfollow}, the same
 * {@link TagService} call as the API). Following a tag is on the tag's page.
 */
public final class FollowedTagPages implements Controller {

    private static final int PAGE = 40;

    private final BrowserSessions sessions;
    private final Pages pages;
    private final TagService tags;

    public FollowedTagPages(BrowserSessions sessions, Pages pages, TagService tags) {
        this.sessions = sessions;
        this.pages = pages;
        this.tags = tags;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/followed_tags", this::index);
        r.post("/web/followed_tags/{name}/unfollow", ctx -> {
            var me = Forms.signedInWithCsrf(ctx, sessions, pages);
            if (me.isEmpty()) return;
            try {
                tags.unfollow(me.get(), ctx.pathParam("name"));
            } catch (NotFoundException | ValidationException e) {
                Forms.notFound(ctx, pages);
                return;
            }
            Forms.back(ctx, "/followed_tags");
        });
    }

    private void index(Context ctx) {
        var me = sessions.requireSignedIn(ctx);
        if (me.isEmpty()) return;
        var range = TimelinePages.range(ctx);
        List<TagService.Followed> rows = tags.followedTags(me.get().account().id(),
                new social.atoll.core.common.IdRange(range.maxId(), null, null, PAGE));
        String older = rows.size() < PAGE ? null : "/followed_tags?max_id=" + rows.getLast().followId();
        WebPage page = pages.page(ctx, pages.messages().get("followed_tags.followed"), "followed_tags");
        pages.render(ctx, 200, "app/followed_tags.jte", page, new FollowedTagsView(rows.stream().map(f -> f.tag().name()).toList(), older));
    }
}
