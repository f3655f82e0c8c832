package social.atoll.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import social.atoll.testing.TestInstance;

class HealthIT {

    @Test
    void liveAndReadyAndUnknownRoutesAreJson404() {
        try (TestInstance atoll = TestInstance.start()) {
            assertThat(atoll.http().get("/health").status()).isEqualTo(200);
            var ready = atoll.http().get("/health/ready");
            assertThat(ready.status()).isEqualTo(200);
            assertThat(ready.json().get("status").asText()).isEqualTo("ready");
            var missing = atoll.http().get("/api/v1/no_such_thing");
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.json().get("error").asText()).isEqualTo("Record not found");
        }
    }

    @Test
    void preflightAnswersWithoutAuthentication() {
        try (TestInstance atoll = TestInstance.start()) {
            var r = atoll.http().send("OPTIONS", "/api/v1/timelines/home", null, null, null,
                    java.util.Map.of("Origin", "https://elk.example", "Access-Control-Request-Method", "GET"));
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo("*");
        }
    }
}
