package social.atoll.api.statuses;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import social.atoll.server.ApiException;
import social.atoll.api.Auth;
import social.atoll.server.Controller;
import social.atoll.api.Page;
import social.atoll.server.Params;
import social.atoll.api.Viewer;
import social.atoll.api.entity.StatusViews;
import social.atoll.config.Settings;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountStore;
import social.atoll.core.common.IdRange;
import social.atoll.core.privacy.VisibilityPolicy;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusStore;

/**
 * {@code GET /api/v1/accounts/:id/statuses}: one account's statuses as the viewer may see them, with Mastodon's
 * filters ({@code only_media}, {@code exclude_replies} — the author's own threads stay —, {@code exclude_reblogs},
 * {@code pinned}, {@code tagged}).
 */
public final class AccountStatusesController implements Controller {

    private final Auth auth;
    private final ObjectMapper json;
    private final Settings settings;
    private final AccountStore accounts;
    private final StatusStore statuses;
    private final VisibilityPolicy visibility;
    private final StatusViews views;

    public AccountStatusesController(Auth auth, ObjectMapper json, Settings settings, AccountStore accounts,
                                     StatusStore statuses, VisibilityPolicy visibility, StatusViews views) {
        this.auth = auth;
        this.json = json;
        this.settings = settings;
        this.accounts = accounts;
        this.statuses = statuses;
        this.visibility = visibility;
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
        Account account = accounts.byId(accountId).orElseThrow(ApiException::notFound);
        Params p = Params.from(ctx, json);
        var filter = new StatusStore.AccountFilter(p.bool("only_media", false), p.bool("exclude_replies", false),
                p.bool("exclude_reblogs", false), p.bool("pinned", false), p.string("tagged").orElse(null));
        Page page = Page.from(ctx, 20);
        IdRange range = new IdRange(page.maxId(), page.sinceId(), page.minId(), page.limit());
        List<Status> rows = statuses.byAccount(account.id(), v.accountId(), visibility.authorCondition(v.accountId(), account), filter, range);
        List<Status> visible = visibility.filter(v.accountId(), rows);
        Page.link(ctx, settings.baseUrl(), rows, Status::id);
        ctx.json(views.renderAll(visible, v.accountId()));
    }
}
