package social.atoll.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateLimitSettingsTest {

    private static RateLimitSettings load(String value) {
        return new SettingsLoader(value == null ? Map.of() : Map.of("ATOLL_RATE_LIMIT", value), Map.of(), null).load().rateLimits();
    }

    @Test
    void parsesRequestsPerWindow() {
        assertThat(load(null)).isEqualTo(new RateLimitSettings(true, 300, Duration.ofMinutes(5)));
        assertThat(load("300/300s")).isEqualTo(new RateLimitSettings(true, 300, Duration.ofSeconds(300)));
        assertThat(load("1000/1m")).isEqualTo(new RateLimitSettings(true, 1000, Duration.ofMinutes(1)));
        assertThat(load("20/60")).isEqualTo(new RateLimitSettings(true, 20, Duration.ofSeconds(60)));
        assertThat(load("off").enabled()).isFalse();
    }

    @Test
    void rejectsNonsenseWithOneLineNamingTheSetting() {
        assertThatThrownBy(() -> load("lots")).isInstanceOf(SettingsException.class).hasMessageStartingWith("ATOLL_RATE_LIMIT: ");
        assertThatThrownBy(() -> load("0/60s")).isInstanceOf(SettingsException.class);
        assertThatThrownBy(() -> load("10/0s")).isInstanceOf(SettingsException.class);
    }
}
