package social.atoll.web.oauth;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import social.atoll.server.Controller;
import social.atoll.core.auth.AuthorizationService;
import social.atoll.core.auth.AuthorizationService.Redirectable;
import social.atoll.core.auth.AuthorizationService.ResponseMode;
import social.atoll.core.auth.AuthorizationService.Unredirectable;
import social.atoll.core.auth.AuthorizationService.Valid;
import social.atoll.core.auth.OAuthError;
import social.atoll.core.auth.Tokens;
import social.atoll.web.BrowserSessions;
import social.atoll.web.BrowserSessions.SignedIn;
import social.atoll.web.Pages;
import social.atoll.web.ScopeDescriptions;
import social.atoll.web.SignInForm;
import social.atoll.web.view.CodeView;
import social.atoll.web.view.ConsentView;
import social.atoll.web.view.FormPostView;

/**
 * {@code /oauth/authorize}: the browser half of the authorization-code flow. {@code GET} checks the request,
 * asks the browser to sign in if needed, then shows the consent page (or, like Mastodon, approves at once when
 * the user already gave this app a live token with the same scopes, unless {@code force_login}). {@code POST} is
 * the consent form: it re-checks everything, including a CSRF token bound to the session, and answers at the
 * redirect URI, or on a page for out-of-band clients. Nothing is ever sent to a URI the app did not register.
 */
public final class AuthorizeController implements Controller {

    private final AuthorizationService authorizations;
    private final BrowserSessions sessions;
    private final SignInForm signInForm;
    private final Pages pages;

    public AuthorizeController(AuthorizationService authorizations, BrowserSessions sessions, SignInForm signInForm, Pages pages) {
        this.authorizations = authorizations;
        this.sessions = sessions;
        this.signInForm = signInForm;
        this.pages = pages;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/oauth/authorize", this::show);
        r.post("/oauth/authorize", this::decide);
    }

    private void show(Context ctx) {
        Valid v = checked(ctx, request(ctx::queryParam));
        if (v == null) return;
        boolean forceLogin = truthy(ctx.queryParam("force_login"));
        Optional<SignedIn> signedIn = sessions.current(ctx);
        String returnTo = authorizePath(ctx);
        if (signedIn.isEmpty() || forceLogin) {
            signInForm.show(ctx, 200, returnTo, null, null, v.app().name());
            return;
        }
        SignedIn s = signedIn.get();
        Optional<String> refusal = BrowserSessions.refusal(s.user(), s.account());
        if (refusal.isPresent()) {
            signInForm.show(ctx, 403, returnTo, null, refusal.get(), v.app().name());
            return;
        }
        if (authorizations.previouslyApproved(v, s.account().id())) {
            approve(ctx, v, s);
            return;
        }
        pages.render(ctx, 200, "oauth/consent.jte", new ConsentView(pages.instance(), v.app().name(), v.app().website(),
                "@" + s.account().username() + "@" + pages.instance(),
                v.scopes().stream().map(n -> new ConsentView.ScopeLine(n, ScopeDescriptions.of(n))).toList(),
                v.app().clientId(), v.redirectUri(), v.scope(), orEmpty(v.state()), orEmpty(v.codeChallenge()),
                orEmpty(v.codeChallengeMethod()), "code", v.responseMode().param(), sessions.csrfToken(ctx),
                returnTo + (returnTo.contains("?") ? "&" : "?") + "force_login=true"));
    }

    private void decide(Context ctx) {
        Optional<SignedIn> signedIn = sessions.current(ctx);
        if (signedIn.isEmpty() || !sessions.csrfValid(ctx, ctx.formParam("csrf"))) {
            pages.message(ctx, 403, "Request refused", "This form has expired or did not come from this site.",
                    "Go back to the app and start signing in again.");
            return;
        }
        SignedIn s = signedIn.get();
        Optional<String> refusal = BrowserSessions.refusal(s.user(), s.account());
        if (refusal.isPresent()) {
            pages.message(ctx, 403, "Sign-in refused", refusal.get(), null);
            return;
        }
        Valid v = checked(ctx, request(ctx::formParam));
        if (v == null) return;
        switch (Optional.ofNullable(ctx.formParam("decision")).orElse("")) {
            case "approve" -> approve(ctx, v, s);
            case "deny" -> deny(ctx, v);
            default -> pages.message(ctx, 400, "Nothing decided", "Choose either to authorize the app or to deny it access.", null);
        }
    }

    private static AuthorizationService.Request request(Function<String, String> param) {
        return new AuthorizationService.Request(param.apply("response_type"), param.apply("response_mode"), param.apply("client_id"),
                param.apply("redirect_uri"), param.apply("scope"), param.apply("state"), param.apply("code_challenge"),
                param.apply("code_challenge_method"));
    }

    /** The checked request, or null once the error has been answered (on a page, or at the redirect URI). */
    private Valid checked(Context ctx, AuthorizationService.Request request) {
        try {
            return authorizations.check(request);
        } catch (Unredirectable e) {
            pages.message(ctx, 400, "An error has occurred", "The app sent an authorization request that cannot be answered.",
                    e.error().description());
        } catch (Redirectable e) {
            if (e.oob()) {
                pages.message(ctx, 400, "An error has occurred", "The app sent an authorization request that cannot be answered.",
                        e.error().description());
            } else {
                respond(ctx, e.redirectUri(), e.responseMode(), errorParams(e.error(), e.state()));
            }
        }
        return null;
    }

    private void approve(Context ctx, Valid v, SignedIn s) {
        String code = authorizations.issueCode(v, s.account().id());
        if (v.oob()) {
            pages.render(ctx, 200, "oauth/code.jte", new CodeView(pages.instance(), v.app().name(), code));
            return;
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("code", code);
        params.put("state", v.state());
        respond(ctx, v.redirectUri(), v.responseMode(), params);
    }

    private void deny(Context ctx, Valid v) {
        if (v.oob()) {
            pages.message(ctx, 200, "Access denied", "You did not allow " + v.app().name() + " to use your account.", null);
            return;
        }
        respond(ctx, v.redirectUri(), v.responseMode(), errorParams(OAuthError.accessDenied(), v.state()));
    }

    private static Map<String, String> errorParams(OAuthError error, String state) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("error", error.error());
        params.put("error_description", error.description());
        params.put("state", state);
        return params;
    }

    /** Sends the result to the client's (checked) redirect URI in the response mode it asked for. */
    private void respond(Context ctx, String redirectUri, ResponseMode mode, Map<String, String> params) {
        if (mode == ResponseMode.FORM_POST) {
            Map<String, String> fields = new LinkedHashMap<>();
            params.forEach((k, val) -> { if (val != null) fields.put(k, val); });
            String nonce = Tokens.random();
            pages.render(ctx, 200, "oauth/form_post.jte", pages.page(ctx, null, null), new FormPostView(pages.instance(), redirectUri, fields, nonce), nonce);
            return;
        }
        ctx.header("Cache-Control", "no-store");
        ctx.status(302).header("Location", withParams(redirectUri, params, mode == ResponseMode.FRAGMENT));
    }

    /**
     * This authorization request as a same-origin path, where sign-in returns to. {@code force_login} is dropped,
     * or signing in would only lead back to the sign-in form.
     */
    private static String authorizePath(Context ctx) {
        String query = ctx.queryParamMap().entrySet().stream()
                .filter(e -> !e.getKey().equals("force_login"))
                .flatMap(e -> e.getValue().stream().map(v -> enc(e.getKey()) + "=" + enc(v)))
                .collect(Collectors.joining("&"));
        return "/oauth/authorize" + (query.isEmpty() ? "" : "?" + query);
    }

    private static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }

    private static String orEmpty(String s) { return s == null ? "" : s; }

    private static boolean truthy(String s) {
        if (s == null) return false;
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "on", "t", "yes" -> true;
            default -> false;
        };
    }

    /** The redirect URI with the response parameters in its query or, for {@code response_mode=fragment}, its fragment. */
    private static String withParams(String uri, Map<String, String> params, boolean fragment) {
        String encoded = params.entrySet().stream()
                .filter(e -> e.getValue() != null)
                .map(e -> encParam(e.getKey()) + "=" + encParam(e.getValue()))
                .collect(Collectors.joining("&"));
        if (fragment) return uri + "#" + encoded;
        if (uri.endsWith("?") || uri.endsWith("&")) return uri + encoded;
        return uri + (uri.indexOf('?') >= 0 ? "&" : "?") + encoded;
    }

    private static String encParam(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"); }
}
