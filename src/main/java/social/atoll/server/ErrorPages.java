package social.atoll.server;

import io.javalin.http.Context;

/**
 * The page a browser gets instead of Mastodon's JSON error when it asked for a page (a 404 profile, a 403, a 500):
 * the server decides when (see {@link HttpServer}), the web app draws it, so the server does not import the web.
 */
public interface ErrorPages {

    /** Replaces the response with a page for {@code status}; {@code error} is the JSON error's text. */
    void render(Context ctx, int status, String error);

    /** Keeps the JSON errors (a node without the web app). */
    ErrorPages NONE = (ctx, status, error) -> {};

    /**
     * Whether this request should get a page: a browser (it accepts {@code text/html}, and not as an ActivityPub
     * client) asking a path that is not an API (the Mastodon API, OAuth's token endpoints, discovery documents,
     * inboxes, the streaming API keep their JSON errors for the clients that parse them).
     */
    static boolean wantsPage(Context ctx) {
        String accept = ctx.header("Accept");
        if (accept == null || !accept.contains("text/html")) return false;
        if (accept.contains("application/activity+json") || accept.contains("application/ld+json")) return false;
        if (ctx.header("HX-Request") != null) return false; // an htmx swap shows its own message
        String p = ctx.path();
        return !(p.startsWith("/api/") || p.startsWith("/oauth/token") || p.startsWith("/oauth/revoke") || p.startsWith("/oauth/userinfo")
                || p.startsWith("/.well-known/") || p.startsWith("/nodeinfo") || p.equals("/inbox") || p.endsWith("/inbox")
                || p.startsWith("/assets/") || p.startsWith("/media_proxy/") || p.startsWith("/system/"));
    }
}
