package social.atoll.web.auth;

import io.javalin.http.Context;
import social.atoll.web.Pages;

/** What the sign-up and password pages share. */
final class AuthSupport {

    private AuthSupport() {}

    /** The answer to a form post without this browser's CSRF token. */
    static void refused(Context ctx, Pages pages) {
        var t = pages.messages();
        pages.message(ctx, 403, t.get("auth.refused_title"), t.get("auth.refused"), t.get("auth.refused_detail"));
    }
}
