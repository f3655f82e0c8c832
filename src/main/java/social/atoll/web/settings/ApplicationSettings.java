package social.atoll.web.settings;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import social.atoll.core.auth.AuthorizedApps;
import social.atoll.server.Controller;
import social.atoll.web.BrowserSessions;
import social.atoll.web.Pages;
import social.atoll.web.view.Times;

/**
 * {@code /settings/applications}: the apps the person let into their account, with what they may do and when they
 * last did something, and a Revoke button that signs the app out (its tokens stop working at once).
 */
public final class ApplicationSettings implements Controller {

    static final String PATH = "/settings/applications";

    /** One app as the page lists it. */
    public record App(long id, String name, String website, List<String> scopes, Instant authorizedAt, String authorizedText,
                      Instant lastUsedAt, String lastUsedText) {}

    public record View(List<App> apps, String notice) {}

    private final SettingsSupport support;
    private final Pages pages;
    private final AuthorizedApps apps;

    public ApplicationSettings(BrowserSessions sessions, Pages pages, AuthorizedApps apps) {
        this.support = new SettingsSupport(sessions, pages);
        this.pages = pages;
        this.apps = apps;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get(PATH, this::show);
        r.post(PATH + "/{id}/revoke", this::revoke);
    }

    private void show(Context ctx) {
        var me = support.viewer(ctx);
        if (me.isEmpty()) return;
        List<App> list = apps.of(me.get().account().id()).stream()
                .map(a -> new App(a.appId(), a.name(), website(a.website()), List.copyOf(a.scopes()), a.authorizedAt(),
                        Times.full(a.authorizedAt()), a.lastUsedAt(), Times.full(a.lastUsedAt())))
                .toList();
        var page = pages.page(ctx, pages.messages().get("settings.applications.title"), "settings");
        pages.render(ctx, 200, "settings/applications.jte", page, new View(list, SettingsSupport.notice(ctx, Set.of("app_revoked"))));
    }

    private void revoke(Context ctx) {
        var me = support.poster(ctx);
        if (me.isEmpty()) return;
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            SettingsSupport.done(ctx, PATH, null);
            return;
        }
        boolean revoked = apps.revoke(me.get().account().id(), id);
        SettingsSupport.done(ctx, PATH, revoked ? "app_revoked" : null);
    }

    /** Only http(s) websites become links; anything else an app registered is left out. */
    private static String website(String w) {
        return w != null && (w.startsWith("https://") || w.startsWith("http://")) ? w : null;
    }
}
