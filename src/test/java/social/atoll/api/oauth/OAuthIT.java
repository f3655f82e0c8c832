package social.atoll.api.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static social.atoll.api.oauth.OAuthSteps.approve;
import static social.atoll.api.oauth.OAuthSteps.authorizeUrl;
import static social.atoll.api.oauth.OAuthSteps.enc;
import static social.atoll.api.oauth.OAuthSteps.queryParam;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.core.account.NewLocalAccount;
import social.atoll.core.account.User;
import social.atoll.core.auth.Pkce;
import social.atoll.testing.TestHttp;
import social.atoll.testing.TestInstance;

/** The authorization-code flow as a person's browser and a Mastodon client drive it, through the real sign-in and consent pages. */
class OAuthIT {

    private static final String CALLBACK = "https://app.example/callback";
    private static final String OOB = "urn:ietf:wg:oauth:2.0:oob";

    private static TestInstance atoll;
    private static TestHttp http;
    private static OAuthSteps steps;

    @BeforeAll
    static void start() {
        atoll = TestInstance.start();
        http = atoll.http();
        steps = new OAuthSteps(atoll);
    }

    @AfterAll
    static void stop() { atoll.close(); }

    @Test
    void fullAuthorizationCodeFlowThroughSignInAndConsentPages() {
        atoll.createUser("carol");
        JsonNode app = steps.registerApp("Carol's <b>app</b>", CALLBACK + "?from=atoll", "read write follow push");
        Browser browser = new Browser(atoll.baseUrl());
        String authorize = authorizeUrl(app, CALLBACK + "?from=atoll", "read write", Map.of("state", "s t&ate"));

        HttpResponse<String> signInPage = browser.get(authorize);
        assertThat(signInPage.statusCode()).isEqualTo(200);
        assertThat(signInPage.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        Browser.Form signIn = Browser.form(signInPage.body(), "/auth/sign_in");
        assertThat(signIn.inputs()).containsKeys("email", "password", "csrf", "return_to");
        assertThat(signIn.inputs().get("return_to")).startsWith("/oauth/authorize?").contains("client_id=");

        HttpResponse<String> wrong = browser.submit(signIn, Map.of("email", "carol@example.test", "password", "not-her-password"));
        assertThat(wrong.statusCode()).isEqualTo(422);
        assertThat(wrong.body()).contains("Invalid e-mail address, username or password.");
        assertThat(browser.cookie("_atoll_session")).isEmpty();

        HttpResponse<String> signedIn = browser.submit(Browser.form(wrong.body(), "/auth/sign_in"),
                Map.of("email", "carol@example.test", "password", "password-carol"));
        assertThat(signedIn.statusCode()).isEqualTo(303);
        assertThat(signedIn.headers().firstValue("Location")).contains(signIn.inputs().get("return_to"));
        String setCookie = String.join("\n", signedIn.headers().allValues("Set-Cookie"));
        assertThat(setCookie).contains("_atoll_session=").contains("HttpOnly").contains("SameSite=Lax");

        HttpResponse<String> consent = browser.get(signedIn.headers().firstValue("Location").orElseThrow());
        assertThat(consent.statusCode()).isEqualTo(200);
        assertThat(consent.body()).contains("Carol's &lt;b&gt;app&lt;/b&gt;").doesNotContain("<b>app</b>")
                .contains("@carol@" + atoll.domain()).contains("<code>read</code>", "<code>write</code>")
                .contains("<button type=\"submit\" name=\"decision\" value=\"approve\">")
                .contains("<button type=\"submit\" name=\"decision\" value=\"deny\"");
        Browser.Form decision = Browser.form(consent.body(), "/oauth/authorize");
        assertThat(decision.inputs()).containsKeys("client_id", "redirect_uri", "scope", "state", "code_challenge",
                "code_challenge_method", "response_type", "csrf");
        assertThat(decision.inputs().get("state")).isEqualTo("s t&ate");

        HttpResponse<String> approved = browser.submit(decision, Map.of("decision", "approve"));
        assertThat(approved.statusCode()).isEqualTo(302);
        String location = approved.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(CALLBACK + "?from=atoll&code=");
        assertThat(queryParam(location, "state")).isEqualTo("s t&ate");
        String code = queryParam(location, "code");

        var token = steps.exchange(app, code, CALLBACK + "?from=atoll", null, "read write follow push");
        assertThat(token.status()).isEqualTo(200);
        assertThat(token.json().get("token_type").asText()).isEqualTo("Bearer");
        assertThat(token.json().get("scope").asText()).isEqualTo("read write");
        assertThat(token.json().get("created_at").isIntegralNumber()).isTrue();
        String accessToken = token.json().get("access_token").asText();

        var verify = http.get("/api/v1/apps/verify_credentials", accessToken);
        assertThat(verify.status()).isEqualTo(200);
        assertThat(verify.json().get("name").asText()).isEqualTo("Carol's <b>app</b>");
        assertThat(verify.json().has("client_secret")).isFalse();
        assertThat(http.get("/api/v1/accounts/verify_credentials", accessToken).json().get("username").asText()).isEqualTo("carol");

        var reused = steps.exchange(app, code, CALLBACK + "?from=atoll", null, null);
        assertThat(reused.status()).isEqualTo(400);
        assertThat(reused.json().get("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void sameAppUserAndScopesGetTheSameTokenWithoutAskingAgain() {
        atoll.createUser("dave");
        JsonNode app = steps.registerApp("Dave's app", CALLBACK, "read write");
        Browser browser = steps.signedInBrowser("dave");
        String first = steps.exchange(app, approve(browser, authorizeUrl(app, CALLBACK, "read", Map.of())), CALLBACK, null, null)
                .json().get("access_token").asText();

        // Mastodon skips the consent page when the app already holds a live token with these scopes.
        HttpResponse<String> again = browser.get(authorizeUrl(app, CALLBACK, "read", Map.of()));
        assertThat(again.statusCode()).isEqualTo(302);
        String second = steps.exchange(app, queryParam(again.headers().firstValue("Location").orElseThrow(), "code"), CALLBACK, null, null)
                .json().get("access_token").asText();
        assertThat(second).isEqualTo(first);

        // force_login shows the sign-in form even with a session.
        HttpResponse<String> forced = browser.get(authorizeUrl(app, CALLBACK, "read", Map.of("force_login", "true")));
        assertThat(forced.statusCode()).isEqualTo(200);
        assertThat(Browser.form(forced.body(), "/auth/sign_in").inputs().get("return_to")).doesNotContain("force_login");

        // Other scopes are a different grant: asked again, new token.
        String other = steps.exchange(app, approve(browser, authorizeUrl(app, CALLBACK, "read write", Map.of())), CALLBACK, null, null)
                .json().get("access_token").asText();
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void pkceS256IsCheckedAndPlainIsRefused() {
        atoll.createUser("erin");
        JsonNode app = steps.registerApp("PKCE app", CALLBACK, "read");
        Browser browser = steps.signedInBrowser("erin");
        String verifier = "a-verifier-that-is-long-enough-for-rfc-7636-rules-0123456789";
        String challenge = Pkce.challengeOf(verifier);
        Map<String, String> pkce = Map.of("code_challenge", challenge, "code_challenge_method", "S256");

        String code = approve(browser, authorizeUrl(app, CALLBACK, "read", pkce));
        var wrong = steps.exchange(app, code, CALLBACK, verifier + "x", null);
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().get("error").asText()).isEqualTo("invalid_grant");
        var missing = steps.exchange(app, code, CALLBACK, null, null);
        assertThat(missing.json().get("error").asText()).isEqualTo("invalid_request");
        var right = steps.exchange(app, code, CALLBACK, verifier, null);
        assertThat(right.status()).isEqualTo(200);

        HttpResponse<String> plain = browser.get(authorizeUrl(app, CALLBACK, "read",
                Map.of("code_challenge", verifier, "code_challenge_method", "plain", "state", "p")));
        assertThat(plain.statusCode()).isEqualTo(302);
        String location = plain.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(CALLBACK + "?");
        assertThat(queryParam(location, "error")).isEqualTo("invalid_request");
        assertThat(queryParam(location, "state")).isEqualTo("p");
    }

    @Test
    void redirectUriMustMatchAtAuthorizeAndAtToken() {
        atoll.createUser("frank");
        JsonNode app = steps.registerApp("Strict app", CALLBACK, "read");
        Browser browser = steps.signedInBrowser("frank");

        HttpResponse<String> unregistered = browser.get(authorizeUrl(app, "https://evil.example/steal", "read", Map.of()));
        assertThat(unregistered.statusCode()).isEqualTo(400);
        assertThat(unregistered.headers().firstValue("Location")).isEmpty();
        assertThat(unregistered.body()).contains("redirect uri");

        HttpResponse<String> unknownClient = browser.get("/oauth/authorize?response_type=code&client_id=nope&redirect_uri="
                + enc(CALLBACK));
        assertThat(unknownClient.statusCode()).isEqualTo(400);
        assertThat(unknownClient.headers().firstValue("Location")).isEmpty();

        String code = approve(browser, authorizeUrl(app, CALLBACK, "read", Map.of()));
        var mismatch = steps.exchange(app, code, CALLBACK + "/other", null, null);
        assertThat(mismatch.status()).isEqualTo(400);
        assertThat(mismatch.json().get("error").asText()).isEqualTo("invalid_grant");
        assertThat(mismatch.json().get("error_description").asText()).startsWith("The provided authorization grant is invalid");
    }

    @Test
    void outOfBandShowsTheCodeOnAPageAndTrailingSlashWorks() {
        atoll.createUser("grace");
        JsonNode app = steps.registerApp("CLI app", OOB, "read write follow");
        Browser browser = steps.signedInBrowser("grace");
        HttpResponse<String> consent = browser.get(authorizeUrl(app, OOB, "read write follow", Map.of()).replace("/oauth/authorize?", "/oauth/authorize/?"));
        assertThat(consent.statusCode()).isEqualTo(200);
        HttpResponse<String> shown = browser.submit(Browser.form(consent.body(), "/oauth/authorize"), Map.of("decision", "approve"));
        assertThat(shown.statusCode()).isEqualTo(200);
        Matcher m = Pattern.compile("<code id=\"oauth-code\">([^<]+)</code>").matcher(shown.body());
        assertThat(m.find()).isTrue();
        var token = steps.exchange(app, m.group(1), OOB, null, null);
        assertThat(token.status()).isEqualTo(200);
        assertThat(token.json().get("scope").asText()).isEqualTo("read write follow");
    }

    @Test
    void denyingAndAskingForTooMuchComeBackAsErrors() {
        atoll.createUser("heidi");
        JsonNode app = steps.registerApp("Greedy app", CALLBACK, "read");
        Browser browser = steps.signedInBrowser("heidi");

        HttpResponse<String> consent = browser.get(authorizeUrl(app, CALLBACK, "read", Map.of("state", "d1")));
        HttpResponse<String> denied = browser.submit(Browser.form(consent.body(), "/oauth/authorize"), Map.of("decision", "deny"));
        assertThat(denied.statusCode()).isEqualTo(302);
        String location = denied.headers().firstValue("Location").orElseThrow();
        assertThat(queryParam(location, "error")).isEqualTo("access_denied");
        assertThat(queryParam(location, "state")).isEqualTo("d1");
        assertThat(queryParam(location, "code")).isNull();

        HttpResponse<String> tooMuch = browser.get(authorizeUrl(app, CALLBACK, "read write", Map.of("state", "d2")));
        assertThat(tooMuch.statusCode()).isEqualTo(302);
        String tooMuchLocation = tooMuch.headers().firstValue("Location").orElseThrow();
        assertThat(queryParam(tooMuchLocation, "error")).isEqualTo("invalid_scope");
        assertThat(queryParam(tooMuchLocation, "state")).isEqualTo("d2");
    }

    @Test
    void formsWithoutTheirCsrfTokenAreRefused() {
        atoll.createUser("ivan");
        JsonNode app = steps.registerApp("CSRF app", CALLBACK, "read");
        Browser browser = new Browser(atoll.baseUrl());
        HttpResponse<String> signInPage = browser.get("/auth/sign_in");
        Map<String, String> credentials = Map.of("email", "ivan", "password", "password-ivan", "return_to", "/");
        assertThat(browser.post("/auth/sign_in", credentials).statusCode()).isEqualTo(403);
        assertThat(browser.cookie("_atoll_session")).isEmpty();

        // Signing in with the username works as well as with the e-mail address.
        assertThat(browser.submit(Browser.form(signInPage.body(), "/auth/sign_in"), credentials).statusCode()).isEqualTo(303);
        HttpResponse<String> consent = browser.get(authorizeUrl(app, CALLBACK, "read", Map.of()));
        Map<String, String> fields = new LinkedHashMap<>(Browser.form(consent.body(), "/oauth/authorize").inputs());
        fields.remove("csrf");
        fields.put("decision", "approve");
        HttpResponse<String> forged = browser.post("/oauth/authorize", fields);
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.headers().firstValue("Location")).isEmpty();
        fields.put("csrf", "made-up");
        assertThat(browser.post("/oauth/authorize", fields).statusCode()).isEqualTo(403);
    }

    @Test
    void accountsThatMayNotSignInAreToldWhy() {
        atoll.app().core.accountService.createLocal(new NewLocalAccount("judy", "judy@example.test", "password-judy", User.Role.USER,
                false, true, "en", null, null), true);
        Browser browser = new Browser(atoll.baseUrl());
        HttpResponse<String> page = browser.get("/auth/sign_in");
        HttpResponse<String> refused = browser.submit(Browser.form(page.body(), "/auth/sign_in"),
                Map.of("email", "judy@example.test", "password", "password-judy"));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("not confirmed");
        assertThat(browser.cookie("_atoll_session")).isEmpty();
    }

    @Test
    void fragmentAndFormPostResponseModesAndLoopbackPorts() {
        atoll.createUser("ken");
        JsonNode app = steps.registerApp("Desktop app", CALLBACK + "\nhttp://127.0.0.1/cb", "read profile");
        Browser browser = steps.signedInBrowser("ken");

        HttpResponse<String> consent = browser.get(authorizeUrl(app, CALLBACK, "read", Map.of("response_mode", "fragment", "state", "f")));
        HttpResponse<String> fragment = browser.submit(Browser.form(consent.body(), "/oauth/authorize"), Map.of("decision", "approve"));
        assertThat(fragment.statusCode()).isEqualTo(302);
        assertThat(fragment.headers().firstValue("Location").orElseThrow()).startsWith(CALLBACK + "#code=").endsWith("&state=f");

        HttpResponse<String> consentAgain = browser.get(authorizeUrl(app, CALLBACK, "read", Map.of("response_mode", "form_post", "state", "g")));
        HttpResponse<String> formPost = browser.submit(Browser.form(consentAgain.body(), "/oauth/authorize"), Map.of("decision", "approve"));
        assertThat(formPost.statusCode()).isEqualTo(200);
        Browser.Form back = Browser.form(formPost.body(), CALLBACK);
        assertThat(back.inputs()).containsKeys("code").containsEntry("state", "g");
        assertThat(formPost.headers().firstValue("Content-Security-Policy").orElse("")).contains("script-src 'self' 'nonce-");

        // RFC 8252: a loopback IP redirect may use any port; other hosts must match exactly.
        String code = approve(browser, authorizeUrl(app, "http://127.0.0.1:53682/cb", "profile", Map.of()));
        var token = steps.exchange(app, code, "http://127.0.0.1:53682/cb", null, null);
        assertThat(token.status()).isEqualTo(200);
        assertThat(browser.get(authorizeUrl(app, "http://localhost:53682/cb", "read", Map.of())).statusCode()).isEqualTo(400);

        // The profile scope opens /oauth/userinfo, and nothing needing read.
        String profileToken = token.json().get("access_token").asText();
        var userinfo = http.get("/oauth/userinfo", profileToken);
        assertThat(userinfo.status()).isEqualTo(200);
        assertThat(userinfo.json().get("preferred_username").asText()).isEqualTo("ken");
        assertThat(userinfo.json().get("sub").asText()).isEqualTo(atoll.baseUrl() + "/users/ken");
        assertThat(userinfo.json().get("iss").asText()).isEqualTo(atoll.baseUrl() + "/");
        assertThat(http.get("/oauth/userinfo", atoll.createUser("lena", "read")).status()).isEqualTo(403);
    }

    @Test
    void landingPageSignInAndSignOut() {
        atoll.createUser("mallory");
        Browser browser = new Browser(atoll.baseUrl());
        HttpResponse<String> landing = browser.get("/");
        assertThat(landing.statusCode()).isEqualTo(200);
        assertThat(landing.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(landing.body()).contains("<title>").contains(atoll.domain()).contains("href=\"/auth/sign_in\"");

        HttpResponse<String> page = browser.get("/auth/sign_in");
        Browser.Form form = Browser.form(page.body(), "/auth/sign_in");
        assertThat(form.inputs().get("return_to")).isEqualTo("/");
        HttpResponse<String> signedIn = browser.submit(form, Map.of("email", "mallory@example.test", "password", "password-mallory"));
        assertThat(signedIn.statusCode()).isEqualTo(303);
        assertThat(signedIn.headers().firstValue("Location")).contains("/");
        HttpResponse<String> front = browser.get("/");
        assertThat(front.statusCode()).isEqualTo(302);
        assertThat(front.headers().firstValue("Location")).contains("/home");
        HttpResponse<String> home = browser.get("/home");
        assertThat(home.body()).contains("@mallory");

        HttpResponse<String> out = browser.submit(Browser.form(home.body(), "/auth/sign_out"), Map.of());
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(browser.cookie("_atoll_session")).isEmpty();
        assertThat(browser.get("/").body()).doesNotContain("@mallory").contains("href=\"/auth/sign_in\"");

        // A return_to pointing elsewhere is not followed.
        HttpResponse<String> again = browser.get("/auth/sign_in?return_to=//evil.example/");
        assertThat(Browser.form(again.body(), "/auth/sign_in").inputs().get("return_to")).isEqualTo("/");
    }
}
