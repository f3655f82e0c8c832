package social.atoll.api.trends;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import social.atoll.api.Page;
import social.atoll.server.ApiException;
import social.atoll.api.Auth;
import social.atoll.server.Controller;
import social.atoll.api.Viewer;
import social.atoll.api.entity.StatusViews;
import social.atoll.api.tags.TagViews;
import social.atoll.core.trends.TrendsService;

/**
 * {@code /api/v1/trends/tags} (also {@code /api/v1/trends}), {@code /trends/statuses} and {@code /trends/links},
 * offset-paged; {@code /trends/links} ranks fetched preview cards. What staff rejected is never listed.
 */
public final class TrendsController implements Controller {

    private final Auth auth;
    private final ObjectMapper json;
    private final TrendsService trends;
    private final TagViews tagViews;
    private final StatusViews statusViews;
    private final TrendViews trendViews;

    public TrendsController(Auth auth, ObjectMapper json, TrendsService trends, TagViews tagViews, StatusViews statusViews,
                            TrendViews trendViews) {
        this.trendViews = trendViews;
        this.auth = auth;
        this.json = json;
        this.trends = trends;
        this.tagViews = tagViews;
        this.statusViews = statusViews;
    }

    @Override
    public void routes(RoutesConfig r) {
        for (String path : List.of("/api/v1/trends", "/api/v1/trends/tags")) {
            r.get(path, ctx -> {
                Viewer v = auth.optional(ctx, "read");
                ctx.json(tagViews.renderAll(trends.tags(offset(ctx), limit(ctx, 10)), v.accountId()));
            });
        }
        r.get("/api/v1/trends/statuses", ctx -> {
            Viewer v = auth.optional(ctx, "read:statuses");
            var list = trends.statuses(v.accountId(), offset(ctx), limit(ctx, 20));
            ctx.json(statusViews.renderAll(list, v.accountId(), "public"));
        });
        r.get("/api/v1/trends/links", ctx -> {
            auth.optional(ctx, "read");
            ctx.json(trends.links(offset(ctx), limit(ctx, 10)).stream().map(trendViews::link).toList());
        });
    }

    private static int offset(Context ctx) { return Math.max(0, number(ctx.queryParam("offset"), 0)); }

    private static int limit(Context ctx, int dflt) { return Page.limit(ctx.queryParam("limit"), dflt, dflt * 2); }

    private static int number(String s, int dflt) {
        if (s == null || s.isBlank()) return dflt;
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("not a number: " + s);
        }
    }
}
