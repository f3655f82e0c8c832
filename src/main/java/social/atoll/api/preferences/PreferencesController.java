package social.atoll.api.preferences;

import io.javalin.config.RoutesConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import social.atoll.server.ApiException;
import social.atoll.api.Auth;
import social.atoll.server.Controller;
import social.atoll.api.Viewer;
import social.atoll.core.preferences.Preferences;
import social.atoll.core.preferences.PreferencesService;

/** {@code GET /api/v1/preferences}: a plain object with Mastodon's colon keys. */
public final class PreferencesController implements Controller {

    private final Auth auth;
    private final PreferencesService preferences;

    public PreferencesController(Auth auth, PreferencesService preferences) {
        this.auth = auth;
        this.preferences = preferences;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/api/v1/preferences", ctx -> {
            Viewer v = auth.requireUser(ctx, "read:accounts");
            Preferences p = preferences.of(v.accountId()).orElseThrow(ApiException::notFound);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("posting:default:visibility", p.defaultVisibility());
            out.put("posting:default:sensitive", p.defaultSensitive());
            out.put("posting:default:language", p.defaultLanguage());
            out.put("posting:default:quote_policy", p.defaultQuotePolicy());
            out.put("reading:expand:media", p.expandMedia());
            out.put("reading:expand:spoilers", p.expandSpoilers());
            out.put("reading:autoplay:gifs", p.autoplayGifs());
            ctx.json(out);
        });
    }
}
