package social.atoll.api.filters;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import social.atoll.server.ApiException;
import social.atoll.api.Auth;
import social.atoll.server.Controller;
import social.atoll.server.Params;
import social.atoll.api.Viewer;
import social.atoll.api.entity.Dates;
import social.atoll.core.filter.Filter;
import social.atoll.core.filter.FilterService;

/**
 * The deprecated {@code /api/v1/filters} (Tusky falls back to it), served as Mastodon does: each v2 keyword is one
 * v1 filter ({@code id} = the keyword's id, {@code irreversible} = the filter hides). Creating one makes a v2
 * filter titled by the phrase with that single keyword.
 */
public final class FiltersV1Controller implements Controller {

    /** Mastodon's V1::Filter. */
    public record V1Filter(String id, String phrase, List<String> context, String expiresAt, boolean irreversible, boolean wholeWord) {}

    private final Auth auth;
    private final ObjectMapper json;
    private final FilterService filters;

    public FiltersV1Controller(Auth auth, ObjectMapper json, FilterService filters) {
        this.auth = auth;
        this.json = json;
        this.filters = filters;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/api/v1/filters", ctx -> {
            Viewer v = auth.requireUser(ctx, "read:filters");
            List<V1Filter> out = new ArrayList<>();
            for (Filter f : filters.all(v.accountId())) for (Filter.Keyword k : f.keywords()) out.add(v1(f, k));
            ctx.json(out);
        });
        r.post("/api/v1/filters", ctx -> {
            Viewer v = auth.requireUser(ctx, "write:filters");
            Params p = Params.from(ctx, json);
            String phrase = p.rawString("phrase").orElse("");
            if (phrase.isBlank()) throw ApiException.invalid("Keyword can't be blank");
            Filter f = filters.create(v.accountId(), new FilterService.Input(phrase, p.list("context"),
                    p.bool("irreversible", false) ? "hide" : "warn", FilterParams.expiry(p),
                    List.of(new FilterService.KeywordChange(null, phrase, p.bool("whole_word", true), false))));
            ctx.json(v1(f, f.keywords().get(0)));
        });
        r.get("/api/v1/filters/{id}", ctx -> {
            Viewer v = auth.requireUser(ctx, "read:filters");
            Filter.Keyword k = filters.keyword(v.accountId(), FilterParams.id(ctx));
            ctx.json(v1(filters.get(v.accountId(), k.filterId()), k));
        });
        r.put("/api/v1/filters/{id}", ctx -> {
            Viewer v = auth.requireUser(ctx, "write:filters");
            Params p = Params.from(ctx, json);
            Filter.Keyword k = filters.keyword(v.accountId(), FilterParams.id(ctx));
            Filter f = filters.get(v.accountId(), k.filterId());
            List<String> contexts = FilterParams.contexts(p);
            String action = p.bool("irreversible").map(b -> b ? "hide" : "warn").orElse(null);
            FilterService.Expiry expiry = FilterParams.expiry(p);
            boolean filterChanges = (contexts != null && !contexts.equals(f.contexts())) || (action != null && !action.equals(f.action()))
                    || expiry != null;
            if (filterChanges && f.keywords().size() > 1)
                throw ApiException.invalid("The filter has several keywords; change it through the v2 API");
            filters.updateKeyword(v.accountId(), k.id(), p.rawString("phrase").orElse(null), p.bool("whole_word").orElse(null));
            if (filterChanges) filters.update(v.accountId(), f.id(), new FilterService.Input(null, contexts, action, expiry, null));
            Filter.Keyword changed = filters.keyword(v.accountId(), k.id());
            ctx.json(v1(filters.get(v.accountId(), f.id()), changed));
        });
        r.delete("/api/v1/filters/{id}", ctx -> {
            Viewer v = auth.requireUser(ctx, "write:filters");
            Filter.Keyword k = filters.keyword(v.accountId(), FilterParams.id(ctx));
            Filter f = filters.get(v.accountId(), k.filterId());
            // the v1 filter was this keyword; a v2 filter left with nothing to match goes with it
            if (f.keywords().size() == 1 && f.statuses().isEmpty()) filters.delete(v.accountId(), f.id());
            else filters.deleteKeyword(v.accountId(), k.id());
            ctx.json(Map.of());
        });
    }

    private static V1Filter v1(Filter f, Filter.Keyword k) {
        return new V1Filter(Long.toString(k.id()), k.keyword(), f.contexts(), Dates.datetime(f.expiresAt()), f.hides(), k.wholeWord());
    }
}
