package social.atoll.api.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.testing.TestInstance;

/** Password guessing on the sign-in form is refused after a few failures, for that login only. */
class SignInThrottleIT {

    private static TestInstance atoll;

    @BeforeAll
    static void start() {
        atoll = TestInstance.start();
        atoll.createUser("guessed");
        atoll.createUser("bystander");
    }

    @AfterAll
    static void stop() { atoll.close(); }

    private static HttpResponse<String> signIn(String login, String password) {
        Browser browser = new Browser(atoll.baseUrl());
        HttpResponse<String> page = browser.get("/auth/sign_in");
        return browser.submit(Browser.form(page.body(), "/auth/sign_in"), Map.of("email", login, "password", password));
    }

    /** The page's error message (the sign-in form shows it in a p.error). */
    private static String errorOf(String html) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("class=\"error\"[^>]*>([^<]*)<").matcher(html);
        return m.find() ? m.group(1).trim() : "";
    }

    @Test
    void twentyQuickFailuresRefuseEvenTheRightPasswordForThatLoginOnly() {
        for (int i = 0; i < 20; i++) {
            int status = signIn("guessed@example.test", "guess-" + i).statusCode();
            assertThat(status).isIn(422, 429);
        }
        HttpResponse<String> right = signIn("guessed@example.test", "password-guessed");
        assertThat(right.statusCode()).isEqualTo(429);
        assertThat(right.headers().firstValue("Retry-After")).isPresent();
        assertThat(right.body()).contains("Too many failed sign-in attempts");

        // five failures in five minutes make the login wait a minute (the wait then doubles: SignInThrottleTest)
        assertThat(right.body()).contains("Try again in 1 minute.");
        assertThat(Long.parseLong(right.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 61L);

        // an unknown login gets the same treatment and the same words, so the answer tells nothing about who has
        // an account
        for (int i = 0; i < 5; i++) assertThat(signIn("nobody-here@example.test", "guess-" + i).statusCode()).isEqualTo(422);
        HttpResponse<String> unknown = signIn("nobody-here@example.test", "anything");
        assertThat(unknown.statusCode()).isEqualTo(429);
        assertThat(errorOf(unknown.body())).isEqualTo(errorOf(right.body())).contains("Too many failed sign-in attempts");

        // someone else signs in from the same address as usual
        assertThat(signIn("bystander@example.test", "password-bystander").statusCode()).isEqualTo(303);
    }
}
