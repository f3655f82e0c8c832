package social.atoll.api.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import social.atoll.core.account.SignUpService;
import social.atoll.core.account.SignUpThrottle;
import social.atoll.core.auth.OAuthApp;
import social.atoll.core.auth.Scopes;
import social.atoll.core.common.TooManyRequestsException;
import social.atoll.testing.TestHttp;
import social.atoll.testing.TestInstance;

/**
 * Sign-up throttles, with the rate limits on: at most {@link SignUpThrottle#PER_IP} accounts per address and
 * {@link SignUpThrottle#PER_DOMAIN} per e-mail domain in their windows, whichever door; the API answers 429
 * {@code {"error":"Too many requests"}}, the web form shows itself again with the reason, values kept.
 */
@org.junit.jupiter.api.TestInstance(Lifecycle.PER_CLASS)
class SignUpThrottleIT {

    private TestInstance atoll;
    private String app;

    @BeforeAll
    void start() {
        atoll = TestInstance.start(Map.of("ATOLL_RATE_LIMIT", "10000/5m"));
        OAuthApp a = atoll.app().core.oauth.register("Throttle test app", List.of("urn:ietf:wg:oauth:2.0:oob"), Scopes.parse("read write"), null);
        app = atoll.app().core.tokens.issue(a.id(), null, Scopes.parse("read write")).token();
    }

    @AfterAll
    void stop() { atoll.close(); }

    private SignUpService.SignUp form(String username, String email, String ip) {
        return new SignUpService.SignUp(username, email, "correct horse battery", true, "en", null, ip, null);
    }

    @Test
    void oneAddressMayMakeOnlyAFewAccounts() {
        for (int i = 0; i < SignUpThrottle.PER_IP; i++) atoll.app().core.signUps.signUpOnWeb(form("ipuser" + i, "ipuser" + i + "@d" + i + ".test", "10.9.9.9"));
        assertThatThrownBy(() -> atoll.app().core.signUps.signUpOnWeb(form("ipuser_more", "ipuser_more@other.test", "10.9.9.9")))
                .isInstanceOf(TooManyRequestsException.class);
        // another address is not affected
        atoll.app().core.signUps.signUpOnWeb(form("ipuser_elsewhere", "elsewhere@other.test", "10.9.9.10"));
    }

    @Test
    void oneEmailDomainMayMakeOnlyAFewAccountsAnHourThroughTheApiAndTheWeb() {
        for (int i = 0; i < SignUpThrottle.PER_DOMAIN; i++)
            atoll.app().core.signUps.signUpOnWeb(form("wave" + i, "wave" + i + "@throwaway.test", "10.8.0." + i));

        var api = atoll.http().postJson("/api/v1/accounts", app, Map.of("username", "wave_api", "email", "wave_api@Throwaway.test",
                "password", "correct horse battery", "agreement", true));
        assertThat(api.status()).as(api.body()).isEqualTo(429);
        assertThat(api.json().get("error").asText()).isEqualTo("Too many requests");
        assertThat(atoll.app().core.accounts.byAcct("wave_api", null)).isEmpty();

        // the web form: a visitor's session and its CSRF token first
        var page = atoll.http().get("/auth/sign_up");
        assertThat(page.status()).isEqualTo(200);
        String cookie = page.headers().allValues("set-cookie").stream().map(c -> c.substring(0, c.indexOf(';'))).reduce((x, y) -> x + "; " + y)
                .orElseThrow();
        Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(csrf.find()).isTrue();
        var web = atoll.http().send("POST", "/auth/sign_up", null, TestHttp.form(Map.of("csrf", csrf.group(1), "username", "wave_web",
                        "email", "wave_web@throwaway.test", "password", "correct horse battery", "agreement", "1")),
                "application/x-www-form-urlencoded", Map.of("Cookie", cookie, "Accept", "text/html"));
        assertThat(web.status()).isEqualTo(429);
        assertThat(web.body()).contains("Too many accounts were made from your network or with your e-mail provider lately")
                .contains("value=\"wave_web\"");
        assertThat(atoll.app().core.accounts.byAcct("wave_web", null)).isEmpty();

        // other providers still sign up
        atoll.app().core.signUps.signUpOnWeb(form("calm", "calm@quiet.test", "10.7.0.1"));
    }
}
