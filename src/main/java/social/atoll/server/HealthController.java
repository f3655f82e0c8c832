package social.atoll.server;

import io.javalin.config.RoutesConfig;
import java.util.Map;
import social.atoll.infra.db.Database;

/** {@code /health}: the process answers. {@code /health/ready}: the database answers and is fully migrated. */
public final class HealthController implements Controller {

    private final Database db;

    public HealthController(Database db) { this.db = db; }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/health", ctx -> ctx.contentType("text/plain").result("OK"));
        r.get("/health/ready", ctx -> {
            boolean ready = db.ready();
            ctx.status(ready ? 200 : 503).json(Map.of("status", ready ? "ready" : "unavailable"));
        });
    }
}
