package social.atoll.api.statuses;

import io.javalin.http.Context;

/** The status named by a route's {@code {id}}; anything that is not an id is not found. */
public final class StatusPaths {
    private StatusPaths() {}

    public static long id(Context ctx) { return StatusesController.id(ctx.pathParam("id")); }
}
