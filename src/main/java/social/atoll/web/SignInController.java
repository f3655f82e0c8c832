package social.atoll.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Optional;
import social.atoll.server.Controller;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountService;
import social.atoll.core.account.AccountStore;
import social.atoll.core.account.User;

/**
 * {@code /auth/sign_in} and {@code /auth/sign_out}: signing a browser in with e-mail (or username) and
 * password, and out again. Every POST carries the form's CSRF token.
 */
public final class SignInController implements Controller {

    private final AccountService accountService;
    private final AccountStore accounts;
    private final BrowserSessions sessions;
    private final SignInForm form;
    private final Pages pages;

    public SignInController(AccountService accountService, AccountStore accounts, BrowserSessions sessions, SignInForm form, Pages pages) {
        this.accountService = accountService;
        this.accounts = accounts;
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
        Optional<User> user = accountService.authenticate(lookup, Optional.ofNullable(ctx.formParam("password")).orElse(""));
        Optional<Account> account = user.flatMap(u -> accounts.byId(u.accountId()));
        if (account.isEmpty()) {
            form.show(ctx, 422, returnTo, login, "Invalid e-mail address, username or password.", null);
            return;
        }
        Optional<String> refusal = BrowserSessions.refusal(user.get(), account.get());
        if (refusal.isPresent()) {
            form.show(ctx, 403, returnTo, login, refusal.get(), null);
            return;
        }
        sessions.signIn(ctx, user.get(), account.get());
        ctx.status(303).header("Location", SignInForm.safeReturnTo(returnTo) ? returnTo : "/");
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
