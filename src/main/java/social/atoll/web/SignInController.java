package social.atoll.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Optional;
import social.atoll.server.Controller;
import social.atoll.core.auth.WebSessions;

/**
 * {@code /auth/sign_in} and {@code /auth/sign_out}: signing a browser in with e-mail (or username) and
 * password, and out again. Every POST carries the form's CSRF token.
 */
public final class SignInController implements Controller {

    private final WebSessions webSessions;
    private final BrowserSessions sessions;
    private final SignInForm form;
    private final Pages pages;
    private final social.atoll.core.twofactor.SecondFactor secondFactor;
    private final SecondStepCookie secondStep;

    public SignInController(WebSessions webSessions, BrowserSessions sessions, SignInForm form, Pages pages,
                            social.atoll.core.twofactor.SecondFactor secondFactor, SecondStepCookie secondStep) {
        this.secondFactor = secondFactor;
        this.secondStep = secondStep;
        this.webSessions = webSessions;
        this.sessions = sessions;
        this.form = form;
        this.pages = pages;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/auth/sign_in", ctx -> form.show(ctx, 200, ctx.queryParam("return_to"), null, null, null));
        r.post("/auth/sign_in", this::signIn);
        r.post("/auth/sign_out", this::signOut);
    }

    private void signIn(Context ctx) {
        String returnTo = ctx.formParam("return_to");
        String login = Optional.ofNullable(ctx.formParam("email")).orElse("").trim();
        // "@alice" is how people see their own name; the username lookup wants "alice".
        String lookup = login.startsWith("@") && login.indexOf('@', 1) < 0 ? login.substring(1) : login;
        if (!sessions.csrfValid(ctx, ctx.formParam("csrf"))) {
            forbidden(ctx);
            return;
        }
        WebSessions.Attempt attempt = webSessions.authenticate(lookup, Optional.ofNullable(ctx.formParam("password")).orElse(""), ctx.ip());
        if (attempt instanceof WebSessions.Attempt.Throttled t) {
            long minutes = Math.max(1, (t.retryAfter().toSeconds() + 59) / 60);
            ctx.header("Retry-After", Long.toString(t.retryAfter().toSeconds() + 1));
            // the same words for a login that exists and one that does not: the throttle counts both alike
            form.show(ctx, 429, returnTo, login, pages.messages().get("accountsec.sign_in.throttled", minutes), null);
            return;
        }
        if (!(attempt instanceof WebSessions.Attempt.SignedIn signedIn)) {
            form.show(ctx, 422, returnTo, login, "Invalid e-mail address, username or password.", null);
            return;
        }
        WebSessions.Person person = signedIn.person();
        Optional<String> refusal = BrowserSessions.refusal(person.user(), person.account());
        if (refusal.isPresent()) {
            form.show(ctx, 403, returnTo, login, refusal.get(), null);
            return;
        }
        String target = SignInForm.safeReturnTo(returnTo) ? returnTo : "/";
        if (secondFactor.required(person.user().id())) {
            // the password alone grants nothing: the session starts only after the second step
            secondStep.start(ctx, person.user().id());
            ctx.status(303).header("Location", TwoFactorSignIn.PATH + "?return_to="
                    + java.net.URLEncoder.encode(target, java.nio.charset.StandardCharsets.UTF_8));
            return;
        }
        sessions.signIn(ctx, person.user(), person.account());
        ctx.status(303).header("Location", target);
    }

    private void signOut(Context ctx) {
        if (!sessions.csrfValid(ctx, ctx.formParam("csrf"))) {
            forbidden(ctx);
            return;
        }
        sessions.signOut(ctx);
        ctx.status(303).header("Location", "/");
    }

    private void forbidden(Context ctx) {
        pages.message(ctx, 403, "Request refused", "This form has expired or did not come from this site.",
                "Go back, reload the page and try again.");
    }
}
