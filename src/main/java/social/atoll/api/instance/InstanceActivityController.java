package social.atoll.api.instance;

import io.javalin.config.RoutesConfig;
import java.util.List;
import social.atoll.core.instance.InstanceActivity;
import social.atoll.server.Controller;

/** {@code GET /api/v1/instance/peers} (known remote domains) and {@code GET /api/v1/instance/activity} (12 weeks, counts as strings). */
public final class InstanceActivityController implements Controller {

    /** One week of Mastodon's activity list; every value is a string. */
    public record WeekEntity(String week, String statuses, String logins, String registrations) {}

    private final InstanceActivity activity;

    public InstanceActivityController(InstanceActivity activity) { this.activity = activity; }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/api/v1/instance/peers", ctx -> ctx.json(activity.peers()));
        r.get("/api/v1/instance/activity", ctx -> {
            List<WeekEntity> out = activity.weeks().stream().map(w -> new WeekEntity(Long.toString(w.start().getEpochSecond()),
                    Long.toString(w.statuses()), Long.toString(w.logins()), Long.toString(w.registrations()))).toList();
            ctx.json(out);
        });
    }
}
