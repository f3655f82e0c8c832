package social.atoll.api.statuses;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import social.atoll.server.ApiException;
import social.atoll.api.Auth;
import social.atoll.server.Controller;
import social.atoll.api.Page;
import social.atoll.server.Params;
import social.atoll.api.Viewer;
import social.atoll.api.entity.StatusViews;
import social.atoll.config.Settings;
import social.atoll.core.status.AccountStatusFilter;
import social.atoll.core.common.IdRange;
import social.atoll.core.common.Paged;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusQueries;

/**
 * {@code GET /api/v1/accounts/:id/statuses}: one account's statuses as the viewer may see them, with Mastodon's
 * filters ({@code only_media}, {@code exclude_replies} — the author's own threads stay —, {@code exclude_reblogs},
 * {@code pinned}, {@code tagged}).
 */
public final class AccountStatusesController implements Controller {

    private final Auth auth;
    private final ObjectMapper json;
    private final Settings settings;
    private final StatusQueries statuses;
    private final StatusViews views;

    public AccountStatusesController(Auth auth, ObjectMapper json, Settings settings, StatusQueries statuses, StatusViews views) {
        this.auth = auth;
        this.json = json;
        this.settings = settings;
        this.statuses = statuses;
        this.views = views;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/api/v1/accounts/{id}/statuses", this::index);
    }

    private void index(Context ctx) {
        Viewer v = auth.optional(ctx, "read:statuses");
        Long accountId;
        try {
            accountId = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiException.notFound();
        }
        Params p = Params.from(ctx, json);
        var filter = new AccountStatusFilter(p.bool("only_media", false), p.bool("exclude_replies", false),
                p.bool("exclude_reblogs", false), p.bool("pinned", false), p.string("tagged").orElse(null));
        Page page = Page.from(ctx, 20);
        IdRange range = new IdRange(page.maxId(), page.sinceId(), page.minId(), page.limit());
        Paged<Status> found = statuses.byAccount(v.accountId(), accountId, filter, range).orElseThrow(ApiException::notFound);
        Page.link(ctx, settings.baseUrl(), found.cursorIds(), Long::longValue);
        ctx.json(views.renderAll(found.items(), v.accountId()));
    }
}
