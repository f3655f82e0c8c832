package social.atoll.api.lists;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import social.atoll.api.Auth;
import social.atoll.server.Controller;
import social.atoll.api.Page;
import social.atoll.server.Params;
import social.atoll.api.Viewer;
import social.atoll.api.entity.AccountEntity;
import social.atoll.api.entity.AccountViews;
import social.atoll.config.Settings;
import social.atoll.core.common.IdRange;
import social.atoll.core.list.ListService;

/**
 * {@code /api/v1/lists/:id/accounts}: members (paged on the hidden membership id; {@code limit=0} returns all),
 * add and remove ({@code account_ids[]}; only accounts the viewer follows can be added).
 */
public final class ListAccountsController implements Controller {

    private final Settings settings;
    private final Auth auth;
    private final ObjectMapper json;
    private final ListService lists;
    private final AccountViews views;

    public ListAccountsController(Settings settings, Auth auth, ObjectMapper json, ListService lists, AccountViews views) {
        this.settings = settings;
        this.auth = auth;
        this.json = json;
        this.lists = lists;
        this.views = views;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/api/v1/lists/{id}/accounts", this::members);
        r.post("/api/v1/lists/{id}/accounts", ctx -> {
            Viewer v = auth.requireUser(ctx, "write:lists");
            lists.addMembers(v.accountId(), ListsController.id(ctx, "id"), accountIds(ctx));
            ctx.json(Map.of());
        });
        r.delete("/api/v1/lists/{id}/accounts", ctx -> {
            Viewer v = auth.requireUser(ctx, "write:lists");
            lists.removeMembers(v.accountId(), ListsController.id(ctx, "id"), accountIds(ctx));
            ctx.json(Map.of());
        });
    }

    private List<Long> accountIds(Context ctx) {
        List<Long> out = new ArrayList<>();
        for (String s : Params.from(ctx, json).list("account_ids")) {
            try {
                long id = Long.parseLong(s.trim());
                if (!out.contains(id)) out.add(id);
            } catch (NumberFormatException e) {
                throw social.atoll.server.ApiException.notFound();
            }
        }
        return out;
    }

    private void members(Context ctx) {
        Viewer v = auth.requireUser(ctx, "read:lists");
        long listId = ListsController.id(ctx, "id");
        boolean all = "0".equals(ctx.queryParam("limit"));
        Page page = all ? null : Page.from(ctx, 40);
        List<ListService.Member> members = lists.members(v.accountId(), listId,
                all ? null : new IdRange(page.maxId(), page.sinceId(), page.minId(), page.limit()));
        Map<Long, AccountEntity> rendered = views.renderByIds(members.stream().map(ListService.Member::accountId).toList());
        List<AccountEntity> out = new ArrayList<>();
        for (ListService.Member m : members) if (rendered.containsKey(m.accountId())) out.add(rendered.get(m.accountId()));
        if (!all) Page.link(ctx, settings.baseUrl(), members, ListService.Member::rowId);
        ctx.json(out);
    }
}
