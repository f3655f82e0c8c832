package social.atoll.api.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static social.atoll.api.oauth.OAuthSteps.authorizeUrl;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import social.atoll.core.twofactor.Totp;
import social.atoll.testing.Await;
import social.atoll.testing.CliRun;
import social.atoll.testing.FreePort;
import social.atoll.testing.TestInstance;

/**
 * Two-factor sign-in over HTTP, as a browser without script drives it: turning it on in settings (the secret read
 * from the page, the code computed here), the second step after the password at web sign-in and in the OAuth
 * authorization flow, codes refused when replayed, recovery codes used once, failures throttled, turning it off
 * with the password and a code, the mails (GreenMail as the SMTP server) and the admin command for a locked-out user.
 */
@org.junit.jupiter.api.TestInstance(Lifecycle.PER_CLASS)
class TwoFactorSignInIT {

    private static final Pattern SECRET = Pattern.compile("<code class=\"totp-secret\"[^>]*>([A-Z2-7 ]+)</code>");
    private static final Pattern RECOVERY = Pattern.compile("<li><code>([a-z0-9]{5}-[a-z0-9]{5})</code></li>");
    private static final String CALLBACK = "https://app.example/callback";

    private GreenMail smtp;
    private TestInstance atoll;
    private OAuthSteps steps;

    /** What turning two-factor on left in the test's hands. */
    record Enabled(String secret, List<String> recoveryCodes) {}

    @BeforeAll
    void start() {
        int port = FreePort.find();
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        atoll = TestInstance.start(Map.of("ATOLL_SMTP_HOST", "127.0.0.1", "ATOLL_SMTP_PORT", Integer.toString(port), "ATOLL_SMTP_TLS", "none"));
        steps = new OAuthSteps(atoll);
    }

    @AfterAll
    void stop() {
        if (atoll != null) atoll.close();
        if (smtp != null) smtp.stop();
    }

    @Test
    void webSignInTakesASecondStepAndCodesWorkOnce() throws Exception {
        atoll.createUser("dora");
        Enabled on = enable("dora");
        assertThat(on.recoveryCodes()).hasSize(10).doesNotHaveDuplicates();
        MimeMessage enabledMail = awaitMail("dora@example.test", "Two-factor authentication turned on for " + atoll.domain());
        assertThat(enabledMail).isNotNull();

        // the password alone: a second-step page, no session
        Browser b = new Browser(atoll.baseUrl());
        HttpResponse<String> afterPassword = password(b, "dora", "/settings/profile");
        assertThat(afterPassword.statusCode()).isEqualTo(303);
        String step = afterPassword.headers().firstValue("Location").orElseThrow();
        assertThat(step).isEqualTo("/auth/sign_in/two_factor?return_to=%2Fsettings%2Fprofile");
        assertThat(b.cookie("_atoll_session")).isEmpty();
        assertThat(b.get("/settings/profile").headers().firstValue("Location").orElse("")).startsWith("/auth/sign_in");
        HttpResponse<String> stepPage = b.get(step);
        assertThat(stepPage.statusCode()).isEqualTo(200);
        assertThat(stepPage.body()).contains("Confirm it is you");

        HttpResponse<String> wrong = b.submit(Browser.form(stepPage.body(), "/auth/sign_in/two_factor"), Map.of("code", "000000"));
        assertThat(wrong.statusCode()).isEqualTo(422);
        assertThat(wrong.body()).contains("This code is not valid");
        assertThat(b.cookie("_atoll_session")).isEmpty();

        // the code of the next step (enabling used the current one): accepted once, refused when replayed
        String next = Totp.code(on.secret(), Totp.step(Instant.now()) + 1);
        HttpResponse<String> passed = b.submit(Browser.form(wrong.body(), "/auth/sign_in/two_factor"), Map.of("code", next));
        assertThat(passed.statusCode()).isEqualTo(303);
        assertThat(passed.headers().firstValue("Location")).hasValue("/settings/profile");
        assertThat(b.cookie("_atoll_session")).isPresent();
        assertThat(b.get("/settings/profile").statusCode()).isEqualTo(200);

        Browser replayer = new Browser(atoll.baseUrl());
        password(replayer, "dora", "/");
        HttpResponse<String> replay = replayer.submit(Browser.form(replayer.get("/auth/sign_in/two_factor").body(), "/auth/sign_in/two_factor"),
                Map.of("code", next));
        assertThat(replay.statusCode()).isEqualTo(422);
        assertThat(replayer.cookie("_atoll_session")).isEmpty();

        // a recovery code works once (typed in capitals, as people copy them)
        HttpResponse<String> recovered = replayer.submit(Browser.form(replay.body(), "/auth/sign_in/two_factor"),
                Map.of("code", on.recoveryCodes().get(0).toUpperCase()));
        assertThat(recovered.statusCode()).isEqualTo(303);
        Browser again = new Browser(atoll.baseUrl());
        password(again, "dora", "/");
        HttpResponse<String> reused = again.submit(Browser.form(again.get("/auth/sign_in/two_factor").body(), "/auth/sign_in/two_factor"),
                Map.of("code", on.recoveryCodes().get(0)));
        assertThat(reused.statusCode()).isEqualTo(422);

        // without the password step there is nothing to answer
        Browser stranger = new Browser(atoll.baseUrl());
        assertThat(stranger.get("/auth/sign_in/two_factor").statusCode()).isEqualTo(303);
        HttpResponse<String> signInPage = stranger.get("/auth/sign_in");
        HttpResponse<String> forged = stranger.post("/auth/sign_in/two_factor",
                Map.of("csrf", Browser.form(signInPage.body(), "/auth/sign_in").inputs().get("csrf"), "code", on.recoveryCodes().get(1)));
        assertThat(forged.statusCode()).isEqualTo(303);
        assertThat(forged.headers().firstValue("Location")).hasValue("/auth/sign_in");
        assertThat(stranger.cookie("_atoll_session")).isEmpty();
        // and a form without this browser's CSRF token is refused
        assertThat(again.post("/auth/sign_in/two_factor", Map.of("code", on.recoveryCodes().get(1))).statusCode()).isEqualTo(403);
    }

    @Test
    void oauthAuthorizationAsksForTheSecondStepBeforeConsent() {
        atoll.createUser("olga");
        Enabled on = enable("olga");
        JsonNode app = steps.registerApp("Olga's app", CALLBACK, "read write");
        Browser b = new Browser(atoll.baseUrl());
        HttpResponse<String> signInPage = b.get(authorizeUrl(app, CALLBACK, "read", Map.of()));
        assertThat(signInPage.statusCode()).isEqualTo(200);
        Browser.Form signIn = Browser.form(signInPage.body(), "/auth/sign_in");
        String returnTo = signIn.inputs().get("return_to");
        assertThat(returnTo).startsWith("/oauth/authorize?");

        HttpResponse<String> afterPassword = b.submit(signIn, Map.of("email", "olga@example.test", "password", "password-olga"));
        assertThat(afterPassword.statusCode()).isEqualTo(303);
        String step = afterPassword.headers().firstValue("Location").orElseThrow();
        assertThat(step).startsWith("/auth/sign_in/two_factor?return_to=");
        assertThat(URLDecoder.decode(step.substring(step.indexOf('=') + 1), StandardCharsets.UTF_8)).isEqualTo(returnTo);
        // the password step alone does not reach the consent page
        HttpResponse<String> stillSignIn = b.get(returnTo);
        assertThat(stillSignIn.body()).contains("action=\"/auth/sign_in\"").doesNotContain("name=\"decision\"");

        HttpResponse<String> stepPage = b.get(step);
        HttpResponse<String> passed = b.submit(Browser.form(stepPage.body(), "/auth/sign_in/two_factor"),
                Map.of("code", on.recoveryCodes().get(3)));
        assertThat(passed.statusCode()).isEqualTo(303);
        assertThat(passed.headers().firstValue("Location")).hasValue(returnTo);
        String code = OAuthSteps.approve(b, returnTo);
        var token = steps.exchange(app, code, CALLBACK, null, "read");
        assertThat(token.status()).isEqualTo(200);
        assertThat(atoll.http().get("/api/v1/accounts/verify_credentials", token.json().get("access_token").asText()).json()
                .get("username").asText()).isEqualTo("olga");
    }

    @Test
    void wrongCodesAreThrottledLikePasswords() {
        atoll.createUser("tess");
        Enabled on = enable("tess");
        Browser b = new Browser(atoll.baseUrl());
        password(b, "tess", "/");
        HttpResponse<String> page = b.get("/auth/sign_in/two_factor");
        int status = 0;
        for (int i = 0; i < 12 && status != 429; i++) {
            page = b.submit(Browser.form(page.body(), "/auth/sign_in/two_factor"), Map.of("code", "11111" + (i % 10)));
            status = page.statusCode();
        }
        assertThat(status).isEqualTo(429);
        assertThat(page.headers().firstValue("Retry-After")).isPresent();
        // even the right answer waits now
        HttpResponse<String> right = b.submit(Browser.form(page.body(), "/auth/sign_in/two_factor"), Map.of("code", on.recoveryCodes().get(0)));
        assertThat(right.statusCode()).isEqualTo(429);
        assertThat(b.cookie("_atoll_session")).isEmpty();
    }

    @Test
    void turningItOffTakesThePasswordAndACodeAndIsMailed() throws Exception {
        atoll.createUser("ines");
        Enabled on = enable("ines");
        Browser b = new Browser(atoll.baseUrl());
        password(b, "ines", "/");
        b.submit(Browser.form(b.get("/auth/sign_in/two_factor").body(), "/auth/sign_in/two_factor"), Map.of("code", on.recoveryCodes().get(0)));
        HttpResponse<String> settings = b.get("/settings/two-factor");
        assertThat(settings.body()).contains("Unused recovery codes left: 9");

        HttpResponse<String> wrongPassword = b.submit(Browser.form(settings.body(), "/settings/two-factor/disable"),
                Map.of("current_password", "nope", "code", on.recoveryCodes().get(1)));
        assertThat(wrongPassword.statusCode()).isEqualTo(422);
        assertThat(wrongPassword.body()).contains("The password is not valid");
        HttpResponse<String> wrongCode = b.submit(Browser.form(settings.body(), "/settings/two-factor/disable"),
                Map.of("current_password", "password-ines", "code", "123456"));
        assertThat(wrongCode.statusCode()).isEqualTo(422);
        assertThat(wrongCode.body()).contains("The code is not valid");

        // new recovery codes replace the old ones
        HttpResponse<String> renewed = b.submit(Browser.form(settings.body(), "/settings/two-factor/recovery-codes"),
                Map.of("current_password", "password-ines", "code", on.recoveryCodes().get(1)));
        assertThat(renewed.statusCode()).isEqualTo(200);
        List<String> fresh = codes(renewed.body());
        assertThat(fresh).hasSize(10).doesNotContainAnyElementsOf(on.recoveryCodes());

        HttpResponse<String> off = b.submit(Browser.form(b.get("/settings/two-factor").body(), "/settings/two-factor/disable"),
                Map.of("current_password", "password-ines", "code", on.recoveryCodes().get(2)));
        assertThat(off.statusCode()).as("old recovery codes no longer work").isEqualTo(422);
        off = b.submit(Browser.form(b.get("/settings/two-factor").body(), "/settings/two-factor/disable"),
                Map.of("current_password", "password-ines", "code", fresh.get(0)));
        assertThat(off.statusCode()).isEqualTo(303);
        assertThat(off.headers().firstValue("Location")).hasValue("/settings/two-factor?notice=two_factor_disabled");
        assertThat(awaitMail("ines@example.test", "Two-factor authentication turned off for " + atoll.domain())).isNotNull();

        Browser plain = new Browser(atoll.baseUrl());
        assertThat(password(plain, "ines", "/home").headers().firstValue("Location")).hasValue("/home");
        assertThat(plain.cookie("_atoll_session")).isPresent();
    }

    @Test
    void anAdministratorTurnsItOffForALockedOutPersonFromTheCommandLine() throws Exception {
        atoll.createUser("lars");
        enable("lars");
        var settings = atoll.settings();
        CliRun.Result r = CliRun.run("admin", "accounts", "disable-2fa", "lars", "--data-dir", settings.dataDir().toString(),
                "--db-url", settings.dbUrl(), "--domain", settings.domain());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().strip()).isEqualTo("two-factor turned off for @lars");
        Browser b = new Browser(atoll.baseUrl());
        assertThat(password(b, "lars", "/home").headers().firstValue("Location")).hasValue("/home");
        CliRun.Result again = CliRun.run("admin", "accounts", "disable-2fa", "lars", "--data-dir", settings.dataDir().toString(),
                "--db-url", settings.dbUrl(), "--domain", settings.domain());
        assertThat(again.out().strip()).isEqualTo("two-factor was not on for @lars");
    }

    @Test
    void theTotpSecretIsSealedAtRestAndRecoveryCodesAreSaltedAndKeyed() {
        atoll.createUser("sami");
        Enabled on = enable("sami");
        long userId = userId("sami");
        String stored = atoll.app().infra.db.read(h -> h.createQuery("SELECT secret FROM two_factor_totp WHERE user_id = :u")
                .bind("u", userId).mapTo(String.class).one());
        assertThat(stored).startsWith("v1:").doesNotContain(on.secret());
        List<Map<String, Object>> codes = atoll.app().infra.db.read(h -> h.createQuery(
                "SELECT salt, code_hash FROM two_factor_recovery_codes WHERE user_id = :u").bind("u", userId).mapToMap().list());
        assertThat(codes).hasSize(10);
        assertThat(codes.stream().map(c -> c.get("salt"))).doesNotContainNull().doesNotHaveDuplicates();
        // neither the code nor its plain SHA-256 (what a dictionary of the 2^50 codes would be matched against)
        List<String> plainHashes = on.recoveryCodes().stream().map(c -> social.atoll.core.auth.Tokens.sha256(c.replace("-", ""))).toList();
        assertThat(codes.stream().map(c -> (String) c.get("code_hash")))
                .doesNotContainAnyElementsOf(plainHashes).doesNotContainAnyElementsOf(on.recoveryCodes());
        // and the sealed secret and keyed codes still sign in
        Browser b = new Browser(atoll.baseUrl());
        password(b, "sami", "/");
        HttpResponse<String> passed = b.submit(Browser.form(b.get("/auth/sign_in/two_factor").body(), "/auth/sign_in/two_factor"),
                Map.of("code", Totp.code(on.secret(), Totp.step(Instant.now()) + 1)));
        assertThat(passed.statusCode()).isEqualTo(303);
        assertThat(b.cookie("_atoll_session")).isPresent();
    }

    @Test
    void rowsStoredInClearByAnEarlierVersionAreSealedAtStartAndKeepWorking() {
        atoll.createUser("vera");
        Enabled on = enable("vera");
        long userId = userId("vera");
        // what an earlier version left in the tables: the secret in clear, codes as a bare SHA-256
        atoll.app().infra.db.write(h -> {
            h.createUpdate("UPDATE two_factor_totp SET secret = :s WHERE user_id = :u").bind("s", on.secret()).bind("u", userId).execute();
            List<Long> ids = h.createQuery("SELECT id FROM two_factor_recovery_codes WHERE user_id = :u ORDER BY id").bind("u", userId)
                    .mapTo(Long.class).list();
            for (int i = 0; i < ids.size(); i++)
                h.createUpdate("UPDATE two_factor_recovery_codes SET salt = NULL, code_hash = :h WHERE id = :id")
                        .bind("h", social.atoll.core.auth.Tokens.sha256(on.recoveryCodes().get(i).replace("-", ""))).bind("id", ids.get(i)).execute();
            return null;
        });
        // a restart, as after the upgrade
        atoll = atoll.restart(app -> {});
        steps = new OAuthSteps(atoll);
        String stored = atoll.app().infra.db.read(h -> h.createQuery("SELECT secret FROM two_factor_totp WHERE user_id = :u")
                .bind("u", userId).mapTo(String.class).one());
        assertThat(stored).startsWith("v1:").doesNotContain(on.secret());
        int unsalted = atoll.app().infra.db.read(h -> h.createQuery(
                "SELECT COUNT(*) FROM two_factor_recovery_codes WHERE salt IS NULL").mapTo(Integer.class).one());
        assertThat(unsalted).isZero();
        assertThat(atoll.app().core.twoFactor.protectStoredSecrets()).as("nothing left to do on the next start").isZero();

        Browser b = new Browser(atoll.baseUrl());
        password(b, "vera", "/");
        assertThat(b.submit(Browser.form(b.get("/auth/sign_in/two_factor").body(), "/auth/sign_in/two_factor"),
                Map.of("code", Totp.code(on.secret(), Totp.step(Instant.now()) + 1))).statusCode()).isEqualTo(303);
        Browser c = new Browser(atoll.baseUrl());
        password(c, "vera", "/");
        assertThat(c.submit(Browser.form(c.get("/auth/sign_in/two_factor").body(), "/auth/sign_in/two_factor"),
                Map.of("code", on.recoveryCodes().get(4))).statusCode()).as("a code re-hashed at start").isEqualTo(303);
    }

    @Test
    void aPasswordChangeEndsASecondStepPendingFromTheOldPassword() {
        atoll.createUser("nils");
        Enabled on = enable("nils");
        Browser b = new Browser(atoll.baseUrl());
        password(b, "nils", "/");
        HttpResponse<String> stepPage = b.get("/auth/sign_in/two_factor");
        assertThat(stepPage.statusCode()).isEqualTo(200);
        // meanwhile the password changes (the owner, in another browser)
        long accountId = atoll.app().core.accounts.byAcct("nils", null).orElseThrow().id();
        atoll.app().core.credentials.changePassword(accountId, "password-nils", "quartz-harbor-lantern-93", -1);
        // the right code no longer completes the sign-in begun with the old password
        HttpResponse<String> late = b.submit(Browser.form(stepPage.body(), "/auth/sign_in/two_factor"), Map.of("code", on.recoveryCodes().get(0)));
        assertThat(late.statusCode()).isEqualTo(303);
        assertThat(late.headers().firstValue("Location")).hasValue("/auth/sign_in");
        assertThat(b.cookie("_atoll_session")).isEmpty();
        assertThat(b.get("/auth/sign_in/two_factor").statusCode()).isEqualTo(303);
        // the code was not spent: with the new password it works
        Browser again = new Browser(atoll.baseUrl());
        HttpResponse<String> page = again.get("/auth/sign_in");
        again.submit(Browser.form(page.body(), "/auth/sign_in"),
                Map.of("email", "nils@example.test", "password", "quartz-harbor-lantern-93", "return_to", "/"));
        HttpResponse<String> passed = again.submit(Browser.form(again.get("/auth/sign_in/two_factor").body(), "/auth/sign_in/two_factor"),
                Map.of("code", on.recoveryCodes().get(0)));
        assertThat(passed.statusCode()).isEqualTo(303);
        assertThat(again.cookie("_atoll_session")).isPresent();
    }

    private long userId(String username) {
        long accountId = atoll.app().core.accounts.byAcct(username, null).orElseThrow().id();
        return atoll.app().core.accounts.userByAccountId(accountId).orElseThrow().id();
    }

    /** Turns two-factor on through the settings pages, as a person with an authenticator app does. */
    private Enabled enable(String username) {
        Browser b = steps.signedInBrowser(username);
        HttpResponse<String> off = b.get("/settings/two-factor");
        assertThat(off.statusCode()).isEqualTo(200);
        HttpResponse<String> started = b.submit(Browser.form(off.body(), "/settings/two-factor/setup"), Map.of());
        assertThat(started.statusCode()).isEqualTo(303);
        HttpResponse<String> setup = b.get("/settings/two-factor");
        assertThat(setup.body()).contains("<svg class=\"qr\"");
        Matcher m = SECRET.matcher(setup.body());
        assertThat(m.find()).as("the secret is on the page").isTrue();
        String secret = m.group(1).replace(" ", "");
        HttpResponse<String> wrong = b.submit(Browser.form(setup.body(), "/settings/two-factor/enable"), Map.of("code", "000000"));
        assertThat(wrong.statusCode()).isEqualTo(422);
        String code = Totp.code(secret, Totp.step(Instant.now()));
        HttpResponse<String> enabled = b.submit(Browser.form(setup.body(), "/settings/two-factor/enable"), Map.of("code", code));
        assertThat(enabled.statusCode()).as(enabled.body()).isEqualTo(200);
        return new Enabled(secret, codes(enabled.body()));
    }

    private static List<String> codes(String html) {
        Matcher m = RECOVERY.matcher(html);
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) out.add(m.group(1));
        return out;
    }

    private static HttpResponse<String> password(Browser b, String username, String returnTo) {
        HttpResponse<String> page = b.get("/auth/sign_in");
        return b.submit(Browser.form(page.body(), "/auth/sign_in"),
                Map.of("email", username + "@example.test", "password", "password-" + username, "return_to", returnTo));
    }

    private MimeMessage awaitMail(String to, String subject) throws Exception {
        Await.until("a mail '" + subject + "' to " + to, () -> find(to, subject) != null);
        return find(to, subject);
    }

    private MimeMessage find(String to, String subject) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(to) && subject.equals(m.getSubject());
            } catch (Exception e) {
                return false;
            }
        }).findFirst().orElse(null);
    }
}
