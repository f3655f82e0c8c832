package social.atoll.api.admin;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import social.atoll.api.Auth;
import social.atoll.api.Page;
import social.atoll.api.entity.StatusEntity;
import social.atoll.api.entity.StatusViews;
import social.atoll.api.tags.TagViews;
import social.atoll.api.trends.TrendViews;
import social.atoll.core.moderation.StaffAccess;
import social.atoll.core.status.Status;
import social.atoll.core.tag.Tag;
import social.atoll.core.trends.TrendsService;
import social.atoll.server.ApiException;
import social.atoll.server.Controller;

/**
 * Mastodon's {@code /api/v1/admin/trends/{tags,statuses,links}}: the window's whole rankings, items not reviewed yet
 * included and flagged {@code requires_review}, and {@code POST …/:id/approve|reject} answering the item as
 * reviewed. Scopes {@code admin:read} / {@code admin:write}; permission {@code manage_taxonomies}. Offset-paged
 * like the public trends (Mastodon's default limits: 10 tags, 20 statuses, 10 links).
 */
public final class AdminTrendsController implements Controller {

    private static final String READ = "admin:read";
    private static final String WRITE = "admin:write";

    private final Auth auth;
    private final TrendsService trends;
    private final TagViews tagViews;
    private final StatusViews statusViews;
    private final TrendViews trendViews;

    public AdminTrendsController(Auth auth, TrendsService trends, TagViews tagViews, StatusViews statusViews, TrendViews trendViews) {
        this.auth = auth;
        this.trends = trends;
        this.tagViews = tagViews;
        this.statusViews = statusViews;
        this.trendViews = trendViews;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/api/v1/admin/trends/tags", ctx -> {
            StaffAccess.Actor a = auth.staff(ctx, READ);
            ctx.json(tags(trends.reviewTags(a, offset(ctx), limit(ctx, 10)), a));
        });
        r.post("/api/v1/admin/trends/tags/{id}/approve", ctx -> reviewTag(ctx, true));
        r.post("/api/v1/admin/trends/tags/{id}/reject", ctx -> reviewTag(ctx, false));

        r.get("/api/v1/admin/trends/statuses", ctx -> {
            StaffAccess.Actor a = auth.staff(ctx, READ);
            ctx.json(statuses(trends.reviewStatuses(a, offset(ctx), limit(ctx, 20)), a));
        });
        r.post("/api/v1/admin/trends/statuses/{id}/approve", ctx -> reviewStatus(ctx, true));
        r.post("/api/v1/admin/trends/statuses/{id}/reject", ctx -> reviewStatus(ctx, false));

        r.get("/api/v1/admin/trends/links", ctx -> {
            StaffAccess.Actor a = auth.staff(ctx, READ);
            ctx.json(trends.reviewLinks(a, offset(ctx), limit(ctx, 10)).stream().map(trendViews::adminLink).toList());
        });
        r.post("/api/v1/admin/trends/links/{id}/approve", ctx -> reviewLink(ctx, true));
        r.post("/api/v1/admin/trends/links/{id}/reject", ctx -> reviewLink(ctx, false));
    }

    private void reviewTag(Context ctx, boolean approve) {
        StaffAccess.Actor a = auth.staff(ctx, WRITE);
        ctx.json(tags(List.of(trends.reviewTag(a, id(ctx), approve)), a).get(0));
    }

    private void reviewStatus(Context ctx, boolean approve) {
        StaffAccess.Actor a = auth.staff(ctx, WRITE);
        ctx.json(statuses(List.of(trends.reviewStatus(a, id(ctx), approve)), a).get(0));
    }

    private void reviewLink(Context ctx, boolean approve) {
        StaffAccess.Actor a = auth.staff(ctx, WRITE);
        ctx.json(trendViews.adminLink(trends.reviewLink(a, id(ctx), approve)));
    }

    private List<TrendViews.AdminTagEntity> tags(List<TrendsService.Reviewed<Tag>> list, StaffAccess.Actor a) {
        List<TagViews.TagEntity> rendered = tagViews.renderAll(list.stream().map(TrendsService.Reviewed::item).toList(), a.accountId());
        List<TrendViews.AdminTagEntity> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            var r = list.get(i);
            out.add(new TrendViews.AdminTagEntity(rendered.get(i), r.trendable(), r.item().usable(), r.requiresReview(), r.item().usable()));
        }
        return out;
    }

    private List<TrendViews.AdminStatusEntity> statuses(List<TrendsService.Reviewed<Status>> list, StaffAccess.Actor a) {
        List<StatusEntity> rendered = statusViews.renderAll(list.stream().map(TrendsService.Reviewed::item).toList(), a.accountId());
        java.util.Map<String, Boolean> pending = new java.util.HashMap<>();
        for (var r : list) pending.put(Long.toString(r.item().id()), r.requiresReview());
        return rendered.stream().map(e -> new TrendViews.AdminStatusEntity(e, pending.getOrDefault(e.id(), false))).toList();
    }

    private static int offset(Context ctx) {
        String s = ctx.queryParam("offset");
        if (s == null || s.isBlank()) return 0;
        try {
            return Math.max(0, Integer.parseInt(s.trim()));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("not a number: " + s);
        }
    }

    private static int limit(Context ctx, int dflt) { return Page.limit(ctx.queryParam("limit"), dflt, dflt * 2); }

    private static long id(Context ctx) { return AdminAccountsController.number(ctx.pathParam("id")); }
}
