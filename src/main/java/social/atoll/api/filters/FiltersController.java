package social.atoll.api.filters;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import java.util.Map;
import social.atoll.api.Auth;
import social.atoll.server.Controller;
import social.atoll.server.Params;
import social.atoll.api.Viewer;
import social.atoll.api.entity.FilterEntity;
import social.atoll.core.filter.FilterService;

/**
 * {@code /api/v2/filters}: list, create ({@code title}, {@code context[]}, {@code filter_action},
 * {@code expires_in}, {@code keywords_attributes[]}), show, update (keywords by {@code id}, {@code _destroy}),
 * delete. Another user's filter is a 404.
 */
public final class FiltersController implements Controller {

    private final Auth auth;
    private final ObjectMapper json;
    private final FilterService filters;

    public FiltersController(Auth auth, ObjectMapper json, FilterService filters) {
        this.auth = auth;
        this.json = json;
        this.filters = filters;
    }

    @Override
    public int order() { return 1; } // after /api/v2/filters/keywords/{id} and /statuses/{id}

    @Override
    public void routes(RoutesConfig r) {
        r.get("/api/v2/filters", ctx -> {
            Viewer v = auth.requireUser(ctx, "read:filters");
            ctx.json(filters.all(v.accountId()).stream().map(FilterEntity::full).toList());
        });
        r.post("/api/v2/filters", ctx -> {
            Viewer v = auth.requireUser(ctx, "write:filters");
            Params p = Params.from(ctx, json);
            FilterService.Expiry expiry = FilterParams.expiry(p);
            ctx.json(FilterEntity.full(filters.create(v.accountId(), new FilterService.Input(p.rawString("title").orElse(""),
                    FilterParams.contexts(p) == null ? java.util.List.of() : FilterParams.contexts(p),
                    p.string("filter_action").orElse(null), expiry, FilterParams.keywords(p)))));
        });
        r.get("/api/v2/filters/{id}", ctx -> {
            Viewer v = auth.requireUser(ctx, "read:filters");
            ctx.json(FilterEntity.full(filters.get(v.accountId(), FilterParams.id(ctx))));
        });
        r.put("/api/v2/filters/{id}", ctx -> {
            Viewer v = auth.requireUser(ctx, "write:filters");
            Params p = Params.from(ctx, json);
            ctx.json(FilterEntity.full(filters.update(v.accountId(), FilterParams.id(ctx), new FilterService.Input(
                    p.rawString("title").orElse(null), FilterParams.contexts(p), p.string("filter_action").orElse(null),
                    FilterParams.expiry(p), FilterParams.keywords(p)))));
        });
        r.delete("/api/v2/filters/{id}", ctx -> {
            Viewer v = auth.requireUser(ctx, "write:filters");
            filters.delete(v.accountId(), FilterParams.id(ctx));
            ctx.json(Map.of());
        });
    }
}
