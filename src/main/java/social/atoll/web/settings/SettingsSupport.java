package social.atoll.web.settings;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Optional;
import java.util.Set;
import social.atoll.web.BrowserSessions;
import social.atoll.web.Pages;

/** What every settings page does alike: the signed-in check, CSRF refusal, the redirect after a change, notices. */
final class SettingsSupport {

    private final BrowserSessions sessions;
    private final Pages pages;

    SettingsSupport(BrowserSessions sessions, Pages pages) {
        this.sessions = sessions;
        this.pages = pages;
    }

    /** The signed-in browser of a page view (visitors are sent to sign in). */
    Optional<BrowserSessions.SignedIn> viewer(Context ctx) { return sessions.requireSignedIn(ctx); }

    /**
     * The signed-in browser of a form post that carries this browser's CSRF token; otherwise empty, with the
     * sign-in page (visitors) or a 403 page (a forged or expired form) already answered.
     */
    Optional<BrowserSessions.SignedIn> poster(Context ctx) {
        var me = sessions.current(ctx);
        if (me.isEmpty()) {
            ctx.redirect("/auth/sign_in", HttpStatus.SEE_OTHER);
            return Optional.empty();
        }
        if (!sessions.csrfValid(ctx)) {
            var t = pages.messages();
            pages.message(ctx, 403, t.get("settings.refused.title"), t.get("settings.refused.text"), null);
            return Optional.empty();
        }
        return me;
    }

    /** Back to a settings page after a change, with a notice that page shows (303: the browser GETs it). */
    static void done(Context ctx, String path, String notice) {
        ctx.redirect(path + (notice == null ? "" : "?notice=" + notice), HttpStatus.SEE_OTHER);
    }

    /** The notice named in the query, if it is one this page knows (anything else shows nothing). */
    static String notice(Context ctx, Set<String> known) {
        String n = ctx.queryParam("notice");
        return n != null && known.contains(n) ? "settings.notice." + n : null;
    }
}
