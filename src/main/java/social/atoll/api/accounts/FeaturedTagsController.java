package social.atoll.api.accounts;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import social.atoll.server.ApiException;
import social.atoll.api.Auth;
import social.atoll.server.Controller;
import social.atoll.server.Params;
import social.atoll.api.Viewer;
import social.atoll.api.entity.Dates;
import social.atoll.api.tags.TagViews;
import social.atoll.config.Settings;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountQueries;
import social.atoll.core.featured.FeaturedTagService;

/**
 * Featured hashtags: the viewer's ({@code GET/POST /api/v1/featured_tags}, {@code DELETE /api/v1/featured_tags/:id}),
 * suggestions from their own recent use, and anyone's ({@code GET /api/v1/accounts/:id/featured_tags}).
 */
public final class FeaturedTagsController implements Controller {

    /** Mastodon's FeaturedTag. */
    public record FeaturedTagEntity(String id, String name, String url, String statusesCount, String lastStatusAt) {}

    private final Settings settings;
    private final Auth auth;
    private final ObjectMapper json;
    private final AccountQueries accounts;
    private final FeaturedTagService featured;
    private final TagViews tagViews;

    public FeaturedTagsController(Settings settings, Auth auth, ObjectMapper json, AccountQueries accounts,
                                  FeaturedTagService featured, TagViews tagViews) {
        this.settings = settings;
        this.auth = auth;
        this.json = json;
        this.accounts = accounts;
        this.featured = featured;
        this.tagViews = tagViews;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/api/v1/featured_tags", ctx -> {
            Viewer v = auth.requireUser(ctx, "read:accounts");
            ctx.json(render(v.account(), featured.of(v.accountId())));
        });
        r.post("/api/v1/featured_tags", ctx -> {
            Viewer v = auth.requireUser(ctx, "write:accounts");
            var f = featured.feature(v.accountId(), Params.from(ctx, json).require("name"));
            ctx.json(render(v.account(), List.of(f)).get(0));
        });
        r.delete("/api/v1/featured_tags/{id}", ctx -> {
            Viewer v = auth.requireUser(ctx, "write:accounts");
            long id;
            try {
                id = Long.parseLong(ctx.pathParam("id"));
            } catch (NumberFormatException e) {
                throw ApiException.notFound();
            }
            featured.unfeature(v.accountId(), id);
            ctx.json(Map.of());
        });
        r.get("/api/v1/featured_tags/suggestions", ctx -> {
            Viewer v = auth.requireUser(ctx, "read:accounts");
            ctx.json(tagViews.renderAll(featured.suggestions(v.accountId()), v.accountId()));
        });
        r.get("/api/v1/accounts/{id}/featured_tags", ctx -> {
            auth.optional(ctx, "read:accounts");
            Account owner = AccountPaths.visible(ctx, accounts);
            ctx.json(owner.suspended() ? List.of() : render(owner, featured.of(owner.id())));
        });
    }

    private List<FeaturedTagEntity> render(Account owner, List<FeaturedTagService.FeaturedTag> list) {
        String profile = owner.local() ? settings.url("/@" + owner.username()) : (owner.url() != null ? owner.url() : owner.uri());
        return list.stream().map(f -> new FeaturedTagEntity(Long.toString(f.id()), f.tag().name(),
                profile + "/tagged/" + URLEncoder.encode(f.tag().nameKey(), StandardCharsets.UTF_8).replace("+", "%20"),
                Long.toString(f.statusesCount()), Dates.date(f.lastStatusAt()))).toList();
    }
}
