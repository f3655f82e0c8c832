package social.atoll.web.settings;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import social.atoll.core.common.ValidationException;
import social.atoll.core.deletion.AccountDeletion;
import social.atoll.server.Controller;
import social.atoll.web.BrowserSessions;
import social.atoll.web.Pages;

/**
 * {@code /settings/delete}: deleting one's own account, with the password and after a plain warning of what
 * happens. The account is suspended and signed out everywhere at once; the rest is {@link AccountDeletion}'s.
 */
public final class DeleteSettings implements Controller {

    static final String PATH = "/settings/delete";

    public record View(String error, Map<String, String> errors, String acct) {
        public String fieldError(String field) { return errors.get(field); }
    }

    private final SettingsSupport support;
    private final BrowserSessions browsers;
    private final Pages pages;
    private final AccountDeletion deletion;

    public DeleteSettings(BrowserSessions browsers, Pages pages, AccountDeletion deletion) {
        this.support = new SettingsSupport(browsers, pages);
        this.browsers = browsers;
        this.pages = pages;
        this.deletion = deletion;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get(PATH, this::show);
        r.post(PATH, this::delete);
    }

    private void show(Context ctx) {
        var me = support.viewer(ctx);
        if (me.isEmpty()) return;
        render(ctx, 200, new View(null, Map.of(), me.get().account().username()));
    }

    private void delete(Context ctx) {
        var me = support.poster(ctx);
        if (me.isEmpty()) return;
        try {
            deletion.deleteOwn(me.get().account().id(), ctx.formParam("password"));
        } catch (ValidationException e) {
            render(ctx, 422, new View(pages.messages().get("settings.delete.failed"), social.atoll.web.auth.SignUpPages.errors(e),
                    me.get().account().username()));
            return;
        }
        browsers.signOut(ctx);
        var t = pages.messages();
        pages.message(ctx, 200, t.get("settings.delete.done_title"), t.get("settings.delete.done"), t.get("settings.delete.done_detail"));
    }

    private void render(Context ctx, int status, View view) {
        var page = pages.page(ctx, pages.messages().get("settings.delete.title"), "settings");
        pages.render(ctx, status, "settings/delete.jte", page, view);
    }
}
