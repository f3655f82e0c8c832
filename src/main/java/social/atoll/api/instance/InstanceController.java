package social.atoll.api.instance;

import io.javalin.config.RoutesConfig;
import social.atoll.server.Controller;
import social.atoll.api.entity.AccountViews;
import social.atoll.config.Settings;
import social.atoll.core.instance.InstanceService;

/**
 * {@code /api/v1/instance}, {@code /api/v2/instance} and {@code /api/v1/instance/rules}. Public and token-blind:
 * clients fetch these before they log in, and a stale token must not hide the server's description.
 */
public final class InstanceController implements Controller {

    private final InstanceDocuments documents;

    public InstanceController(Settings settings, InstanceService instance, AccountViews views, String vapidKey) {
        this.documents = new InstanceDocuments(settings, instance, views, vapidKey);
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/api/v1/instance", ctx -> ctx.json(documents.v1()));
        r.get("/api/v2/instance", ctx -> ctx.json(documents.v2()));
        r.get("/api/v1/instance/rules", ctx -> ctx.json(documents.rules()));
    }
}
