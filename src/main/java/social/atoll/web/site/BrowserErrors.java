package social.atoll.web.site;

import io.javalin.http.Context;
import social.atoll.server.ErrorPages;
import social.atoll.web.Pages;

/** The error pages browsers get (404, 403, 410, 429, 500…), in the site's style and words. */
public final class BrowserErrors implements ErrorPages {

    private final Pages pages;

    public BrowserErrors(Pages pages) { this.pages = pages; }

    @Override
    public void render(Context ctx, int status, String error) {
        var t = pages.messages();
        String key = switch (status) {
            case 403, 404, 410, 422, 429, 500, 503 -> "error." + status;
            default -> status >= 500 ? "error.500" : "error.400";
        };
        // the 403's reason is ours and worth reading (an expired form); others say nothing beyond the page's text
        String detail = status == 403 || status == 422 ? error : null;
        pages.message(ctx, status, t.get(key + ".title"), t.get(key), detail);
    }
}
