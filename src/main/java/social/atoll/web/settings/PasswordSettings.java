package social.atoll.web.settings;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Set;
import social.atoll.core.account.AccountCredentials;
import social.atoll.core.common.ValidationException;
import social.atoll.server.Controller;
import social.atoll.web.BrowserSessions;
import social.atoll.web.Pages;

/**
 * {@code /settings/password}: a new password, with the current one. Every other browser and every app is signed
 * out; this browser stays signed in.
 */
public final class PasswordSettings implements Controller {

    static final String PATH = "/settings/password";

    public record View(String notice, String error, Map<String, String> errors) {
        public String fieldError(String field) { return errors.get(field); }
    }

    private final SettingsSupport support;
    private final Pages pages;
    private final AccountCredentials credentials;

    public PasswordSettings(BrowserSessions browsers, Pages pages, AccountCredentials credentials) {
        this.support = new SettingsSupport(browsers, pages);
        this.pages = pages;
        this.credentials = credentials;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get(PATH, this::show);
        r.post(PATH, this::change);
    }

    private void show(Context ctx) {
        if (support.viewer(ctx).isEmpty()) return;
        render(ctx, 200, new View(SettingsSupport.notice(ctx, Set.of("password_changed")), null, Map.of()));
    }

    private void change(Context ctx) {
        var me = support.poster(ctx);
        if (me.isEmpty()) return;
        try {
            credentials.changePassword(me.get().account().id(), ctx.formParam("current_password"), ctx.formParam("password"),
                    me.get().session().id());
        } catch (ValidationException e) {
            Map<String, String> errors = social.atoll.web.auth.SignUpPages.errors(e);
            render(ctx, 422, new View(null, pages.messages().get("settings.password.failed"), errors));
            return;
        }
        SettingsSupport.done(ctx, PATH, "password_changed");
    }

    private void render(Context ctx, int status, View view) {
        var page = pages.page(ctx, pages.messages().get("settings.password.title"), "settings");
        pages.render(ctx, status, "settings/password.jte", page, view);
    }
}
