package social.atoll.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import social.atoll.core.auth.WebSessions;
import social.atoll.core.twofactor.SecondFactor;
import social.atoll.server.Controller;

/**
 * The second step of a web sign-in ({@code /auth/sign_in/two_factor}): after the right password, a code from the
 * authenticator app, a recovery code or a passkey; and a sign-in with a passkey alone ({@code /auth/passkey}). The
 * OAuth authorization page sends browsers through the same sign-in, so apps get the same second step. The passkey
 * routes answer JSON to the page's script; every POST carries the browser's CSRF token.
 */
public final class TwoFactorSignIn implements Controller {

    /** The second-step page. */
    public record View(String returnTo, String csrf, String error, boolean passkeys) {}

    static final String PATH = "/auth/sign_in/two_factor";

    private final SecondFactor secondFactor;
    private final SecondStepCookie pending;
    private final BrowserSessions sessions;
    private final Pages pages;

    public TwoFactorSignIn(SecondFactor secondFactor, SecondStepCookie pending, BrowserSessions sessions, Pages pages) {
        this.secondFactor = secondFactor;
        this.pending = pending;
        this.sessions = sessions;
        this.pages = pages;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get(PATH, this::show);
        r.post(PATH, this::code);
        r.post(PATH + "/passkey/options", this::passkeyOptions);
        r.post(PATH + "/passkey", this::passkey);
        r.post("/auth/passkey/options", this::passwordlessOptions);
        r.post("/auth/passkey", this::passwordless);
    }

    private void show(Context ctx) {
        OptionalLong user = pending.user(ctx);
        String returnTo = target(ctx.queryParam("return_to"));
        if (user.isEmpty()) {
            ctx.redirect("/auth/sign_in?return_to=" + java.net.URLEncoder.encode(returnTo, java.nio.charset.StandardCharsets.UTF_8),
                    io.javalin.http.HttpStatus.SEE_OTHER);
            return;
        }
        render(ctx, 200, returnTo, null, user.getAsLong());
    }

    private void code(Context ctx) {
        String returnTo = target(ctx.formParam("return_to"));
        if (!sessions.csrfValid(ctx, ctx.formParam("csrf"))) {
            refused(ctx);
            return;
        }
        OptionalLong user = pending.user(ctx);
        if (user.isEmpty()) {
            ctx.redirect("/auth/sign_in", io.javalin.http.HttpStatus.SEE_OTHER);
            return;
        }
        SecondFactor.Outcome outcome = secondFactor.code(user.getAsLong(), ctx.formParam("code"), ctx.ip());
        switch (outcome) {
            case SecondFactor.Outcome.Throttled t -> {
                ctx.header("Retry-After", Long.toString(t.retryAfter().toSeconds() + 1));
                render(ctx, 429, returnTo, pages.messages().get("two_factor.sign_in.throttled", minutes(t)), user.getAsLong());
            }
            case SecondFactor.Outcome.Wrong w -> render(ctx, 422, returnTo, pages.messages().get("two_factor.sign_in.wrong"), user.getAsLong());
            case SecondFactor.Outcome.Passed p -> {
                Optional<String> refusal = BrowserSessions.refusal(p.person().user(), p.person().account());
                if (refusal.isPresent()) {
                    render(ctx, 403, returnTo, refusal.get(), user.getAsLong());
                    return;
                }
                signIn(ctx, p.person());
                ctx.status(303).header("Location", returnTo);
            }
        }
    }

    private void passkeyOptions(Context ctx) {
        if (!sessions.csrfValid(ctx)) {
            jsonError(ctx, 403, pages.messages().get("two_factor.refused"));
            return;
        }
        OptionalLong user = pending.user(ctx);
        var options = user.isEmpty() ? Optional.<social.atoll.core.twofactor.Passkeys.Options>empty() : secondFactor.passkeyOptions(user.getAsLong());
        if (options.isEmpty()) {
            jsonError(ctx, 404, pages.messages().get("two_factor.passkey.none"));
            return;
        }
        ctx.header("Cache-Control", "no-store").json(json(options.get()));
    }

    private void passkey(Context ctx) {
        if (!sessions.csrfValid(ctx)) {
            jsonError(ctx, 403, pages.messages().get("two_factor.refused"));
            return;
        }
        OptionalLong user = pending.user(ctx);
        if (user.isEmpty()) {
            jsonError(ctx, 401, pages.messages().get("two_factor.sign_in.expired"));
            return;
        }
        answer(ctx, secondFactor.passkey(user.getAsLong(), ctx.formParam("credential"), ctx.ip()));
    }

    private void passwordlessOptions(Context ctx) {
        if (!sessions.csrfValid(ctx)) {
            jsonError(ctx, 403, pages.messages().get("two_factor.refused"));
            return;
        }
        ctx.header("Cache-Control", "no-store").json(json(secondFactor.passwordlessOptions()));
    }

    private void passwordless(Context ctx) {
        if (!sessions.csrfValid(ctx)) {
            jsonError(ctx, 403, pages.messages().get("two_factor.refused"));
            return;
        }
        answer(ctx, secondFactor.passwordless(ctx.formParam("credential"), ctx.ip()));
    }

    /** A passkey's outcome, as the page's script reads it: where to go next, or what went wrong. */
    private void answer(Context ctx, SecondFactor.Outcome outcome) {
        switch (outcome) {
            case SecondFactor.Outcome.Throttled t -> {
                ctx.header("Retry-After", Long.toString(t.retryAfter().toSeconds() + 1));
                jsonError(ctx, 429, pages.messages().get("two_factor.sign_in.throttled", minutes(t)));
            }
            case SecondFactor.Outcome.Wrong w -> jsonError(ctx, 422, pages.messages().get("two_factor.passkey.failed"));
            case SecondFactor.Outcome.Passed p -> {
                Optional<String> refusal = BrowserSessions.refusal(p.person().user(), p.person().account());
                if (refusal.isPresent()) {
                    jsonError(ctx, 403, refusal.get());
                    return;
                }
                signIn(ctx, p.person());
                ctx.header("Cache-Control", "no-store").json(Map.of("redirect", target(ctx.formParam("return_to"))));
            }
        }
    }

    private void signIn(Context ctx, WebSessions.Person person) {
        pending.clear(ctx);
        sessions.signIn(ctx, person.user(), person.account());
    }

    private void render(Context ctx, int status, String returnTo, String error, long userId) {
        var page = pages.page(ctx, pages.messages().get("two_factor.sign_in.title"), null);
        pages.render(ctx, status, "auth/two_factor.jte", page, new View(returnTo, page.csrf(), error, secondFactor.hasPasskeys(userId)));
    }

    private void refused(Context ctx) {
        pages.message(ctx, 403, "Request refused", "This form has expired or did not come from this site.",
                "Go back, reload the page and try again.");
    }

    /** Passkey options as the page's script reads them (names spelled out here, not left to the JSON mapper's naming). */
    public static Map<String, Object> json(social.atoll.core.twofactor.Passkeys.Options o) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("challenge", o.challenge());
        m.put("rp_id", o.rpId());
        m.put("rp_name", o.rpName());
        m.put("user_id", o.userId());
        m.put("user_name", o.userName());
        m.put("user_display_name", o.userDisplayName());
        m.put("credential_ids", o.credentialIds());
        m.put("timeout", o.timeoutMillis());
        return m;
    }

    private static void jsonError(Context ctx, int status, String message) {
        ctx.status(status).header("Cache-Control", "no-store").json(Map.of("error", message));
    }

    private static long minutes(SecondFactor.Outcome.Throttled t) { return Math.max(1, (t.retryAfter().toSeconds() + 59) / 60); }

    private static String target(String returnTo) { return SignInForm.safeReturnTo(returnTo) ? returnTo : "/"; }
}
