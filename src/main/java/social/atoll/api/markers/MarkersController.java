package social.atoll.api.markers;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import social.atoll.server.ApiException;
import social.atoll.api.Auth;
import social.atoll.server.Controller;
import social.atoll.server.Params;
import social.atoll.api.Viewer;
import social.atoll.api.entity.Dates;
import social.atoll.core.marker.Marker;
import social.atoll.core.marker.MarkerService;

/**
 * {@code GET/POST /api/v1/markers}. A requested timeline without a saved marker still gets one, at
 * {@code last_read_id "0"}: Elk reads {@code markers.notifications.last_read_id} without a null check.
 */
public final class MarkersController implements Controller {

    /** The Marker entity. */
    public record MarkerEntity(String lastReadId, int version, String updatedAt) {}

    private final Auth auth;
    private final ObjectMapper json;
    private final MarkerService markers;

    public MarkersController(Auth auth, ObjectMapper json, MarkerService markers) {
        this.auth = auth;
        this.json = json;
        this.markers = markers;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/api/v1/markers", this::get);
        r.post("/api/v1/markers", this::save);
    }

    private void get(Context ctx) {
        Viewer v = auth.requireUser(ctx, "read:statuses");
        List<String> wanted = Params.from(ctx, json).list("timeline");
        Map<String, Marker> saved = markers.get(v.accountId(), wanted);
        Map<String, MarkerEntity> out = new LinkedHashMap<>();
        for (String t : wanted) {
            if (!MarkerService.TIMELINES.contains(t) || out.containsKey(t)) continue;
            Marker m = saved.get(t);
            out.put(t, m != null ? entity(m) : new MarkerEntity("0", 0, Dates.datetime(Instant.EPOCH)));
        }
        ctx.json(out);
    }

    private void save(Context ctx) {
        Viewer v = auth.requireUser(ctx, "write:statuses");
        Params p = Params.from(ctx, json);
        Map<String, Long> positions = new LinkedHashMap<>();
        for (String t : MarkerService.TIMELINES) {
            if (!p.has(t)) continue;
            String id = p.group(t).string("last_read_id").orElseThrow(() -> ApiException.missingParam(t + "[last_read_id]"));
            try {
                positions.put(t, Long.parseLong(id));
            } catch (NumberFormatException e) {
                throw ApiException.invalid("Last read id is not a number");
            }
        }
        Map<String, MarkerEntity> out = new LinkedHashMap<>();
        try {
            markers.save(v.accountId(), positions).forEach((t, m) -> out.put(t, entity(m)));
        } catch (MarkerService.ConflictException e) {
            throw new ApiException(409, e.getMessage());
        }
        ctx.json(out);
    }

    private static MarkerEntity entity(Marker m) {
        return new MarkerEntity(Long.toString(m.lastReadId()), m.version(), Dates.datetime(m.updatedAt()));
    }
}
