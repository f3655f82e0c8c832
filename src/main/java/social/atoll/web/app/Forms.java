package social.atoll.web.app;

import io.javalin.http.Context;
import java.util.Optional;
import social.atoll.web.BrowserSessions;
import social.atoll.web.Pages;
import social.atoll.web.SignInForm;

/**
 * What the app's state-changing routes share: the sign-in and CSRF check that refuses with 403, and the answer
 * after the change — the fragment htmx swaps in, or a 303 back to the page the form came from (its
 * {@code return_to}, when it is a path on this server) for a browser without JavaScript.
 */
final class Forms {

    private Forms() {}

    /** The signed-in account, or empty after answering 403 (not signed in, or no valid CSRF token). */
    static Optional<Long> signedInWithCsrf(Context ctx, BrowserSessions sessions, Pages pages) {
        var me = sessions.current(ctx);
        if (me.isEmpty() || !sessions.csrfValid(ctx)) {
            pages.message(ctx, 403, pages.messages().get("app.refused"), pages.messages().get("app.refused_detail"), null);
            return Optional.empty();
        }
        return Optional.of(me.get().account().id());
    }

    static boolean htmx(Context ctx) { return ctx.header("HX-Request") != null; }

    /** After a change: htmx gets {@code template} rendered with {@code view}; a plain form goes back where it came from. */
    static void done(Context ctx, Pages pages, String template, Object view, String fallback) {
        if (htmx(ctx)) {
            ctx.header("Cache-Control", "private, no-store").contentType("text/html; charset=utf-8")
                    .result(pages.fragment(template, pages.page(ctx, null, null), view));
        } else {
            back(ctx, fallback);
        }
    }

    /** 303 to the form's {@code return_to} when it is safe, else to {@code fallback}. */
    static void back(Context ctx, String fallback) {
        String to = ctx.formParam("return_to");
        ctx.redirect(SignInForm.safeReturnTo(to) ? to : fallback, io.javalin.http.HttpStatus.SEE_OTHER);
    }

    /** A page saying that the thing asked for is not there (someone else's list, a request already answered). */
    static void notFound(Context ctx, Pages pages) {
        pages.message(ctx, 404, pages.messages().get("app.not_found"), pages.messages().get("app.not_found_detail"), null);
    }
}
