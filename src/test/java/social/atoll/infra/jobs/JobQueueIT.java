package social.atoll.infra.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import social.atoll.App;
import social.atoll.testing.Await;
import social.atoll.testing.TestDatabases;
import social.atoll.testing.TestInstance;

/** The durable job queue in a real instance, on SQLite and PostgreSQL. */
class JobQueueIT {

    record Work(String key) {}

    static final JobType<Work> WORK = new JobType<>("test.work", Work.class, 3, Duration.ofMillis(50), Duration.ofSeconds(1), Duration.ofDays(1));
    static final JobType<Work> FAILING = new JobType<>("test.failing", Work.class, 3, Duration.ofMillis(50), Duration.ofSeconds(1), Duration.ofDays(1));
    static final JobType<Work> DOOMED = new JobType<>("test.doomed", Work.class, 5, Duration.ofMillis(50), Duration.ofSeconds(1), Duration.ofDays(1));

    /** Runs per job key, across restarts of the instance (the handlers of every App count here). */
    private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    /** When each attempt of a failing job started (System.nanoTime). */
    private final Map<String, List<Long>> attempts = new ConcurrentHashMap<>();

    /** Registers the test job types on an App before its workers start. */
    private void setup(App app) {
        app.infra.db.write(h -> {
            h.execute("CREATE TABLE IF NOT EXISTS job_test_data (name TEXT PRIMARY KEY)");
            h.execute("CREATE TABLE IF NOT EXISTS job_test_effects (job_key TEXT PRIMARY KEY)");
            return null;
        });
        app.infra.jobs.register(WORK, w -> {
            runs.computeIfAbsent(w.key(), k -> new AtomicInteger()).incrementAndGet();
            // The effect is keyed by the job, so running it twice would still leave one row: the handler is idempotent.
            app.infra.db.write(h -> h.createUpdate("INSERT INTO job_test_effects (job_key) VALUES (:k) ON CONFLICT (job_key) DO NOTHING")
                    .bind("k", w.key()).execute());
        });
        app.infra.jobs.register(FAILING, w -> {
            attempts.computeIfAbsent(w.key(), k -> new CopyOnWriteArrayList<>()).add(System.nanoTime());
            throw new IOException("remote said no to " + w.key());
        });
        app.infra.jobs.register(DOOMED, w -> {
            runs.computeIfAbsent(w.key(), k -> new AtomicInteger()).incrementAndGet();
            throw new PermanentJobFailure("the target is gone");
        });
    }

    private int runs(String key) { return runs.getOrDefault(key, new AtomicInteger()).get(); }

    private static boolean effect(TestInstance atoll, String key) {
        return atoll.app().infra.db.read(h -> h.createQuery("SELECT COUNT(*) FROM job_test_effects WHERE job_key = :k")
                .bind("k", key).mapTo(Integer.class).one()) > 0;
    }

    private static boolean data(TestInstance atoll, String name) {
        return atoll.app().infra.db.read(h -> h.createQuery("SELECT COUNT(*) FROM job_test_data WHERE name = :n")
                .bind("n", name).mapTo(Integer.class).one()) > 0;
    }

    private static boolean enqueueWithData(TestInstance atoll, String dataName, String key) {
        return atoll.app().infra.db.write(h -> {
            h.createUpdate("INSERT INTO job_test_data (name) VALUES (:n)").bind("n", dataName).execute();
            return atoll.app().infra.jobs.enqueue(WORK, key, new Work(key));
        });
    }

    private static Optional<DeadJob> dead(TestInstance atoll, JobType<?> type, String key) {
        return atoll.app().infra.jobs.deadJobs(100).stream().filter(d -> d.taskName().equals(type.name()) && d.taskInstance().equals(key)).findFirst();
    }

    @Test
    void aJobCommittedWithItsDataSurvivesARestartAndRunsOnce() {
        // No workers in the first instance: the job can only be stored, as if the process died right after the commit.
        TestInstance first = TestInstance.start(Map.of("ATOLL_ROLE", "web"), this::setup);
        assertThat(enqueueWithData(first, "row-a", "survivor")).isTrue();
        assertThat(first.app().infra.jobs.pendingCounts()).containsEntry("test.work", 1);
        assertThat(runs("survivor")).isZero();

        try (TestInstance second = first.restart(Map.of("ATOLL_ROLE", "all"), this::setup)) {
            Await.until("the job ran after the restart", () -> effect(second, "survivor"));
            Await.until("the finished job left the queue", () -> !second.app().infra.jobs.pendingCounts().containsKey("test.work"));
            assertThat(runs("survivor")).isEqualTo(1);
            assertThat(data(second, "row-a")).isTrue();
        }
    }

    @Test
    void aJobWhoseTransactionRollsBackNeverRuns() {
        try (TestInstance atoll = TestInstance.start(Map.of(), this::setup)) {
            assertThatThrownBy(() -> atoll.app().infra.db.write(h -> {
                h.createUpdate("INSERT INTO job_test_data (name) VALUES ('rolled')").execute();
                atoll.app().infra.jobs.enqueue(WORK, "rolled-back", new Work("rolled-back"));
                throw new IllegalStateException("the caller changed its mind");
            })).hasMessage("the caller changed its mind");
            assertThat(atoll.app().infra.jobs.pendingCounts()).doesNotContainKey("test.work");

            // The queue keeps working; a job committed afterwards runs, the rolled-back one never does.
            enqueueWithData(atoll, "kept", "after");
            Await.until("the committed job ran", () -> effect(atoll, "after"));
            assertThat(runs("rolled-back")).isZero();
            assertThat(effect(atoll, "rolled-back")).isFalse();
            assertThat(data(atoll, "rolled")).isFalse();
            assertThat(data(atoll, "kept")).isTrue();
        }
    }

    @Test
    void aFailingJobIsRetriedWithGrowingDelaysThenBuried() {
        try (TestInstance atoll = TestInstance.start(Map.of(), this::setup)) {
            atoll.app().infra.db.write(h -> atoll.app().infra.jobs.enqueue(FAILING, "flaky", new Work("flaky")));
            Await.until("the job is dead", () -> dead(atoll, FAILING, "flaky").isPresent());

            DeadJob d = dead(atoll, FAILING, "flaky").orElseThrow();
            assertThat(d.failures()).isEqualTo(3);
            assertThat(d.lastError()).contains("remote said no to flaky");
            assertThat(d.payload()).contains("\"key\":\"flaky\"");
            // buried first, then removed from the queue by db-scheduler (a crash between keeps the job, not loses it)
            Await.until("the dead job leaves the queue", () -> !atoll.app().infra.jobs.pendingCounts().containsKey("test.failing"));

            List<Long> starts = attempts.get("flaky");
            assertThat(starts).hasSize(3);
            // Each retry waits at least its back-off: 50 ms after the first failure, 100 ms after the second.
            assertThat(TimeUnit.NANOSECONDS.toMillis(starts.get(1) - starts.get(0))).isGreaterThanOrEqualTo(FAILING.retryDelay(1).toMillis());
            assertThat(TimeUnit.NANOSECONDS.toMillis(starts.get(2) - starts.get(1))).isGreaterThanOrEqualTo(FAILING.retryDelay(2).toMillis());
        }
    }

    @Test
    void aPermanentFailureIsBuriedAtOnce() {
        try (TestInstance atoll = TestInstance.start(Map.of(), this::setup)) {
            atoll.app().infra.db.write(h -> atoll.app().infra.jobs.enqueue(DOOMED, "gone", new Work("gone")));
            Await.until("the job is dead", () -> dead(atoll, DOOMED, "gone").isPresent());
            DeadJob d = dead(atoll, DOOMED, "gone").orElseThrow();
            assertThat(d.failures()).isEqualTo(1);
            assertThat(d.lastError()).contains("the target is gone");
            assertThat(runs("gone")).isEqualTo(1);
            assertThat(atoll.app().infra.jobs.pendingCounts()).doesNotContainKey("test.doomed");
        }
    }

    @Test
    void theSameKeyEnqueuedTwiceWhilePendingRunsOnce() {
        TestInstance first = TestInstance.start(Map.of("ATOLL_ROLE", "web"), this::setup);
        var jobs = first.app().infra.jobs;
        boolean firstTime = first.app().infra.db.write(h -> jobs.enqueue(WORK, "once", new Work("once")));
        boolean secondTime = first.app().infra.db.write(h -> jobs.enqueue(WORK, "once", new Work("once")));
        assertThat(firstTime).isTrue();
        assertThat(secondTime).isFalse();
        // Twice in one transaction, too.
        List<Boolean> inOne = first.app().infra.db.write(h -> List.of(jobs.enqueue(WORK, "twice-in-one", new Work("twice-in-one")),
                jobs.enqueue(WORK, "twice-in-one", new Work("twice-in-one"))));
        assertThat(inOne).containsExactly(true, false);
        assertThat(jobs.pendingCounts()).containsEntry("test.work", 2);

        try (TestInstance second = first.restart(Map.of("ATOLL_ROLE", "all"), this::setup)) {
            Await.until("both jobs ran", () -> effect(second, "once") && effect(second, "twice-in-one"));
            Await.until("the queue is empty", () -> !second.app().infra.jobs.pendingCounts().containsKey("test.work"));
            assertThat(runs("once")).isEqualTo(1);
            assertThat(runs("twice-in-one")).isEqualTo(1);

            // Once it has run, the key may be used again.
            boolean again = second.app().infra.db.write(h -> second.app().infra.jobs.enqueue(WORK, "once", new Work("once")));
            assertThat(again).isTrue();
            Await.until("the job ran again", () -> runs("once") == 2);
        }
    }

    @Test
    void twoTransactionsRacingForOneKeyBothCommit() throws Exception {
        try (TestInstance atoll = TestInstance.start(Map.of("ATOLL_ROLE", "web"), this::setup)) {
            CountDownLatch firstEnqueued = new CountDownLatch(1);
            CountDownLatch releaseFirst = new CountDownLatch(1);
            Thread first = new Thread(() -> atoll.app().infra.db.write(h -> {
                h.createUpdate("INSERT INTO job_test_data (name) VALUES ('first')").execute();
                atoll.app().infra.jobs.enqueue(WORK, "raced", new Work("raced"));
                firstEnqueued.countDown();
                try {
                    releaseFirst.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }));
            first.start();
            assertThat(firstEnqueued.await(30, TimeUnit.SECONDS)).isTrue();

            AtomicReference<Object> secondResult = new AtomicReference<>();
            Thread second = new Thread(() -> {
                try {
                    secondResult.set(enqueueWithData(atoll, "second", "raced"));
                } catch (RuntimeException e) {
                    secondResult.set(e);
                }
            });
            second.start();
            // Let the second transaction run into the first one's uncommitted job before that commits.
            if (TestDatabases.postgres()) {
                Await.until("the second insert waits for the first transaction", () -> atoll.app().infra.db.read(h -> h.createQuery(
                        "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()")
                        .mapTo(Integer.class).one()) > 0);
            } else {
                Await.until("the second transaction waits for the writer", () -> second.getState() == Thread.State.TIMED_WAITING
                        || second.getState() == Thread.State.WAITING);
            }
            releaseFirst.countDown();
            first.join(30_000);
            second.join(30_000);

            assertThat(secondResult.get()).isEqualTo(false);
            assertThat(data(atoll, "first")).isTrue();
            assertThat(data(atoll, "second")).isTrue();
            assertThat(atoll.app().infra.jobs.pendingCounts()).containsEntry("test.work", 1);
        }
    }

    /**
     * Two nodes on one database (two processes on one SQLite file, or two cluster nodes on one PostgreSQL) claim due
     * jobs in batches at the same time: every job runs, and none is handed to both.
     */
    @Test
    void twoNodesClaimingInBatchesNeverRunOneJobTwice() {
        try (TestInstance first = TestInstance.start(Map.of("ATOLL_ROLE", "web"), this::setup);
             TestInstance second = TestInstance.start(Map.of("ATOLL_ROLE", "worker", "ATOLL_DB_URL", first.settings().dbUrl()), this::setup)) {
            int n = 300;
            // stored together while only the second node works, then the first node's workers join in
            first.app().infra.jobs.enqueueAll(WORK, java.util.stream.IntStream.range(0, n).boxed()
                    .collect(java.util.stream.Collectors.toMap(i -> "batch-" + i, i -> new Work("batch-" + i))));
            first.app().startWorkers();
            Await.until("every job ran", () -> first.app().infra.db.read(h -> h.createQuery(
                    "SELECT COUNT(*) FROM job_test_effects WHERE job_key LIKE 'batch-%'").mapTo(Integer.class).one()) == n);
            Await.until("the queue is empty", () -> !first.app().infra.jobs.pendingCounts().containsKey("test.work"));
            for (int i = 0; i < n; i++) assertThat(runs("batch-" + i)).as("runs of batch-" + i).isEqualTo(1);
        }
    }

    /**
     * A process killed after claiming a batch and before recording the outcomes (kill -9): the claimed jobs are
     * neither lost nor left waiting for heartbeats to time out; the next start runs each of them once.
     */
    @Test
    void jobsClaimedByAKilledProcessRunOnceAfterTheRestart() throws Exception {
        TestInstance first = TestInstance.start(Map.of("ATOLL_ROLE", "web"), this::setup);
        int n = 40;
        first.app().infra.jobs.enqueueAll(WORK, java.util.stream.IntStream.range(0, n).boxed()
                .collect(java.util.stream.Collectors.toMap(i -> "claimed-" + i, i -> new Work("claimed-" + i))));
        // the state a batch claim leaves behind: picked by a worker of this host whose process is gone
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        String self = java.lang.management.ManagementFactory.getRuntimeMXBean().getName();
        String owner = gone.pid() + self.substring(self.indexOf('@')) + "-1";
        int claimed = first.app().infra.db.write(h -> h.createUpdate("""
                        UPDATE scheduled_tasks SET picked = :picked, picked_by = :owner, last_heartbeat = execution_time, version = version + 1
                        WHERE task_name = 'test.work'""").bind("picked", true).bind("owner", owner).execute());
        assertThat(claimed).isEqualTo(n);

        try (TestInstance second = first.restart(Map.of("ATOLL_ROLE", "all"), this::setup)) {
            Await.until("every claimed job ran", () -> second.app().infra.db.read(h -> h.createQuery(
                    "SELECT COUNT(*) FROM job_test_effects WHERE job_key LIKE 'claimed-%'").mapTo(Integer.class).one()) == n);
            Await.until("the queue is empty", () -> !second.app().infra.jobs.pendingCounts().containsKey("test.work"));
            for (int i = 0; i < n; i++) assertThat(runs("claimed-" + i)).as("runs of claimed-" + i).isEqualTo(1);
        }
    }
}
