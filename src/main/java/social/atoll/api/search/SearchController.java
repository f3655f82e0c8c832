package social.atoll.api.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import social.atoll.api.Auth;
import social.atoll.api.Page;
import social.atoll.api.Viewer;
import social.atoll.api.entity.AccountViews;
import social.atoll.api.entity.StatusViews;
import social.atoll.api.tags.TagViews;
import social.atoll.core.search.Search;
import social.atoll.server.ApiException;
import social.atoll.server.Controller;
import social.atoll.server.Params;

/**
 * {@code GET /api/v2/search}: accounts by handle or name prefix, hashtags by prefix, and statuses — a post URL, or
 * the posts the searcher may see that contain all the words. The search itself is core's {@link Search} (shared with
 * the web app); with {@code resolve=true} (signed-in users only, as in Mastodon) handles and URLs of other servers are
 * looked up there.
 */
public final class SearchController implements Controller {

    private static final int DEFAULT_LIMIT = 20;
    private static final int MAX_LIMIT = 40;

    private final Auth auth;
    private final ObjectMapper json;
    private final Search search;
    private final AccountViews accountViews;
    private final StatusViews statusViews;
    private final TagViews tagViews;

    public SearchController(Auth auth, ObjectMapper json, Search search, AccountViews accountViews, StatusViews statusViews,
                            TagViews tagViews) {
        this.auth = auth;
        this.json = json;
        this.search = search;
        this.accountViews = accountViews;
        this.statusViews = statusViews;
        this.tagViews = tagViews;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/api/v2/search", this::search);
    }

    private void search(Context ctx) {
        Viewer viewer = auth.optional(ctx, "read:search");
        Params p = Params.from(ctx, json);
        String q = p.string("q").map(String::trim).orElse("");
        String type = p.string("type").orElse(null);
        boolean resolve = p.bool("resolve", false);
        int limit = Page.limit(p.string("limit").orElse(null), DEFAULT_LIMIT, MAX_LIMIT);
        int offset = Math.max(0, p.integer("offset").orElse(0));
        if (resolve && !viewer.hasUser())
            throw new ApiException(401, "Search queries that resolve remote resources are not supported without authentication");
        if (offset > 0 && !viewer.hasUser())
            throw new ApiException(401, "Search queries pagination is not supported without authentication");
        Long viewerId = viewer.accountId();
        Search.Query query = new Search.Query(q, type, resolve, p.bool("following", false), p.longValue("account_id").orElse(null),
                p.longValue("max_id").orElse(null), p.longValue("min_id").orElse(null), offset, limit);
        Search.Results found = search.find(viewerId, query);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accounts", query.wants("accounts") ? accountViews.renderAll(found.accounts()) : List.of());
        body.put("statuses", query.wants("statuses") ? statusViews.renderAll(found.statuses(), viewerId) : List.of());
        body.put("hashtags", query.wants("hashtags") ? tagViews.renderAll(found.hashtags(), viewerId) : List.of());
        ctx.json(body);
    }
}
