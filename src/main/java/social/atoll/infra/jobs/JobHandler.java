package social.atoll.infra.jobs;

/**
 * Runs one job. Handlers must be idempotent: a job may run again after a crash between its work and the removal
 * of its row. Throwing schedules a retry (see {@link JobType}); {@link PermanentJobFailure} skips the retries.
 */
@FunctionalInterface
public interface JobHandler<T> {
    void handle(T payload) throws Exception;
}
