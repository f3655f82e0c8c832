package social.atoll.infra.jobs;

import java.time.Instant;

/** A job that failed for good, kept in {@code dead_jobs} for an admin to inspect. */
public record DeadJob(long id, String taskName, String taskInstance, String payload, int failures, String lastError,
                      Instant enqueuedAt, Instant diedAt) {}
