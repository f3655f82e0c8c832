package social.atoll.api.statuses;

import io.javalin.config.RoutesConfig;
import social.atoll.server.ApiException;
import social.atoll.api.Auth;
import social.atoll.server.Controller;
import social.atoll.api.Viewer;
import social.atoll.core.status.StatusQueries;

/**
 * {@code POST /api/v1/statuses/:id/translate}. No translation service is configured (the instance document says
 * {@code translation.enabled: false}), so a visible status answers 404 as Mastodon does without one; clients hide
 * the button from the instance document anyway.
 */
public final class TranslationsController implements Controller {

    private final Auth auth;
    private final StatusQueries statuses;

    public TranslationsController(Auth auth, StatusQueries statuses) {
        this.auth = auth;
        this.statuses = statuses;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.post("/api/v1/statuses/{id}/translate", ctx -> {
            Viewer v = auth.requireUser(ctx, "read:statuses");
            statuses.visibleById(v.accountId(), StatusPaths.id(ctx)).orElseThrow(ApiException::notFound);
            throw ApiException.notFound();
        });
    }
}
