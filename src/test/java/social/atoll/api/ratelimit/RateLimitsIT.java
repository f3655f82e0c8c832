package social.atoll.api.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.testing.TestInstance;

/** Rate limits with a lowered general limit (ATOLL_RATE_LIMIT=20/300s). */
class RateLimitsIT {

    private static TestInstance atoll;

    @BeforeAll
    static void start() { atoll = TestInstance.start(Map.of("ATOLL_RATE_LIMIT", "20/300s")); }

    @AfterAll
    static void stop() { atoll.close(); }

    @Test
    void generalLimitPerAccountWithMastodonHeaders() {
        String token = atoll.createUser("limited");
        String other = atoll.createUser("unlimited");
        for (int i = 1; i <= 20; i++) {
            var r = atoll.http().get("/api/v1/accounts/verify_credentials", token);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("X-RateLimit-Limit")).isEqualTo("20");
            assertThat(r.header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(20 - i));
            assertThat(Instant.parse(r.header("X-RateLimit-Reset"))).isAfter(Instant.now().minusSeconds(1));
        }
        var over = atoll.http().get("/api/v1/accounts/verify_credentials", token);
        assertThat(over.status()).isEqualTo(429);
        assertThat(over.json().get("error").asText()).isEqualTo("Too many requests");
        assertThat(over.header("X-RateLimit-Remaining")).isEqualTo("0");
        // counted per account: someone else is not affected
        var fine = atoll.http().get("/api/v1/accounts/verify_credentials", other);
        assertThat(fine.status()).isEqualTo(200);
        assertThat(fine.header("X-RateLimit-Remaining")).isEqualTo("19");
    }

    @Test
    void signUpHasAStricterLimitPerIp() {
        for (int i = 1; i <= 5; i++) {
            var r = atoll.http().postForm("/api/v1/accounts", null, Map.of("username", "x" + i));
            assertThat(r.status()).isNotEqualTo(429);
            assertThat(r.header("X-RateLimit-Limit")).as("the closest limit is reported").isEqualTo("5");
        }
        var over = atoll.http().postForm("/api/v1/accounts", null, Map.of("username", "x6"));
        assertThat(over.status()).isEqualTo(429);
        assertThat(over.json().get("error").asText()).isEqualTo("Too many requests");
    }

    @Test
    void preflightIsNeverLimited() {
        for (int i = 0; i < 30; i++) {
            var r = atoll.http().send("OPTIONS", "/api/v1/timelines/home", null, null, null);
            assertThat(r.status()).isEqualTo(200);
        }
    }
}
