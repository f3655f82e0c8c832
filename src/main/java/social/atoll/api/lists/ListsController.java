package social.atoll.api.lists;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import social.atoll.server.ApiException;
import social.atoll.api.Auth;
import social.atoll.server.Controller;
import social.atoll.server.Params;
import social.atoll.api.Viewer;
import social.atoll.core.account.AccountQueries;
import social.atoll.core.list.ListService;

/**
 * {@code /api/v1/lists} CRUD ({@code title}, {@code replies_policy} followed|list|none, default list;
 * {@code exclusive}) and {@code GET /api/v1/accounts/:id/lists} (the viewer's lists holding that account).
 * Someone else's list is a 404.
 */
public final class ListsController implements Controller {

    private final Auth auth;
    private final ObjectMapper json;
    private final AccountQueries accounts;
    private final ListService lists;

    public ListsController(Auth auth, ObjectMapper json, AccountQueries accounts, ListService lists) {
        this.auth = auth;
        this.json = json;
        this.accounts = accounts;
        this.lists = lists;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/api/v1/lists", ctx -> ctx.json(ListEntity.all(lists.all(auth.requireUser(ctx, "read:lists").accountId()))));
        r.post("/api/v1/lists", ctx -> {
            Viewer v = auth.requireUser(ctx, "write:lists");
            Params p = Params.from(ctx, json);
            ctx.json(ListEntity.of(lists.create(v.accountId(), p.rawString("title").orElse(""),
                    p.string("replies_policy").orElse(null), p.bool("exclusive", false))));
        });
        r.get("/api/v1/lists/{id}", ctx -> {
            Viewer v = auth.requireUser(ctx, "read:lists");
            ctx.json(ListEntity.of(lists.get(v.accountId(), id(ctx, "id"))));
        });
        r.put("/api/v1/lists/{id}", ctx -> {
            Viewer v = auth.requireUser(ctx, "write:lists");
            Params p = Params.from(ctx, json);
            ctx.json(ListEntity.of(lists.update(v.accountId(), id(ctx, "id"), p.rawString("title").orElse(null),
                    p.string("replies_policy").orElse(null), p.bool("exclusive").orElse(null))));
        });
        r.delete("/api/v1/lists/{id}", ctx -> {
            Viewer v = auth.requireUser(ctx, "write:lists");
            lists.delete(v.accountId(), id(ctx, "id"));
            ctx.json(Map.of());
        });
        r.get("/api/v1/accounts/{id}/lists", ctx -> {
            Viewer v = auth.requireUser(ctx, "read:lists");
            long accountId = accounts.visibleById(id(ctx, "id")).orElseThrow(ApiException::notFound).id();
            ctx.json(ListEntity.all(lists.containing(v.accountId(), accountId)));
        });
    }

    /** A numeric path id; anything else names nothing (404). */
    static long id(Context ctx, String name) {
        try {
            return Long.parseLong(ctx.pathParam(name));
        } catch (NumberFormatException e) {
            throw ApiException.notFound();
        }
    }
}
