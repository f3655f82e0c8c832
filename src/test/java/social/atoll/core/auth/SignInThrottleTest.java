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
        void pass(Duration d) { now = now.plus(d); }
    }

    @Test
    void fiveFailuresInFiveMinutesWaitAMinuteThenEachFurtherFailureDoublesTheWaitUpToAnHour() {
        ManualClock clock = new ManualClock();
        SignInThrottle t = new SignInThrottle(clock);
        for (int i = 0; i < 4; i++) {
            t.failed("Alice@Example.test", "10.0.0." + i);
            clock.pass(Duration.ofSeconds(30));
        }
        assertThat(t.wait("alice@example.test", "10.9.9.9")).as("four failures are allowed").isZero();
        t.failed("alice@example.test", "10.0.0.5");
        assertThat(t.wait("alice@example.test", "10.9.9.9")).as("from any address").isEqualTo(Duration.ofMinutes(1));
        assertThat(t.wait("bob@example.test", "10.9.9.9")).as("someone else").isZero();

        long[] expected = {2, 4, 8, 16, 32, 60, 60};
        for (long minutes : expected) {
            Duration left = t.wait("alice@example.test", "10.9.9.9");
            clock.pass(left);
            assertThat(t.wait("alice@example.test", "10.9.9.9")).isZero();
            t.failed("alice@example.test", "10.0.0.1");
            assertThat(t.wait("alice@example.test", "10.9.9.9")).isEqualTo(Duration.ofMinutes(minutes));
        }
    }

    @Test
    void failuresSpreadWiderThanTheWindowNeverWait() {
        ManualClock clock = new ManualClock();
        SignInThrottle t = new SignInThrottle(clock);
        for (int i = 0; i < 20; i++) {
            t.failed("dora", "10.0.0.1");
            assertThat(t.wait("dora", "10.0.0.1")).isZero();
            clock.pass(Duration.ofSeconds(75)); // four per five minutes
        }
    }

    @Test
    void aDayWithoutFailuresStartsAfresh() {
        ManualClock clock = new ManualClock();
        SignInThrottle t = new SignInThrottle(clock);
        for (int i = 0; i < 5; i++) t.failed("erin", "10.0.0." + i);
        clock.pass(Duration.ofMinutes(1));
        t.failed("erin", "10.0.0.9");
        assertThat(t.wait("erin", "10.0.0.9")).isEqualTo(Duration.ofMinutes(2));

        clock.pass(Duration.ofDays(1).plusMinutes(3));
        t.failed("erin", "10.0.0.9");
        assertThat(t.wait("erin", "10.0.0.9")).as("one failure after a quiet day").isZero();
    }

    @Test
    void oneAddressWaitsAfterTwentyFailuresOnAnyLoginsAndItsWaitGrowsToo() {
        ManualClock clock = new ManualClock();
        SignInThrottle t = new SignInThrottle(clock);
        for (int i = 0; i < SignInThrottle.PER_IP; i++) t.failed("user" + i, "10.1.1.1");
        assertThat(t.wait("someone-new", "10.1.1.1")).isEqualTo(Duration.ofMinutes(1));
        assertThat(t.wait("someone-new", "10.1.1.2")).isZero();
        clock.pass(Duration.ofMinutes(1));
        t.failed("yet-another", "10.1.1.1");
        assertThat(t.wait("someone-new", "10.1.1.1")).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void aSuccessClearsTheLoginsFailuresButNotTheAddresss() {
        ManualClock clock = new ManualClock();
        SignInThrottle t = new SignInThrottle(clock);
        for (int i = 0; i < SignInThrottle.PER_LOGIN - 1; i++) t.failed("carol", "10.0.0.1");
        t.succeeded("carol");
        for (int i = 0; i < SignInThrottle.PER_LOGIN - 1; i++) t.failed("carol", "10.0.0.2");
        assertThat(t.wait("carol", "10.0.0.3")).isEqualTo(Duration.ZERO);

        for (int i = 0; i < SignInThrottle.PER_LOGIN; i++) t.failed("frank", "10.0.0.4");
        clock.pass(Duration.ofMinutes(1));
        t.succeeded("frank");
        t.failed("frank", "10.0.0.4");
        assertThat(t.wait("frank", "10.0.0.5")).as("the growth starts over after a success").isZero();
    }

    @Test
    void theWaitDoublesFromOneMinuteAndStopsAtAnHour() {
        assertThat(SignInThrottle.waitAfter(0)).isEqualTo(Duration.ofMinutes(1));
        assertThat(SignInThrottle.waitAfter(3)).isEqualTo(Duration.ofMinutes(8));
        assertThat(SignInThrottle.waitAfter(6)).isEqualTo(Duration.ofHours(1));
        assertThat(SignInThrottle.waitAfter(63)).isEqualTo(Duration.ofHours(1));
    }
}
