package social.atoll.api.instance;

import io.javalin.config.RoutesConfig;
import social.atoll.api.entity.EmojiViews;
import social.atoll.server.Controller;

/**
 * {@code GET /api/v1/custom_emojis}: this server's custom emoji that pickers offer (hidden ones still render in text),
 * each as Mastodon's CustomEmoji with its {@code category} when it has one. Public, as on Mastodon.
 */
public final class CustomEmojisController implements Controller {

    private final EmojiViews emojis;

    public CustomEmojisController(EmojiViews emojis) { this.emojis = emojis; }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/api/v1/custom_emojis", ctx -> ctx.json(emojis.picker()));
    }
}
