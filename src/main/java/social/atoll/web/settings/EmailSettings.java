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
 * {@code /settings/email}: a new e-mail address, with the current password. A link goes to the new address and a
 * notice to the old one; {@code /auth/email/confirm?token=…} (the link) makes the change.
 */
public final class EmailSettings implements Controller {

    static final String PATH = "/settings/email";

    public record View(String notice, String error, Map<String, String> errors, String current, String pending, String email) {
        public String fieldError(String field) { return errors.get(field); }
    }

    private final SettingsSupport support;
    private final Pages pages;
    private final AccountCredentials credentials;

    public EmailSettings(BrowserSessions browsers, Pages pages, AccountCredentials credentials) {
        this.support = new SettingsSupport(browsers, pages);
        this.pages = pages;
        this.credentials = credentials;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get(PATH, this::show);
        r.post(PATH, this::change);
        r.get("/auth/email/confirm", this::confirm);
    }

    private void show(Context ctx) {
        var me = support.viewer(ctx);
        if (me.isEmpty()) return;
        long id = me.get().account().id();
        render(ctx, 200, new View(SettingsSupport.notice(ctx, Set.of("email_change_sent")), null, Map.of(), me.get().user().email(),
                credentials.pendingEmail(id).orElse(null), ""));
    }

    private void change(Context ctx) {
        var me = support.poster(ctx);
        if (me.isEmpty()) return;
        long id = me.get().account().id();
        String email = ctx.formParam("email") == null ? "" : ctx.formParam("email");
        try {
            credentials.requestEmailChange(id, ctx.formParam("current_password"), email);
        } catch (ValidationException e) {
            render(ctx, 422, new View(null, pages.messages().get("settings.email.failed"), social.atoll.web.auth.SignUpPages.errors(e),
                    me.get().user().email(), credentials.pendingEmail(id).orElse(null), email));
            return;
        }
        SettingsSupport.done(ctx, PATH, "email_change_sent");
    }

    private void confirm(Context ctx) {
        var t = pages.messages();
        switch (credentials.confirmEmailChange(ctx.queryParam("token"))) {
            case CHANGED -> pages.message(ctx, 200, t.get("settings.email.confirmed_title"), t.get("settings.email.confirmed"), null);
            case ADDRESS_TAKEN -> pages.message(ctx, 409, t.get("settings.email.taken_title"), t.get("settings.email.taken"), null);
            default -> pages.message(ctx, 404, t.get("settings.email.invalid_title"), t.get("settings.email.invalid"), null);
        }
    }

    private void render(Context ctx, int status, View view) {
        var page = pages.page(ctx, pages.messages().get("settings.email.title"), "settings");
        pages.render(ctx, status, "settings/email.jte", page, view);
    }
}
