package social.atoll.infra.jobs;

import java.time.Duration;

/**
 * A kind of background job: its name (stored with each job, so never rename one that has been deployed), the
 * type of its payload (serialized as JSON), how often it is retried and for how long.
 *
 * @param maxAttempts attempts before the job is declared dead (the first run counts)
 * @param baseDelay   delay before the first retry; each later retry waits twice as long, with jitter
 * @param maxDelay    upper bound of one retry delay
 * @param maxAge      a job older than this is not retried again
 */
public record JobType<T>(String name, Class<T> payloadType, int maxAttempts, Duration baseDelay, Duration maxDelay, Duration maxAge) {

    public JobType {
        if (!name.matches("[a-z][a-z0-9_.-]*")) throw new IllegalArgumentException("bad job name " + name);
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts < 1");
        if (baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0) throw new IllegalArgumentException("need 0 <= baseDelay <= maxDelay");
    }

    /** Delay before the retry that follows failed attempt number {@code attempt} (1-based), before jitter. */
    public Duration retryDelay(int attempt) {
        int doublings = Math.max(0, Math.min(attempt - 1, 30));
        long base = baseDelay.toMillis();
        long max = maxDelay.toMillis();
        long delay = base > (max >> doublings) ? max : base << doublings;
        return Duration.ofMillis(Math.min(delay, max));
    }

    /** A job retried a few times over minutes: local work that fails only on a transient problem. */
    public static <T> JobType<T> local(String name, Class<T> payloadType) {
        return new JobType<>(name, payloadType, 8, Duration.ofSeconds(5), Duration.ofMinutes(30), Duration.ofDays(1));
    }
}
