package social.atoll.api.instance;

import io.javalin.config.RoutesConfig;
import social.atoll.api.Auth;
import social.atoll.api.admin.AdminViews;
import social.atoll.core.instance.SiteSettings;
import social.atoll.core.moderation.DomainModeration;
import social.atoll.server.ApiException;
import social.atoll.server.Controller;

/**
 * {@code GET /api/v1/instance/domain_blocks}: the server's blocks as its admin chooses to show them (site setting
 * {@code show_domain_blocks}: {@code disabled} — Mastodon's default, a 404 —, {@code users} — signed-in callers —,
 * or {@code all}); an obfuscated block shows its domain partly starred, with the digest to check it against.
 */
public final class InstanceDomainBlocksController implements Controller {

    public static final String SETTING = "show_domain_blocks";

    private final Auth auth;
    private final SiteSettings site;
    private final DomainModeration domains;

    public InstanceDomainBlocksController(Auth auth, SiteSettings site, DomainModeration domains) {
        this.auth = auth;
        this.site = site;
        this.domains = domains;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/api/v1/instance/domain_blocks", ctx -> {
            String shown = site.get(SETTING).orElse("disabled");
            boolean signedIn = auth.viewer(ctx).hasUser();
            if (!(shown.equals("all") || (shown.equals("users") && signedIn))) throw ApiException.notFound();
            ctx.json(domains.publicBlocks().stream().map(AdminViews::publicDomainBlock).toList());
        });
    }
}
