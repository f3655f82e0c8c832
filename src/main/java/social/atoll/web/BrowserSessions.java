package social.atoll.web;

import io.javalin.http.Context;
import java.util.Optional;
import social.atoll.config.Settings;
import social.atoll.core.account.Account;
import social.atoll.core.account.User;
import social.atoll.core.auth.Tokens;
import social.atoll.core.auth.WebSession;
import social.atoll.core.auth.WebSessions;

/**
 * The browser side of sign-in: the session cookie ({@code HttpOnly}, {@code SameSite=Lax}, {@code Secure} over
 * HTTPS) naming a server-side {@link WebSession}, and CSRF tokens for every form.
 *
 * <p>A CSRF token is an HMAC, under a key derived from the installation's cookie key, of what identifies the
 * browser: the session secret once signed in, so a token dies with its session; before that, a random
 * pre-session cookie, so even the sign-in form cannot be posted from another site (login CSRF).
 */
public final class BrowserSessions {

    public static final String SESSION_COOKIE = social.atoll.server.Cookies.SESSION;
    public static final String CSRF_COOKIE = "_atoll_csrf";
    private static final String CURRENT = "atoll.browser.signedIn";
    private static final String FRESH_CSRF = "atoll.browser.csrfCookie";

    /** A signed-in browser: its session (and cookie secret), user and account. */
    public record SignedIn(WebSession session, String secret, User user, Account account) {}

    private final WebSessions sessions;
    private final boolean secure;
    private final byte[] csrfKey;

    public BrowserSessions(WebSessions sessions, Settings settings, byte[] cookieKey) {
        this.sessions = sessions;
        this.secure = settings.baseUrl().startsWith("https://");
        this.csrfKey = Tokens.hmac(cookieKey, "atoll csrf v1");
    }

    /** The signed-in browser, if its cookie names a live session of an existing user. Looked up once per request. */
    public Optional<SignedIn> current(Context ctx) {
        Optional<SignedIn> cached = ctx.attribute(CURRENT);
        if (cached != null) return cached;
        String secret = ctx.cookie(SESSION_COOKIE);
        Optional<SignedIn> found = sessions.resume(secret, ctx.ip())
                .map(s -> new SignedIn(s.session(), s.secret(), s.person().user(), s.person().account()));
        ctx.attribute(CURRENT, found);
        return found;
    }

    /** The CSRF token for forms on this page; sets the pre-session cookie when a signed-out browser has none. */
    public String csrfToken(Context ctx) {
        Optional<SignedIn> signedIn = current(ctx);
        if (signedIn.isPresent()) return csrfFor("session:" + signedIn.get().secret());
        String browser = browserCookie(ctx);
        if (browser == null) {
            browser = Tokens.random();
            setCookie(ctx, CSRF_COOKIE, browser, -1);
            ctx.attribute(FRESH_CSRF, browser);
        }
        return csrfFor("browser:" + browser);
    }

    /** True when {@code submitted} is this browser's CSRF token (for its session, or its pre-session cookie). */
    public boolean csrfValid(Context ctx, String submitted) {
        if (submitted == null || submitted.isBlank()) return false;
        Optional<SignedIn> signedIn = current(ctx);
        if (signedIn.isPresent() && Tokens.same(submitted, csrfFor("session:" + signedIn.get().secret()))) return true;
        String browser = browserCookie(ctx);
        return browser != null && Tokens.same(submitted, csrfFor("browser:" + browser));
    }

    /**
     * The signed-in browser, or empty after sending it to the sign-in page with a way back here. Pages of the app
     * start with this.
     */
    public Optional<SignedIn> requireSignedIn(Context ctx) {
        Optional<SignedIn> me = current(ctx);
        if (me.isEmpty()) {
            String back = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
            ctx.redirect("/auth/sign_in?return_to=" + java.net.URLEncoder.encode(back, java.nio.charset.StandardCharsets.UTF_8));
        }
        return me;
    }

    /**
     * True when this state-changing request carries the browser's CSRF token: the {@code csrf} form field of a plain
     * form, or the {@code X-CSRF-Token} header htmx sends.
     */
    public boolean csrfValid(Context ctx) {
        String header = ctx.header("X-CSRF-Token");
        if (header != null && csrfValid(ctx, header)) return true;
        String type = ctx.contentType();
        boolean form = type != null && (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data"));
        return form && csrfValid(ctx, ctx.formParam("csrf"));
    }

    /** Signs the browser in as {@code user}, ending the session it had before (if any). */
    public SignedIn signIn(Context ctx, User user, Account account) {
        WebSessions.Session started = sessions.start(new WebSessions.Person(user, account), ctx.cookie(SESSION_COOKIE), ctx.ip(),
                ctx.userAgent());
        setCookie(ctx, SESSION_COOKIE, started.secret(), WebSessions.LIFETIME.toSeconds());
        SignedIn signedIn = new SignedIn(started.session(), started.secret(), user, account);
        ctx.attribute(CURRENT, Optional.of(signedIn));
        return signedIn;
    }

    /** Ends the browser's session on the server and asks the browser to drop the cookie. */
    public void signOut(Context ctx) {
        sessions.end(ctx.cookie(SESSION_COOKIE));
        setCookie(ctx, SESSION_COOKIE, "", 0);
        ctx.attribute(CURRENT, Optional.<SignedIn>empty());
    }

    /** Why this user may not sign in, in words for the sign-in page; empty when they may. */
    public static Optional<String> refusal(User user, Account account) {
        if (user.disabled() || account.suspended())
            return Optional.of("Your account is disabled. Contact the staff of this server if you think this is a mistake.");
        if (user.confirmedAt() == null)
            return Optional.of("Your e-mail address is not confirmed yet. Follow the link in the confirmation e-mail, then sign in.");
        if (!user.approved()) return Optional.of("Your account is waiting for approval by the staff of this server.");
        return Optional.empty();
    }

    private String browserCookie(Context ctx) {
        String fresh = ctx.attribute(FRESH_CSRF);
        if (fresh != null) return fresh;
        String c = ctx.cookie(CSRF_COOKIE);
        return c == null || c.isBlank() ? null : c;
    }

    private String csrfFor(String binding) { return Tokens.hmacText(csrfKey, binding); }

    /** {@code maxAgeSeconds} &lt; 0 makes a cookie that lasts as long as the browser session; 0 deletes it. */
    private void setCookie(Context ctx, String name, String value, long maxAgeSeconds) {
        StringBuilder c = new StringBuilder(name).append('=').append(value).append("; Path=/; HttpOnly; SameSite=Lax");
        if (maxAgeSeconds >= 0) c.append("; Max-Age=").append(maxAgeSeconds);
        if (secure) c.append("; Secure");
        ctx.res().addHeader("Set-Cookie", c.toString());
    }
}
