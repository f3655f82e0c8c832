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
 * A filter's keywords and filtered statuses: {@code /api/v2/filters/:id/keywords}, {@code /api/v2/filters/keywords/:id},
 * {@code /api/v2/filters/:id/statuses}, {@code /api/v2/filters/statuses/:id}.
 */
public final class FilterKeywordsController implements Controller {

    private final Auth auth;
    private final ObjectMapper json;
    private final FilterService filters;

    public FilterKeywordsController(Auth auth, ObjectMapper json, FilterService filters) {
        this.auth = auth;
        this.json = json;
        this.filters = filters;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/api/v2/filters/keywords/{id}", ctx -> {
            Viewer v = auth.requireUser(ctx, "read:filters");
            ctx.json(FilterEntity.KeywordEntity.of(filters.keyword(v.accountId(), FilterParams.id(ctx))));
        });
        r.put("/api/v2/filters/keywords/{id}", ctx -> {
            Viewer v = auth.requireUser(ctx, "write:filters");
            Params p = Params.from(ctx, json);
            ctx.json(FilterEntity.KeywordEntity.of(filters.updateKeyword(v.accountId(), FilterParams.id(ctx),
                    p.rawString("keyword").orElse(null), p.bool("whole_word").orElse(null))));
        });
        r.delete("/api/v2/filters/keywords/{id}", ctx -> {
            Viewer v = auth.requireUser(ctx, "write:filters");
            filters.deleteKeyword(v.accountId(), FilterParams.id(ctx));
            ctx.json(Map.of());
        });
        r.get("/api/v2/filters/statuses/{id}", ctx -> {
            Viewer v = auth.requireUser(ctx, "read:filters");
            ctx.json(FilterEntity.StatusEntry.of(filters.status(v.accountId(), FilterParams.id(ctx))));
        });
        r.delete("/api/v2/filters/statuses/{id}", ctx -> {
            Viewer v = auth.requireUser(ctx, "write:filters");
            filters.deleteStatus(v.accountId(), FilterParams.id(ctx));
            ctx.json(Map.of());
        });
        r.get("/api/v2/filters/{id}/keywords", ctx -> {
            Viewer v = auth.requireUser(ctx, "read:filters");
            ctx.json(filters.get(v.accountId(), FilterParams.id(ctx)).keywords().stream().map(FilterEntity.KeywordEntity::of).toList());
        });
        r.post("/api/v2/filters/{id}/keywords", ctx -> {
            Viewer v = auth.requireUser(ctx, "write:filters");
            Params p = Params.from(ctx, json);
            ctx.json(FilterEntity.KeywordEntity.of(filters.addKeyword(v.accountId(), FilterParams.id(ctx),
                    p.rawString("keyword").orElse(""), p.bool("whole_word").orElse(null))));
        });
        r.get("/api/v2/filters/{id}/statuses", ctx -> {
            Viewer v = auth.requireUser(ctx, "read:filters");
            ctx.json(filters.get(v.accountId(), FilterParams.id(ctx)).statuses().stream().map(FilterEntity.StatusEntry::of).toList());
        });
        r.post("/api/v2/filters/{id}/statuses", ctx -> {
            Viewer v = auth.requireUser(ctx, "write:filters");
            Params p = Params.from(ctx, json);
            long statusId;
            try {
                statusId = Long.parseLong(p.require("status_id").trim());
            } catch (NumberFormatException e) {
                throw social.atoll.server.ApiException.notFound();
            }
            ctx.json(FilterEntity.StatusEntry.of(filters.addStatus(v.accountId(), FilterParams.id(ctx), statusId)));
        });
    }
}
