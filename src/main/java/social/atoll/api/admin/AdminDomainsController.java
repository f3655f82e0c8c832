package social.atoll.api.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.function.ToLongFunction;
import social.atoll.api.Auth;
import social.atoll.api.Page;
import social.atoll.config.Settings;
import social.atoll.core.moderation.DomainModeration;
import social.atoll.core.moderation.StaffAccess;
import social.atoll.server.Controller;
import social.atoll.server.Params;

/**
 * Mastodon's {@code /api/v1/admin/domain_blocks} (CRUD; severity {@code silence} | {@code suspend} | {@code noop},
 * {@code reject_media}, {@code reject_reports}, comments, {@code obfuscate}) and {@code /api/v1/admin/domain_allows}.
 * Scopes {@code admin:read|write:domain_blocks} and {@code …:domain_allows}; permission {@code manage_federation}.
 */
public final class AdminDomainsController implements Controller {

    private final Settings settings;
    private final Auth auth;
    private final ObjectMapper json;
    private final DomainModeration domains;

    public AdminDomainsController(Settings settings, Auth auth, ObjectMapper json, DomainModeration domains) {
        this.settings = settings;
        this.auth = auth;
        this.json = json;
        this.domains = domains;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/api/v1/admin/domain_blocks", ctx -> {
            var all = domains.blocks(auth.staff(ctx, "admin:read:domain_blocks"));
            ctx.json(page(ctx, all, b -> b.id()).stream().map(AdminViews::domainBlock).toList());
        });
        r.get("/api/v1/admin/domain_blocks/{id}", ctx ->
                ctx.json(AdminViews.domainBlock(domains.block(auth.staff(ctx, "admin:read:domain_blocks"), id(ctx)))));
        r.post("/api/v1/admin/domain_blocks", ctx -> {
            StaffAccess.Actor a = auth.staff(ctx, "admin:write:domain_blocks");
            ctx.json(AdminViews.domainBlock(domains.create(a, request(Params.from(ctx, json)))));
        });
        r.put("/api/v1/admin/domain_blocks/{id}", ctx -> {
            StaffAccess.Actor a = auth.staff(ctx, "admin:write:domain_blocks");
            ctx.json(AdminViews.domainBlock(domains.update(a, id(ctx), request(Params.from(ctx, json)))));
        });
        r.delete("/api/v1/admin/domain_blocks/{id}", ctx -> {
            domains.delete(auth.staff(ctx, "admin:write:domain_blocks"), id(ctx));
            ctx.json(java.util.Map.of());
        });

        r.get("/api/v1/admin/domain_allows", ctx -> {
            var all = domains.allows(auth.staff(ctx, "admin:read:domain_allows"));
            ctx.json(page(ctx, all, a -> a.id()).stream().map(AdminViews::domainAllow).toList());
        });
        r.get("/api/v1/admin/domain_allows/{id}", ctx ->
                ctx.json(AdminViews.domainAllow(domains.allow(auth.staff(ctx, "admin:read:domain_allows"), id(ctx)))));
        r.post("/api/v1/admin/domain_allows", ctx -> {
            StaffAccess.Actor a = auth.staff(ctx, "admin:write:domain_allows");
            ctx.json(AdminViews.domainAllow(domains.createAllow(a, Params.from(ctx, json).require("domain"))));
        });
        r.delete("/api/v1/admin/domain_allows/{id}", ctx -> {
            domains.deleteAllow(auth.staff(ctx, "admin:write:domain_allows"), id(ctx));
            ctx.json(java.util.Map.of());
        });
    }

    private static DomainModeration.BlockRequest request(Params p) {
        return new DomainModeration.BlockRequest(p.string("domain").orElse(null), p.string("severity").orElse(null),
                p.bool("reject_media").orElse(null), p.bool("reject_reports").orElse(null), p.rawString("private_comment").orElse(null),
                p.rawString("public_comment").orElse(null), p.bool("obfuscate").orElse(null));
    }

    /** Domain lists are short; they page by id in memory with the usual cursors and Link header. */
    private <T> List<T> page(Context ctx, List<T> newestFirst, ToLongFunction<T> id) {
        Page page = Page.from(ctx, 100);
        List<T> kept = newestFirst.stream().filter(x -> {
            long v = id.applyAsLong(x);
            return (page.maxId() == null || v < page.maxId()) && (page.minId() == null || v > page.minId())
                    && (page.sinceId() == null || v > page.sinceId());
        }).toList();
        List<T> out = page.ascending() ? kept.subList(Math.max(0, kept.size() - page.limit()), kept.size())
                : kept.subList(0, Math.min(page.limit(), kept.size()));
        Page.link(ctx, settings.baseUrl(), out, id);
        return out;
    }

    private static long id(Context ctx) { return AdminAccountsController.number(ctx.pathParam("id")); }
}
