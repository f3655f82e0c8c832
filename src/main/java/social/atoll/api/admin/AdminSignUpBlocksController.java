package social.atoll.api.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import java.util.List;
import java.util.Map;
import social.atoll.api.Auth;
import social.atoll.api.entity.Dates;
import social.atoll.core.moderation.SignUpBlocks;
import social.atoll.core.moderation.StaffAccess;
import social.atoll.server.Controller;
import social.atoll.server.Params;

/**
 * Mastodon's {@code /api/v1/admin/email_domain_blocks}, {@code /api/v1/admin/canonical_email_blocks} (with
 * {@code test}) and {@code /api/v1/admin/ip_blocks}: what may sign up. Permission {@code manage_blocks}; scopes
 * {@code admin:read|write:<resource>}.
 */
public final class AdminSignUpBlocksController implements Controller {

    /** Admin::EmailDomainBlock; {@code history} (sign-up attempts per day) is not counted yet, so it is empty. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record EmailDomainBlockEntity(String id, String domain, String createdAt, List<Object> history) {}

    public record CanonicalEmailBlockEntity(String id, String canonicalEmailHash) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record IpBlockEntity(String id, String ip, String severity, String comment, String createdAt, String expiresAt) {}

    private final Auth auth;
    private final ObjectMapper json;
    private final SignUpBlocks blocks;

    public AdminSignUpBlocksController(Auth auth, ObjectMapper json, SignUpBlocks blocks) {
        this.auth = auth;
        this.json = json;
        this.blocks = blocks;
    }

    private static EmailDomainBlockEntity entity(SignUpBlocks.EmailDomainBlock b) {
        return new EmailDomainBlockEntity(Long.toString(b.id()), b.domain(), Dates.datetime(b.createdAt()), List.of());
    }

    private static CanonicalEmailBlockEntity entity(SignUpBlocks.CanonicalEmailBlock b) {
        return new CanonicalEmailBlockEntity(Long.toString(b.id()), b.canonicalEmailHash());
    }

    private static IpBlockEntity entity(SignUpBlocks.IpBlock b) {
        return new IpBlockEntity(Long.toString(b.id()), b.ip(), b.severity(), b.comment(), Dates.datetime(b.createdAt()),
                Dates.datetime(b.expiresAt()));
    }

    private StaffAccess.Actor read(io.javalin.http.Context ctx, String resource) { return auth.staff(ctx, "admin:read:" + resource); }

    private StaffAccess.Actor write(io.javalin.http.Context ctx, String resource) { return auth.staff(ctx, "admin:write:" + resource); }

    private static long id(io.javalin.http.Context ctx) { return AdminAccountsController.number(ctx.pathParam("id")); }

    @Override
    public void routes(RoutesConfig r) {
        String e = "email_domain_blocks";
        r.get("/api/v1/admin/email_domain_blocks", ctx -> ctx.json(blocks.emailDomainBlocks(read(ctx, e)).stream().map(AdminSignUpBlocksController::entity).toList()));
        r.get("/api/v1/admin/email_domain_blocks/{id}", ctx -> ctx.json(entity(blocks.emailDomainBlock(read(ctx, e), id(ctx)))));
        r.post("/api/v1/admin/email_domain_blocks", ctx -> {
            StaffAccess.Actor a = write(ctx, e);
            Params p = Params.from(ctx, json);
            ctx.json(entity(blocks.blockEmailDomain(a, p.require("domain"), p.bool("allow_with_approval", false))));
        });
        r.delete("/api/v1/admin/email_domain_blocks/{id}", ctx -> {
            blocks.unblockEmailDomain(write(ctx, e), id(ctx));
            ctx.json(Map.of());
        });

        String c = "canonical_email_blocks";
        r.get("/api/v1/admin/canonical_email_blocks", ctx -> ctx.json(blocks.canonicalEmailBlocks(read(ctx, c)).stream().map(AdminSignUpBlocksController::entity).toList()));
        r.get("/api/v1/admin/canonical_email_blocks/{id}", ctx -> ctx.json(entity(blocks.canonicalEmailBlock(read(ctx, c), id(ctx)))));
        r.post("/api/v1/admin/canonical_email_blocks/test", ctx -> {
            StaffAccess.Actor a = read(ctx, c);
            ctx.json(blocks.canonicalBlocksMatching(a, Params.from(ctx, json).require("email")).stream().map(AdminSignUpBlocksController::entity).toList());
        });
        r.post("/api/v1/admin/canonical_email_blocks", ctx -> {
            StaffAccess.Actor a = write(ctx, c);
            Params p = Params.from(ctx, json);
            ctx.json(entity(blocks.blockCanonicalEmail(a, p.string("email").orElse(null), p.string("canonical_email_hash").orElse(null))));
        });
        r.delete("/api/v1/admin/canonical_email_blocks/{id}", ctx -> {
            blocks.unblockCanonicalEmail(write(ctx, c), id(ctx));
            ctx.json(Map.of());
        });

        String i = "ip_blocks";
        r.get("/api/v1/admin/ip_blocks", ctx -> ctx.json(blocks.ipBlocks(read(ctx, i)).stream().map(AdminSignUpBlocksController::entity).toList()));
        r.get("/api/v1/admin/ip_blocks/{id}", ctx -> ctx.json(entity(blocks.ipBlock(read(ctx, i), id(ctx)))));
        r.post("/api/v1/admin/ip_blocks", ctx -> {
            StaffAccess.Actor a = write(ctx, i);
            Params p = Params.from(ctx, json);
            ctx.json(entity(blocks.blockIp(a, p.require("ip"), p.string("severity").orElse(null), p.rawString("comment").orElse(null),
                    p.longValue("expires_in").orElse(null))));
        });
        r.put("/api/v1/admin/ip_blocks/{id}", ctx -> {
            StaffAccess.Actor a = write(ctx, i);
            Params p = Params.from(ctx, json);
            ctx.json(entity(blocks.updateIpBlock(a, id(ctx), p.string("severity").orElse(null), p.rawString("comment").orElse(null),
                    p.longValue("expires_in").orElse(null))));
        });
        r.delete("/api/v1/admin/ip_blocks/{id}", ctx -> {
            blocks.unblockIp(write(ctx, i), id(ctx));
            ctx.json(Map.of());
        });
    }
}
