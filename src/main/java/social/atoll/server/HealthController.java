package social.atoll.server;

import io.javalin.config.RoutesConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import social.atoll.infra.db.Database;
import social.atoll.infra.storage.BlobStore;

/**
 * {@code /health}: the process answers. {@code /health/ready}: the database answers, is fully migrated and can be
 * written, and the media store takes a write — what a load balancer needs to know before sending people here.
 */
public final class HealthController implements Controller {

    private final Database db;
    private final BlobStore blobs;

    public HealthController(Database db, BlobStore blobs) {
        this.db = db;
        this.blobs = blobs;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/health", ctx -> ctx.contentType("text/plain").result("OK"));
        r.get("/health/ready", ctx -> {
            boolean database = db.ready();
            boolean storage = blobs.writable();
            boolean ready = database && storage;
            Map<String, String> body = new LinkedHashMap<>();
            body.put("status", ready ? "ready" : "unavailable");
            body.put("database", database ? "ok" : "unavailable");
            body.put("storage", storage ? "ok" : "not writable");
            ctx.status(ready ? 200 : 503).json(body);
        });
    }
}
