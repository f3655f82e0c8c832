package social.atoll.infra.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class JobTypeTest {

    @Test
    void retryDelaysDoubleUpToTheCap() {
        JobType<String> t = new JobType<>("x", String.class, 20, Duration.ofSeconds(5), Duration.ofMinutes(1), Duration.ofDays(1));
        assertThat(t.retryDelay(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(t.retryDelay(2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(t.retryDelay(3)).isEqualTo(Duration.ofSeconds(20));
        assertThat(t.retryDelay(4)).isEqualTo(Duration.ofSeconds(40));
        assertThat(t.retryDelay(5)).isEqualTo(Duration.ofMinutes(1));
        assertThat(t.retryDelay(60)).isEqualTo(Duration.ofMinutes(1)); // no overflow for huge attempt counts
    }

    @Test
    void invalidTypesAreRejected() {
        assertThatThrownBy(() -> new JobType<>("Bad Name", String.class, 3, Duration.ZERO, Duration.ZERO, Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JobType<>("x", String.class, 0, Duration.ZERO, Duration.ZERO, Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JobType<>("x", String.class, 3, Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
