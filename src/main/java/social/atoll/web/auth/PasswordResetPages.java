package social.atoll.web.auth;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;
import social.atoll.core.account.AccountCredentials;
import social.atoll.core.common.ValidationException;
import social.atoll.server.Controller;
import social.atoll.web.BrowserSessions;
import social.atoll.web.Messages;
import social.atoll.web.Pages;

/**
 * {@code /auth/password/new} (ask for a reset link by e-mail; the answer is the same whether the address is known
 * or not) and {@code /auth/password/edit?token=…} (choose a new password through the link; every session and app
 * token of the account ends).
 */
public final class PasswordResetPages implements Controller {

    public record RequestView(String email) {}

    public record EditView(String token, Map<String, String> errors) {
        public String error(String field) { return errors.get(field); }
    }

    private final AccountCredentials credentials;
    private final BrowserSessions sessions;
    private final Pages pages;

    public PasswordResetPages(AccountCredentials credentials, BrowserSessions sessions, Pages pages) {
        this.credentials = credentials;
        this.sessions = sessions;
        this.pages = pages;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/auth/password/new", ctx -> pages.render(ctx, 200, "auth/password_new.jte",
                pages.page(ctx, pages.messages().get("auth.password_new.title"), null), new RequestView("")));
        r.post("/auth/password/new", this::request);
        r.get("/auth/password/edit", this::edit);
        r.post("/auth/password/edit", this::reset);
    }

    private void request(Context ctx) {
        if (!sessions.csrfValid(ctx)) {
            AuthSupport.refused(ctx, pages);
            return;
        }
        String email = Optional.ofNullable(ctx.formParam("email")).orElse("").trim();
        credentials.requestPasswordReset(email);
        Messages t = pages.messages();
        pages.message(ctx, 200, t.get("auth.password_new.sent_title"), t.get("auth.password_new.sent", email), t.get("auth.password_new.sent_detail"));
    }

    private void edit(Context ctx) {
        String token = ctx.queryParam("token");
        if (!credentials.resetLinkLive(token)) {
            invalid(ctx);
            return;
        }
        showEdit(ctx, 200, new EditView(token, Map.of()));
    }

    private void reset(Context ctx) {
        if (!sessions.csrfValid(ctx)) {
            AuthSupport.refused(ctx, pages);
            return;
        }
        String token = ctx.formParam("token");
        boolean changed;
        try {
            changed = credentials.resetPassword(token, ctx.formParam("password"));
        } catch (ValidationException e) {
            showEdit(ctx, 422, new EditView(token, SignUpPages.errors(e)));
            return;
        }
        if (!changed) {
            invalid(ctx);
            return;
        }
        // this browser's session (if any) ended with all the others: drop its cookie too
        sessions.signOut(ctx);
        Messages t = pages.messages();
        pages.message(ctx, 200, t.get("auth.password_edit.done_title"), t.get("auth.password_edit.done"), t.get("auth.password_edit.done_detail"));
    }

    private void showEdit(Context ctx, int status, EditView view) {
        pages.render(ctx, status, "auth/password_edit.jte", pages.page(ctx, pages.messages().get("auth.password_edit.title"), null), view);
    }

    private void invalid(Context ctx) {
        Messages t = pages.messages();
        pages.message(ctx, 404, t.get("auth.password_edit.invalid_title"), t.get("auth.password_edit.invalid"), null);
    }
}
