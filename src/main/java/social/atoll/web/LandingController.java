package social.atoll.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import social.atoll.server.Controller;
import social.atoll.web.view.LandingView;

/** {@code GET /}: the instance's front page, with a way to sign in (or out). */
public final class LandingController implements Controller {

    private final Pages pages;
    private final BrowserSessions sessions;

    public LandingController(Pages pages, BrowserSessions sessions) {
        this.pages = pages;
        this.sessions = sessions;
    }

    @Override
    public void routes(RoutesConfig r) { r.get("/", this::show); }

    private void show(Context ctx) {
        String description = pages.instance() + " is a server of the fediverse, the social network of independent, "
                + "interconnected servers: people here can follow and talk with people on Mastodon and other servers.";
        var signedIn = sessions.current(ctx);
        if (signedIn.isPresent()) {
            ctx.redirect("/home");
            return;
        }
        String who = signedIn.map(s -> "@" + s.account().username()).orElse(null);
        String csrf = signedIn.isPresent() ? sessions.csrfToken(ctx) : null;
        pages.render(ctx, 200, "web/landing.jte", new LandingView(pages.instance(), description, who, csrf));
    }
}
