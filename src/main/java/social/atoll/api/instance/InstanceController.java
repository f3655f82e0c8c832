package social.atoll.api.instance;

import io.javalin.config.RoutesConfig;
import social.atoll.server.Controller;
import social.atoll.api.entity.AccountViews;
import social.atoll.config.Settings;
import social.atoll.core.instance.InstanceService;
import social.atoll.core.instance.Policies;
import social.atoll.server.ApiException;

/**
 * {@code /api/v1/instance}, {@code /api/v2/instance}, {@code /api/v1/instance/rules}, {@code …/privacy_policy} and
 * {@code …/terms_of_service}. Public and token-blind:
 * clients fetch these before they log in, and a stale token must not hide the server's description.
 */
public final class InstanceController implements Controller {

    private final InstanceDocuments documents;
    private final Policies policies;

    /** {@code heif}: whether HEIC photos are taken (and listed in the media types). */
    public InstanceController(Settings settings, InstanceService instance, Policies policies, AccountViews views, String vapidKey,
                              boolean heif) {
        this.documents = new InstanceDocuments(settings, instance, policies, views, vapidKey, heif);
        this.policies = policies;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/api/v1/instance", ctx -> ctx.json(documents.v1()));
        r.get("/api/v2/instance", ctx -> ctx.json(documents.v2()));
        r.get("/api/v1/instance/rules", ctx -> ctx.json(documents.rules()));
        r.get("/api/v1/instance/privacy_policy", ctx -> {
            var p = policies.privacyPolicy();
            ctx.json(InstanceDocuments.map("updated_at", p.updatedAt().toString(), "content", p.html()));
        });
        // Mastodon 4.4: the terms in force; 404 when the server has none
        r.get("/api/v1/instance/terms_of_service", ctx -> {
            var t = policies.termsOfService().orElseThrow(ApiException::notFound);
            ctx.json(InstanceDocuments.map("effective_date", t.effectiveDate().toString(), "effective", t.effective(),
                    "content", t.html(), "succeeded_by", null));
        });
    }
}
