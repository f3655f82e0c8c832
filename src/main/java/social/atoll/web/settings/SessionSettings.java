package social.atoll.web.settings;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Set;
import social.atoll.core.auth.WebSessions;
import social.atoll.server.Controller;
import social.atoll.web.BrowserSessions;
import social.atoll.web.Pages;
import social.atoll.web.view.Times;

/**
 * {@code /settings/sessions}: the browsers signed in to this account (browser and system, address, sign-in and last
 * activity, this one marked), with Sign out for each other one and for all others at once.
 */
public final class SessionSettings implements Controller {

    static final String PATH = "/settings/sessions";

    /** One signed-in browser as the page lists it. */
    public record Row(long id, String browser, String ip, String createdAt, String createdText, String lastActiveAt,
                      String lastActiveText, boolean current) {}

    public record View(List<Row> sessions, boolean others, String notice) {}

    private final SettingsSupport support;
    private final Pages pages;
    private final WebSessions sessions;

    public SessionSettings(BrowserSessions browsers, Pages pages, WebSessions sessions) {
        this.support = new SettingsSupport(browsers, pages);
        this.pages = pages;
        this.sessions = sessions;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get(PATH, this::show);
        r.post(PATH + "/end_others", this::endOthers);
        r.post(PATH + "/{id}/end", this::end);
    }

    private void show(Context ctx) {
        var me = support.viewer(ctx);
        if (me.isEmpty()) return;
        long current = me.get().session().id();
        var t = pages.messages();
        List<Row> rows = sessions.of(me.get().user().id()).stream()
                .map(s -> new Row(s.id(), UserAgents.summary(s.userAgent(), t), s.ip() == null ? "" : s.ip(),
                        s.createdAt().toString(), Times.full(s.createdAt()), s.lastSeen().toString(), Times.full(s.lastSeen()),
                        s.id() == current))
                .sorted(java.util.Comparator.comparing((Row r) -> !r.current())) // this browser first, then by activity
                .toList();
        var page = pages.page(ctx, t.get("settings.sessions.title"), "settings");
        pages.render(ctx, 200, "settings/sessions.jte", page, new View(rows, rows.stream().anyMatch(r -> !r.current()),
                SettingsSupport.notice(ctx, Set.of("session_ended", "sessions_ended"))));
    }

    private void end(Context ctx) {
        var me = support.poster(ctx);
        if (me.isEmpty()) return;
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            SettingsSupport.done(ctx, PATH, null);
            return;
        }
        // this browser signs out with the Sign out button, which also drops its cookie
        boolean ended = id != me.get().session().id() && sessions.end(me.get().user().id(), id);
        SettingsSupport.done(ctx, PATH, ended ? "session_ended" : null);
    }

    private void endOthers(Context ctx) {
        var me = support.poster(ctx);
        if (me.isEmpty()) return;
        sessions.endOthers(me.get().user().id(), me.get().session().id());
        SettingsSupport.done(ctx, PATH, "sessions_ended");
    }
}
