package social.atoll.web;

import io.javalin.http.Context;
import java.net.URI;
import java.net.URISyntaxException;
import social.atoll.web.view.SignInView;

/** The sign-in page, shown on its own or in the middle of an OAuth authorization. */
public final class SignInForm {

    private final Pages pages;
    private final BrowserSessions sessions;

    public SignInForm(Pages pages, BrowserSessions sessions) {
        this.pages = pages;
        this.sessions = sessions;
    }

    /**
     * Shows the form. {@code returnTo} is where a successful sign-in leads (a same-origin path); {@code appName}
     * names the app being authorized, if any; {@code error} explains why the last attempt failed.
     */
    public void show(Context ctx, int status, String returnTo, String email, String error, String appName) {
        String target = safeReturnTo(returnTo) ? returnTo : "/";
        pages.render(ctx, status, "auth/sign_in.jte",
                new SignInView(pages.instance(), email == null ? "" : email, target, sessions.csrfToken(ctx), error, appName));
    }

    /**
     * True for a path on this server ({@code /oauth/authorize?…}), never for anything a browser would take to
     * another origin: {@code //host}, {@code /\host}, absolute URLs, control characters.
     */
    public static boolean safeReturnTo(String s) {
        if (s == null || s.isEmpty() || s.length() > 8000 || s.charAt(0) != '/') return false;
        if (s.startsWith("//") || s.startsWith("/\\")) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\') return false;
        }
        try {
            URI u = new URI(s);
            return u.getScheme() == null && u.getRawAuthority() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
