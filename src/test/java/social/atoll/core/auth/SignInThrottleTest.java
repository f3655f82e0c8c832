package social.atoll.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    @Test
    void aLoginIsRefusedAfterTooManyFailuresUntilTheyLeaveTheWindow() {
        ManualClock clock = new ManualClock();
        SignInThrottle t = new SignInThrottle(clock);
        for (int i = 0; i < SignInThrottle.PER_LOGIN; i++) {
            assertThat(t.wait("Alice@Example.test", "10.0.0." + i)).isZero();
            t.failed("Alice@Example.test", "10.0.0." + i);
        }
        assertThat(t.wait("alice@example.test", "10.9.9.9")).isEqualTo(SignInThrottle.WINDOW);
        assertThat(t.wait("bob@example.test", "10.9.9.9")).isZero();

        clock.now = clock.now.plus(SignInThrottle.WINDOW).plusSeconds(1);
        assertThat(t.wait("alice@example.test", "10.9.9.9")).isZero();
    }

    @Test
    void oneAddressIsRefusedAfterTooManyFailuresOnAnyLogins() {
        SignInThrottle t = new SignInThrottle(new ManualClock());
        for (int i = 0; i < SignInThrottle.PER_IP; i++) t.failed("user" + i, "10.1.1.1");
        assertThat(t.wait("someone-new", "10.1.1.1")).isPositive();
        assertThat(t.wait("someone-new", "10.1.1.2")).isZero();
    }

    @Test
    void aSuccessClearsTheLoginsFailures() {
        SignInThrottle t = new SignInThrottle(new ManualClock());
        for (int i = 0; i < SignInThrottle.PER_LOGIN - 1; i++) t.failed("carol", "10.0.0.1");
        t.succeeded("carol");
        for (int i = 0; i < SignInThrottle.PER_LOGIN - 1; i++) t.failed("carol", "10.0.0.2");
        assertThat(t.wait("carol", "10.0.0.3")).isEqualTo(Duration.ZERO);
    }
}
