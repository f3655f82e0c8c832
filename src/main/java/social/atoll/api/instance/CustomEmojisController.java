package social.atoll.api.instance;

import io.javalin.config.RoutesConfig;
import java.util.List;
import social.atoll.server.Controller;

/** {@code GET /api/v1/custom_emojis}: the server's custom emoji. Atoll has none yet, so the true answer is []. */
public final class CustomEmojisController implements Controller {

    @Override
    public void routes(RoutesConfig r) {
        r.get("/api/v1/custom_emojis", ctx -> ctx.json(List.of()));
    }
}
