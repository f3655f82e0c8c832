package social.atoll.infra.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.jdbc.JdbcCustomization;
import com.github.kagkarlsson.scheduler.jdbc.PostgreSqlJdbcCustomization;
import com.github.kagkarlsson.scheduler.logging.LogLevel;
import com.github.kagkarlsson.scheduler.serializer.Serializer;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceNotFoundException;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.atoll.infra.db.Database;
import social.atoll.infra.db.Dialect;
import social.atoll.infra.ids.IdGenerator;

/**
 * The durable job queue: db-scheduler over Atoll's own database.
 *
 * <p>{@link #enqueue} writes the job row with the caller's write transaction, so a job and the data it acts on
 * commit (or vanish) together. Workers run on virtual threads. A failed job is retried with exponential
 * back-off and jitter until its type's attempt limit or maximum age, then moved to {@code dead_jobs}. Due jobs are
 * claimed in batches by one statement: on PostgreSQL several nodes claim with {@code FOR UPDATE SKIP LOCKED}; on
 * SQLite one process claims through the single writer ({@link SqliteBatchClaim}).
 */
public final class JobQueue implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JobQueue.class);

    /** What is stored in {@code task_data}: the payload as JSON and when the job was first enqueued. */
    public record Envelope(JsonNode payload, long enqueuedAt) {}

    private final Database db;
    private final ObjectMapper json;
    private final IdGenerator ids;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final Serializer serializer;
    private final JdbcCustomization jdbc;
    private final Map<String, OneTimeTask<Envelope>> tasks = new LinkedHashMap<>();
    private final Map<String, JobType<?>> types = new LinkedHashMap<>();
    private Duration pollingInterval = Duration.ofMillis(500);
    /** Volatile: enqueuing threads read it to wake the workers after their commit. */
    private volatile Scheduler scheduler;

    public JobQueue(Database db, ObjectMapper json, IdGenerator ids, Clock clock) { this(db, json, ids, clock, new SimpleMeterRegistry()); }

    /** {@code metrics} receives {@code atoll.jobs} (runs by type and outcome) and {@code atoll.jobs.duration}. */
    public JobQueue(Database db, ObjectMapper json, IdGenerator ids, Clock clock, MeterRegistry metrics) {
        this.db = db;
        this.json = json;
        this.ids = ids;
        this.clock = clock;
        this.metrics = metrics;
        this.serializer = new Serializer() {
            @Override
            public byte[] serialize(Object data) {
                try {
                    return json.writeValueAsBytes(data);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public <T> T deserialize(Class<T> type, byte[] bytes) {
                try {
                    return json.readValue(bytes, type);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        this.jdbc = db.dialect() == Dialect.POSTGRES ? new PostgreSqlJdbcCustomization(false, true) : new SqliteBatchClaim();
    }

    /** How often workers look for due jobs (jobs enqueued by this process are also picked up at once). */
    public void pollingInterval(Duration interval) { this.pollingInterval = interval; }

    /** Registers the handler of a job type; all types must be registered before {@link #start}. */
    public <T> void register(JobType<T> type, JobHandler<T> handler) {
        if (scheduler != null) throw new IllegalStateException("register job types before start()");
        if (tasks.containsKey(type.name())) throw new IllegalStateException("job type " + type.name() + " is registered twice");
        Counter succeeded = outcome(type, "succeeded");
        Timer duration = Timer.builder("atoll.jobs.duration").description("Time spent running jobs").tag("type", type.name()).register(metrics);
        OneTimeTask<Envelope> task = new OneTimeTask<>(type.name(), Envelope.class, new RetryPolicy(type)) {
            @Override
            public void executeOnce(TaskInstance<Envelope> instance, ExecutionContext ctx) {
                T payload;
                try {
                    payload = json.treeToValue(instance.getData().payload(), type.payloadType());
                } catch (IOException e) {
                    throw new PermanentJobFailure("payload does not parse as " + type.payloadType().getSimpleName(), e);
                }
                Timer.Sample sample = Timer.start(metrics);
                db.statements().begin();
                try {
                    handler.handle(payload);
                    succeeded.increment();
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new JobFailed(e);
                } finally {
                    db.statements().end("job " + type.name());
                    sample.stop(duration);
                }
            }
        };
        tasks.put(type.name(), task);
        types.put(type.name(), type);
    }

    private Counter outcome(JobType<?> type, String outcome) {
        return Counter.builder("atoll.jobs").description("Job runs by outcome").tag("type", type.name()).tag("outcome", outcome).register(metrics);
    }

    /** Starts the workers (on virtual threads). Without it, jobs are only stored. */
    public synchronized void start() {
        if (scheduler != null) return;
        releaseJobsOfDeadProcesses();
        var builder = Scheduler.create(db.writeDataSource(), new ArrayList<Task<?>>(tasks.values()))
                .serializer(serializer)
                .jdbcCustomization(jdbc)
                .schedulerName(new SchedulerName.Fixed(ManagementFactory.getRuntimeMXBean().getName() + "-" + ids.next()))
                .threads(16)
                .executorService(Executors.newVirtualThreadPerTaskExecutor())
                .pollingInterval(pollingInterval)
                .heartbeatInterval(Duration.ofSeconds(30))
                .shutdownMaxWait(Duration.ofSeconds(5))
                .deleteUnresolvedAfter(Duration.ofDays(7))
                // RetryPolicy logs each failure once, in its own words; the scheduler's copy with stack is for debugging.
                .failureLogging(LogLevel.DEBUG, true)
                .enableImmediateExecution();
        // due jobs are claimed in batches with one statement on both databases (SKIP LOCKED on PostgreSQL,
        // SqliteBatchClaim on SQLite), topped up when half the workers are free
        builder.pollUsingLockAndFetch(0.5, 1.0);
        scheduler = builder.build();
        scheduler.start();
    }

    /**
     * Hands back the jobs that a killed process on this machine had taken. db-scheduler notices a dead worker only
     * when its heartbeats have stopped for a few intervals (minutes), so after a {@code kill -9} or a power cut the
     * inbound activities and deliveries that were running would wait that long. A job's owner is named
     * {@code pid@host-n} ({@link #start}); when the host is this one and no process with that pid is alive, nobody
     * is running the job and it can go back to the queue at once. Jobs of live processes and of other machines
     * (cluster nodes) are left to the heartbeat rule.
     */
    private void releaseJobsOfDeadProcesses() {
        String self = ManagementFactory.getRuntimeMXBean().getName();
        String host = self.substring(self.indexOf('@') + 1);
        List<String> owners = db.read(h -> h.createQuery("SELECT DISTINCT picked_by FROM scheduled_tasks WHERE picked = :picked AND picked_by IS NOT NULL")
                .bind("picked", true).mapTo(String.class).list());
        for (String owner : owners) {
            int at = owner.indexOf('@');
            int dash = owner.lastIndexOf('-');
            if (at <= 0 || dash < at || !owner.substring(at + 1, dash).equals(host)) continue;
            long pid;
            try {
                pid = Long.parseLong(owner.substring(0, at));
            } catch (NumberFormatException e) {
                continue;
            }
            if (ProcessHandle.of(pid).isPresent()) continue;
            int released = db.write(h -> h.createUpdate("""
                    UPDATE scheduled_tasks SET picked = :notPicked, picked_by = NULL, last_heartbeat = NULL, version = version + 1
                    WHERE picked = :picked AND picked_by = :owner""")
                    .bind("notPicked", false).bind("picked", true).bind("owner", owner).execute());
            if (released > 0) log.info("{} job(s) taken by process {}, which is gone, are back in the queue", released, pid);
        }
    }

    /**
     * Stores a job in the current write transaction; it runs after the commit. {@code key} identifies the job
     * within its type: enqueuing the same key again while the first is pending does nothing.
     */
    public <T> boolean enqueue(JobType<T> type, String key, T payload) {
        return enqueueAt(type, key, payload, clock.instant());
    }

    /**
     * Like {@link #enqueue}, to run no earlier than {@code when}.
     *
     * <p>One statement, {@code INSERT … ON CONFLICT DO NOTHING} on the row db-scheduler reads (its own client checked
     * with a SELECT, then inserted under a savepoint: four statements per job, and a post to 200 servers enqueues 200
     * deliveries in its transaction). Two transactions may enqueue the same key at once: on PostgreSQL the second
     * insert then waits for the first and, once that commits, does nothing, without failing the caller's transaction.
     * Times and data are bound by db-scheduler's own {@link JdbcCustomization}, as its queries compare them.
     */
    public <T> boolean enqueueAt(JobType<T> type, String key, T payload, Instant when) {
        Handle h = db.currentHandle();
        byte[] data = serializer.serialize(new Envelope(json.valueToTree(payload), clock.millis()));
        db.statements().executed(); // plain JDBC bypasses the statement logger
        boolean added;
        try (PreparedStatement ps = h.getConnection().prepareStatement(INSERT_JOB)) {
            ps.setString(1, type.name());
            ps.setString(2, key);
            jdbc.setTaskData(ps, 3, data);
            jdbc.setInstant(ps, 4, when);
            ps.setBoolean(5, false);
            added = ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("could not enqueue " + type.name() + "/" + key, e);
        }
        if (added && scheduler != null && !when.isAfter(clock.instant())) db.afterCommit(scheduler::triggerCheckForDueExecutions);
        return added;
    }

    /** A new job row as db-scheduler writes one (version 1, not picked); an existing key is left alone. */
    private static final String INSERT_JOB = """
            INSERT INTO scheduled_tasks (task_name, task_instance, task_data, execution_time, picked, version)
            VALUES (?, ?, ?, ?, ?, 1) ON CONFLICT (task_name, task_instance) DO NOTHING""";

    /**
     * Brings a job that waits for a later time forward to now, in the current write transaction; false when no such
     * job waits (never enqueued, done, or already running).
     */
    public <T> boolean runNow(JobType<T> type, String key) {
        Handle h = db.currentHandle();
        SchedulerClient client = SchedulerClient.Builder.create(new BorrowedConnectionDataSource(h.getConnection()))
                .serializer(serializer)
                .jdbcCustomization(jdbc)
                .build();
        for (int i = 0; i < 2; i++) db.statements().executed(); // read, update: db-scheduler's JDBC bypasses the statement logger
        Instant now = clock.instant();
        boolean moved;
        try {
            moved = client.getScheduledExecution(TaskInstanceId.of(type.name(), key))
                    .filter(e -> e.getExecutionTime().isAfter(now) && !e.isPicked())
                    .map(e -> client.reschedule(TaskInstanceId.of(type.name(), key), now))
                    .orElse(false);
        } catch (TaskInstanceCurrentlyExecutingException | TaskInstanceNotFoundException e) {
            moved = false; // picked or finished between the read and the update
        }
        if (moved && scheduler != null) db.afterCommit(scheduler::triggerCheckForDueExecutions);
        return moved;
    }

    /**
     * {@link #enqueueAt} for callers that hold no transaction (a job scheduling its follow-up, a sweep): the job is
     * stored in a write transaction of its own, or in the caller's when there is one.
     */
    public <T> boolean enqueueAtInOwnTransaction(JobType<T> type, String key, T payload, Instant when) {
        return db.write(h -> enqueueAt(type, key, payload, when));
    }

    /** Several jobs of one type, by key, stored together: in the caller's transaction, or in one of their own. */
    public <T> void enqueueAll(JobType<T> type, Map<String, T> jobsByKey) {
        db.write(h -> {
            jobsByKey.forEach((key, payload) -> enqueue(type, key, payload));
            return null;
        });
    }

    /** Jobs waiting or running, by type name. */
    public Map<String, Integer> pendingCounts() {
        Map<String, Integer> out = new LinkedHashMap<>();
        db.read(h -> {
            h.createQuery("SELECT task_name, COUNT(*) AS n FROM scheduled_tasks GROUP BY task_name")
                    .map((rs, ctx) -> Map.entry(rs.getString("task_name"), rs.getInt("n")))
                    .forEach(e -> out.put(e.getKey(), e.getValue()));
            return null;
        });
        return out;
    }

    public List<DeadJob> deadJobs(int limit) {
        return db.read(h -> h.createQuery("SELECT * FROM dead_jobs ORDER BY id DESC LIMIT :limit")
                .bind("limit", limit)
                .map((rs, ctx) -> new DeadJob(rs.getLong("id"), rs.getString("task_name"), rs.getString("task_instance"),
                        rs.getString("payload"), rs.getInt("failures"), rs.getString("last_error"),
                        Instant.ofEpochMilli(rs.getLong("enqueued_at")), Instant.ofEpochMilli(rs.getLong("died_at"))))
                .list());
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.stop();
            scheduler = null;
        }
    }

    /** Exponential back-off with jitter, then the dead-job table. */
    private final class RetryPolicy implements FailureHandler<Envelope> {
        private final JobType<?> type;
        private final Counter retried;
        private final Counter dead;

        RetryPolicy(JobType<?> type) {
            this.type = type;
            this.retried = outcome(type, "retried");
            this.dead = outcome(type, "dead");
        }

        @Override
        public void onFailure(ExecutionComplete complete, ExecutionOperations<Envelope> ops) {
            var execution = complete.getExecution();
            int attempts = execution.consecutiveFailures + 1;
            Throwable cause = complete.getCause().orElse(null);
            Throwable root = cause instanceof JobFailed jf ? jf.getCause() : cause;
            @SuppressWarnings("unchecked")
            Envelope env = ((TaskInstance<Envelope>) execution.taskInstance).getData();
            Instant now = clock.instant();
            boolean tooOld = env != null && Instant.ofEpochMilli(env.enqueuedAt()).plus(type.maxAge()).isBefore(now);
            if (root instanceof PermanentJobFailure || attempts >= type.maxAttempts() || tooOld) {
                log.warn("job {}/{} is dead after {} attempt(s)", type.name(), execution.taskInstance.getId(), attempts, root);
                bury(execution.taskInstance.getId(), env, attempts, root);
                ops.remove();
                dead.increment();
                return;
            }
            long delay = type.retryDelay(attempts).toMillis();
            delay += ThreadLocalRandom.current().nextLong(Math.max(1, delay / 4) + 1); // spread retries out
            retried.increment();
            log.info("job {}/{} failed (attempt {}), retrying in {} ms: {}", type.name(), execution.taskInstance.getId(), attempts, delay, String.valueOf(root));
            ops.reschedule(complete, now.plusMillis(delay));
        }

        private void bury(String instanceId, Envelope env, int attempts, Throwable root) {
            String payload = env == null ? "null" : new String(serializer.serialize(env.payload()), StandardCharsets.UTF_8);
            String error = root == null ? null : root.toString();
            if (error != null && error.length() > 2000) error = error.substring(0, 2000);
            final String err = error;
            db.write(h -> h.createUpdate("""
                            INSERT INTO dead_jobs (id, task_name, task_instance, payload, failures, last_error, enqueued_at, died_at)
                            VALUES (:id, :name, :instance, :payload, :failures, :error, :enqueued, :died)
                            ON CONFLICT (task_name, task_instance) DO UPDATE SET payload = excluded.payload,
                              failures = excluded.failures, last_error = excluded.last_error, died_at = excluded.died_at""")
                    .bind("id", ids.next()).bind("name", type.name()).bind("instance", instanceId)
                    .bind("payload", payload).bind("failures", attempts).bind("error", err)
                    .bind("enqueued", env == null ? clock.millis() : env.enqueuedAt()).bind("died", clock.millis())
                    .execute());
        }
    }

    /** Wraps a checked exception from a handler so db-scheduler records it as a failure. */
    private static final class JobFailed extends RuntimeException {
        JobFailed(Throwable cause) { super(cause.toString(), cause); }
    }
}
