package social.atoll.web.auth;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import social.atoll.core.account.AccountCredentials;
import social.atoll.core.account.SignUpService;
import social.atoll.core.common.ForbiddenException;
import social.atoll.core.common.ValidationException;
import social.atoll.core.instance.InstanceService;
import social.atoll.core.instance.Rule;
import social.atoll.server.Controller;
import social.atoll.web.BrowserSessions;
import social.atoll.web.Messages;
import social.atoll.web.Pages;

/**
 * {@code /auth/sign_up} (the sign-up form, through the same {@link SignUpService} as {@code POST /api/v1/accounts},
 * so the same rules and sign-up blocks apply) and {@code /auth/confirmation?token=…} (the link of the confirmation
 * mail). {@code /auth/sign_up?invite=CODE} (and {@code /invite/CODE}, Mastodon's link) carries an invitation, which
 * opens the form whatever the registration mode and skips approval; an expired or used-up one is refused plainly.
 */
public final class SignUpPages implements Controller {

    /** What the form shows: the values kept after an error (never the password), the errors by field. */
    public record View(String username, String email, String reason, boolean agreement, boolean approval,
                       List<Rule> rules, Map<String, String> errors, String invite) {
        public String error(String field) { return errors.get(field); }
    }

    /** The password meter's reading, for the fragment under the password field. */
    public record Strength(int score, String label, String refusal) {}

    static final String STRENGTH_PATH = "/auth/password/strength";

    private final SignUpService signUps;
    private final AccountCredentials credentials;
    private final InstanceService instance;
    private final BrowserSessions sessions;
    private final Pages pages;

    public SignUpPages(SignUpService signUps, AccountCredentials credentials, InstanceService instance, BrowserSessions sessions, Pages pages) {
        this.signUps = signUps;
        this.credentials = credentials;
        this.instance = instance;
        this.sessions = sessions;
        this.pages = pages;
    }

    /**
     * The password meter under the sign-up form's password field: htmx posts what is typed (with the username) as
     * it changes and swaps in zxcvbn's score and, for a password the form would refuse, why. Without script the
     * field works as before and the rules are checked on submit.
     */
    private void strength(Context ctx) {
        if (!sessions.csrfValid(ctx)) {
            ctx.status(403).result("");
            return;
        }
        social.atoll.core.account.PasswordRules.Strength s =
                social.atoll.core.account.PasswordRules.strength(ctx.formParam("password"), ctx.formParam("username"));
        var page = pages.fragmentPage(ctx);
        Messages m = pages.messages();
        String refusal = s.broken().map(b -> m.get("accountsec.strength.refused", b.description())).orElse(null);
        String typed = ctx.formParam("password");
        String label = typed == null || typed.isEmpty() ? "" : m.get("accountsec.strength." + s.score());
        ctx.header("Cache-Control", "no-store").contentType("text/html; charset=utf-8")
                .result(pages.fragment("auth/password_strength.jte", page, new Strength(s.score(), label, refusal)));
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/auth/sign_up", this::form);
        r.post("/auth/sign_up", this::signUp);
        r.post(STRENGTH_PATH, this::strength);
        r.get("/auth/confirmation", this::confirm);
        r.get("/invite/{code}", ctx -> ctx.redirect("/auth/sign_up?invite="
                + java.net.URLEncoder.encode(ctx.pathParam("code"), java.nio.charset.StandardCharsets.UTF_8), io.javalin.http.HttpStatus.SEE_OTHER));
    }

    private void form(Context ctx) {
        String invite = blankToNull(ctx.queryParam("invite"));
        if (invite != null && !signUps.inviteValid(invite)) {
            inviteInvalid(ctx);
            return;
        }
        if (invite == null && !signUps.open()) {
            closed(ctx);
            return;
        }
        show(ctx, 200, new View("", "", "", false, invite == null && signUps.approvalRequired(), instance.rules(), Map.of(), invite));
    }

    private static String blankToNull(String s) { return s == null || s.isBlank() ? null : s.strip(); }

    private void inviteInvalid(Context ctx) {
        Messages t = pages.messages();
        pages.message(ctx, 403, t.get("invites.invalid.title"), t.get("invites.invalid.text"), null);
    }

    private void signUp(Context ctx) {
        if (!sessions.csrfValid(ctx)) {
            AuthSupport.refused(ctx, pages);
            return;
        }
        String username = Optional.ofNullable(ctx.formParam("username")).orElse("").trim();
        String email = Optional.ofNullable(ctx.formParam("email")).orElse("").trim();
        String reason = Optional.ofNullable(ctx.formParam("reason")).orElse("");
        boolean agreement = "1".equals(ctx.formParam("agreement"));
        String invite = blankToNull(ctx.formParam("invite"));
        boolean approval = invite == null && signUps.approvalRequired();
        try {
            signUps.signUpOnWeb(new SignUpService.SignUp(username, email, ctx.formParam("password"), agreement, "en", reason, ctx.ip(), invite));
        } catch (ForbiddenException e) {
            if (SignUpService.INVITE_INVALID.equals(e.getMessage())) inviteInvalid(ctx);
            else closed(ctx);
            return;
        } catch (ValidationException e) {
            show(ctx, 422, new View(username, email, reason, agreement, approval, instance.rules(), errors(e), invite));
            return;
        } catch (social.atoll.core.common.TooManyRequestsException e) {
            // the form again, values kept, with the reason: the person (or the people behind one address) may retry later
            show(ctx, 429, new View(username, email, reason, agreement, approval, instance.rules(),
                    Map.of("throttled", pages.messages().get("auth.sign_up.throttled")), invite));
            return;
        }
        Messages t = pages.messages();
        pages.message(ctx, 200, t.get("auth.sign_up.sent_title"), t.get("auth.sign_up.sent", email),
                approval ? t.get("auth.sign_up.sent_approval") : t.get("auth.sign_up.sent_detail"));
    }

    private void confirm(Context ctx) {
        Messages t = pages.messages();
        if (credentials.confirm(ctx.queryParam("token"))) {
            pages.message(ctx, 200, t.get("auth.confirmation.done_title"), t.get("auth.confirmation.done"), t.get("auth.confirmation.done_detail"));
        } else {
            pages.message(ctx, 404, t.get("auth.confirmation.invalid_title"), t.get("auth.confirmation.invalid"), null);
        }
    }

    private void show(Context ctx, int status, View view) {
        pages.render(ctx, status, "auth/sign_up.jte", pages.page(ctx, pages.messages().get("auth.sign_up.title"), null), view);
    }

    private void closed(Context ctx) {
        Messages t = pages.messages();
        pages.message(ctx, 403, t.get("auth.sign_up.closed_title"), t.get("auth.sign_up.closed", pages.instance()), null);
    }

    /** Each failing field's first error, in words: "Username has already been taken". */
    public static Map<String, String> errors(ValidationException e) {
        Map<String, String> out = new LinkedHashMap<>();
        e.details().forEach((field, list) -> {
            if (!list.isEmpty()) out.put(field, label(field) + " " + list.get(0).description());
        });
        if (out.isEmpty()) out.put("form", e.getMessage());
        return out;
    }

    private static String label(String field) {
        return switch (field) {
            case "agreement" -> "The server rules";
            case "current_password" -> "Current password";
            case "email" -> "E-mail address";
            default -> Character.toUpperCase(field.charAt(0)) + field.substring(1);
        };
    }
}
