package social.atoll.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import social.atoll.App;
import social.atoll.config.Settings;
import social.atoll.config.SettingsLoader;
import social.atoll.core.account.NewLocalAccount;
import social.atoll.core.account.User;
import social.atoll.core.auth.Scopes;

/**
 * One workload — posting by {@code concurrency} accounts, home-timeline reads, deliveries to loopback inboxes that
 * verify every signature — run on three set-ups in turn: one all-in-one node on SQLite, one all-in-one node on
 * PostgreSQL, and two {@code web} nodes plus one {@code worker} node on the same PostgreSQL (cluster mode: the nodes
 * share the database, jobs are claimed with {@code FOR UPDATE SKIP LOCKED}, streaming events cross nodes over
 * {@code LISTEN/NOTIFY}). All nodes are {@link App}s in this JVM on their own loopback ports, sharing one data dir
 * (as a cluster shares its secrets and media store); HTTP load is spread evenly over the web nodes.
 *
 * <p>Each step's wall time is printed with the CPU seconds this JVM and the PostgreSQL server spent in it, since
 * every node, the load generator, the inbox sinks and PostgreSQL share the same cores.
 */
public final class ClusterBench {

    /** Parameters of one run; {@code dbUrl} is an EMPTY PostgreSQL database, wiped between and after the set-ups. */
    public record Options(String dbUrl, int statuses, int authors, int following, int concurrency, Duration warmup,
                          Duration duration, int inboxes, int posts, boolean sqlite, int webNodes, boolean clusterFirst) {}

    /** A step's wall time and the CPU time spent meanwhile by this JVM and by the database server (NaN: unknown). */
    public record Cost(double wallSeconds, double jvmCpuSeconds, double dbCpuSeconds) {
        String describe() {
            return String.format(Locale.ROOT, "wall %.1f s, CPU: JVM %.1f s, PostgreSQL %s", wallSeconds, jvmCpuSeconds,
                    Double.isNaN(dbCpuSeconds) ? "n/a" : String.format(Locale.ROOT, "%.1f s", dbCpuSeconds));
        }
    }

    /** The figures of one set-up. */
    public record Figures(String name, int accounts, int statuses, double postsPerSecond, double postP99Ms, Cost posting,
                          double homePerSecond, double homeP99Ms, Cost home, double deliveriesPerSecond, double signingPerSecond,
                          Cost delivery, int deliveries) {
        /**
         * CPU milliseconds (this JVM and PostgreSQL) per operation: the cost that does not depend on how much of the
         * shared cores the run got. A load step's operations are its rate times its wall time (warm-up included, as
         * in the CPU figure); a delivery's share includes the step's raw-signing loop and the warm-up post.
         */
        double cpuMsPer(Cost c, double operations) { return (c.jvmCpuSeconds() + nanToZero(c.dbCpuSeconds())) * 1000 / operations; }
    }

    private ClusterBench() {}

    public static List<Figures> run(Options o) throws Exception {
        PrintStream out = System.out;
        quietAccessLog();
        out.printf(Locale.ROOT, "workload: %,d statuses by %,d accounts, reader follows %d; posting and home reads by %d clients, "
                        + "%s warm-up and %s measured each; %d posts delivered to %d signature-verifying loopback inboxes%n",
                o.statuses(), o.authors(), o.following(), o.concurrency(), o.warmup(), o.duration(), o.posts(), o.inboxes());
        out.printf("%d cores seen by the JVM; load average at start: %s%n", Runtime.getRuntime().availableProcessors(), loadAverage());
        List<Figures> all = new ArrayList<>();
        if (o.sqlite()) all.add(measure(o, "SQLite, 1 node", null, 1, false, out));
        if (o.dbUrl() != null) {
            requireEmpty(o.dbUrl());
            try {
                // every set-up runs in this JVM, so a later one finds the JIT warmer: --cluster-first swaps the order to
                // show how much of a difference is that (the table keeps the one node before the cluster)
                String cluster = "PostgreSQL, " + o.webNodes() + " web + 1 worker";
                if (o.clusterFirst()) {
                    Figures c = measure(o, cluster, o.dbUrl(), o.webNodes(), true, out);
                    wipe(o.dbUrl());
                    all.add(measure(o, "PostgreSQL, 1 node", o.dbUrl(), 1, false, out));
                    all.add(c);
                } else {
                    all.add(measure(o, "PostgreSQL, 1 node", o.dbUrl(), 1, false, out));
                    wipe(o.dbUrl());
                    all.add(measure(o, cluster, o.dbUrl(), o.webNodes(), true, out));
                }
            } finally {
                wipe(o.dbUrl());
            }
        }
        printTable(all, out);
        out.printf("load average at end: %s%n", loadAverage());
        return all;
    }

    /** Seeds a fresh database through the first node, starts the set-up and runs the workload on it. */
    private static Figures measure(Options o, String name, String dbUrl, int webNodes, boolean separateWorker, PrintStream out) throws Exception {
        out.printf("%n== %s (load average %s)%n", name, loadAverage());
        Path dir = Files.createTempDirectory("atoll-bench-cluster");
        List<App> nodes = new ArrayList<>();
        try {
            int firstPort = freePort();
            App first = new App(settings(dir, firstPort, firstPort, dbUrl, separateWorker ? "web" : "all"));
            nodes.add(first);
            long t0 = System.nanoTime();
            var seeded = new TimelineSeeder(first).seed(o.authors(), o.statuses(), o.following());
            List<String> posters = posters(first, o.concurrency());
            int accounts = first.infra.db.read(h -> h.createQuery("SELECT COUNT(*) FROM accounts").mapTo(Integer.class).one());
            out.printf(Locale.ROOT, "seeded %,d accounts and %,d statuses (%.1f s)%n", accounts, o.statuses(), (System.nanoTime() - t0) / 1e9);

            List<App> web = new ArrayList<>(List.of(first));
            for (int i = 1; i < webNodes; i++) {
                int port = freePort();
                App node = new App(settings(dir, port, firstPort, dbUrl, "web"));
                nodes.add(node);
                web.add(node);
            }
            if (separateWorker) nodes.add(new App(settings(dir, freePort(), firstPort, dbUrl, "worker")));
            for (App node : nodes) {
                if (node.settings.role().worker()) node.startWorkers();
                if (node.settings.role().web()) node.startWeb();
            }
            List<String> bases = web.stream().map(a -> "http://127.0.0.1:" + a.port()).toList();
            out.printf("nodes: %s%n", String.join(", ", nodes.stream().map(a -> a.settings.role().name().toLowerCase(Locale.ROOT)
                    + (a.port() > 0 ? " :" + a.port() : "")).toList()));
            DbCpu dbCpu = DbCpu.of(first);
            pgStatementsReset(dbUrl);

            LoadRunner load = new LoadRunner();
            AtomicInteger clients = new AtomicInteger();
            ThreadLocal<Integer> client = ThreadLocal.withInitial(clients::getAndIncrement);
            Meter m = new Meter(dbCpu);
            LoadRunner.Result posting = load.run("posting, " + o.concurrency() + " accounts", o.concurrency(), o.warmup(), o.duration(), i -> {
                int c = client.get();
                return HttpRequest.newBuilder(URI.create(bases.get((c + i) % bases.size()) + "/api/v1/statuses")).timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + posters.get(c % posters.size())).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"status\": \"cluster bench post " + c + "/" + i
                                + ", a few words as a person would write them\", \"visibility\": \"public\"}")).build();
            });
            Cost postingCost = m.stop();
            out.println(posting.line() + "   " + postingCost.describe());

            m = new Meter(dbCpu);
            LoadRunner.Result home = load.run("home timeline, first page", o.concurrency(), o.warmup(), o.duration(),
                    i -> LoadRunner.get(bases.get((client.get() + i) % bases.size()) + "/api/v1/timelines/home?limit=20", seeded.readerToken()));
            Cost homeCost = m.stop();
            out.println(home.line() + "   " + homeCost.describe());

            InboundBench.awaitQuietQueue(first);
            m = new Meter(dbCpu);
            DeliveryBench.Result delivery = DeliveryBench.run(first, o.inboxes(), o.posts(), 500, out);
            Cost deliveryCost = m.stop();
            out.printf("delivery step (posts on %s, jobs run by %s): %s%n", first.settings.role().name().toLowerCase(Locale.ROOT),
                    separateWorker ? "the worker node" : "the same node", deliveryCost.describe());
            pgStatementsTop(dbUrl, out);
            return new Figures(name, accounts, o.statuses(), posting.perSecond(), posting.percentileMs(99), postingCost,
                    home.perSecond(), home.percentileMs(99), homeCost, delivery.deliveries().perSecond(), delivery.signing().perSecond(), deliveryCost,
                    o.inboxes() * (o.posts() + 1));
        } finally {
            for (int i = nodes.size() - 1; i >= 0; i--) nodes.get(i).close();
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void printTable(List<Figures> all, PrintStream out) {
        if (all.isEmpty()) return;
        out.println();
        StringBuilder header = new StringBuilder(String.format("%-32s", ""));
        for (Figures f : all) header.append(String.format("%30s", f.name()));
        boolean ratio = all.size() >= 2 && all.getLast().name().endsWith("worker");
        if (ratio) header.append(String.format("%16s", "cluster/1 node"));
        out.println(header);
        row(out, "accounts seeded (users held)", all, f -> (double) f.accounts(), "%,.0f", ratio);
        row(out, "statuses in the database", all, f -> (double) f.statuses(), "%,.0f", ratio);
        row(out, "posting, statuses/s", all, Figures::postsPerSecond, "%,.0f", ratio);
        row(out, "posting, p99 ms", all, Figures::postP99Ms, "%,.1f", ratio);
        row(out, "  CPU s (JVM + PostgreSQL)", all, f -> f.posting().jvmCpuSeconds() + nanToZero(f.posting().dbCpuSeconds()), "%,.1f", ratio);
        row(out, "  CPU ms per post", all, f -> f.cpuMsPer(f.posting(), f.postsPerSecond() * f.posting().wallSeconds()), "%,.1f", ratio);
        row(out, "home reads/s", all, Figures::homePerSecond, "%,.0f", ratio);
        row(out, "home, p99 ms", all, Figures::homeP99Ms, "%,.1f", ratio);
        row(out, "  CPU s (JVM + PostgreSQL)", all, f -> f.home().jvmCpuSeconds() + nanToZero(f.home().dbCpuSeconds()), "%,.1f", ratio);
        row(out, "  CPU ms per read", all, f -> f.cpuMsPer(f.home(), f.homePerSecond() * f.home().wallSeconds()), "%,.2f", ratio);
        row(out, "deliveries/s (verified)", all, Figures::deliveriesPerSecond, "%,.0f", ratio);
        row(out, "  raw signing/s, 1 thread", all, Figures::signingPerSecond, "%,.0f", ratio);
        row(out, "  CPU s (JVM + PostgreSQL)", all, f -> f.delivery().jvmCpuSeconds() + nanToZero(f.delivery().dbCpuSeconds()), "%,.1f", ratio);
        row(out, "  CPU ms per delivery", all, f -> f.cpuMsPer(f.delivery(), f.deliveries()), "%,.2f", ratio);
        if (ratio) out.println("(cluster/1 node compares the last two columns: PostgreSQL with two web nodes and a worker over one all-in-one node)");
    }

    private static double nanToZero(double d) { return Double.isNaN(d) ? 0 : d; }

    private static void row(PrintStream out, String label, List<Figures> all, java.util.function.ToDoubleFunction<Figures> value,
                            String format, boolean ratio) {
        StringBuilder line = new StringBuilder(String.format("%-32s", label));
        for (Figures f : all) line.append(String.format(Locale.ROOT, "%30s", String.format(Locale.ROOT, format, value.applyAsDouble(f))));
        if (ratio) {
            double one = value.applyAsDouble(all.get(all.size() - 2));
            double cluster = value.applyAsDouble(all.get(all.size() - 1));
            line.append(String.format(Locale.ROOT, "%16s", one == 0 ? "-" : String.format(Locale.ROOT, "%.2f", cluster / one)));
        }
        out.println(line);
    }

    /** {@code concurrency} local accounts with a write token each: one account per posting client, as on a real server. */
    static List<String> posters(App app, int n) {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            User u = app.core.accountService.createLocal(new NewLocalAccount("poster" + i, "poster" + i + "@bench.test", "bench-password",
                    User.Role.USER, true, true, "en", null, null), true);
            tokens.add(app.core.tokens.issue(app.core.oauth.adminCliApp().id(), u.accountId(), Scopes.parse("read write")).token());
        }
        return tokens;
    }

    /** A node's settings: every node has the cluster's public domain (the first node's address) and its own port. */
    private static Settings settings(Path dir, int port, int publicPort, String dbUrl, String role) {
        Map<String, String> flags = new HashMap<>();
        flags.put("ATOLL_PORT", Integer.toString(port));
        flags.put("ATOLL_DOMAIN", "localhost:" + publicPort);
        flags.put("ATOLL_DATA_DIR", dir.toString());
        flags.put("ATOLL_BIND", "127.0.0.1");
        flags.put("ATOLL_RATE_LIMIT", "off");
        flags.put("ATOLL_ALLOW_PRIVATE_ADDRESSES", "true");
        flags.put("ATOLL_ROLE", role);
        if (dbUrl != null) flags.put("ATOLL_DB_URL", dbUrl);
        return new SettingsLoader(flags, Map.of(), null).load();
    }

    static void quietAccessLog() {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("atoll.access")).setLevel(ch.qos.logback.classic.Level.WARN);
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static int freePort() throws IOException {
        try (var s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    // --- CPU accounting -------------------------------------------------------------------------------------------

    static double jvmCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    /** Measures one step: wall time, this JVM's CPU time and the database server's. */
    private static final class Meter {
        private final DbCpu db;
        private final long wall = System.nanoTime();
        private final double jvm = jvmCpuSeconds();
        private final double dbStart;

        Meter(DbCpu db) {
            this.db = db;
            this.dbStart = db.seconds();
        }

        Cost stop() { return new Cost((System.nanoTime() - wall) / 1e9, jvmCpuSeconds() - jvm, db.seconds() - dbStart); }
    }

    /**
     * CPU seconds of a PostgreSQL server on this machine: its postmaster's own and reaped children's time plus that of
     * its live backends, from /proc. Found through a backend's pid; unknown (NaN) on SQLite or a server elsewhere.
     */
    private record DbCpu(long postmaster) {
        static DbCpu of(App app) {
            if (!app.settings.isPostgres()) return new DbCpu(-1);
            try {
                int backend = app.infra.db.read(h -> h.createQuery("SELECT pg_backend_pid()").mapTo(Integer.class).one());
                return new DbCpu(ProcessHandle.of(backend).flatMap(ProcessHandle::parent).map(ProcessHandle::pid).orElse(-1L));
            } catch (RuntimeException e) {
                return new DbCpu(-1);
            }
        }

        double seconds() {
            if (postmaster < 0) return Double.NaN;
            try {
                double s = StartupBench.cpuSeconds(postmaster, false) + StartupBench.cpuSeconds(postmaster, true);
                for (ProcessHandle child : ProcessHandle.of(postmaster).map(p -> p.children().toList()).orElse(List.of())) {
                    try {
                        s += StartupBench.cpuSeconds(child.pid(), false);
                    } catch (IOException gone) {
                        // exited meanwhile: its time is now in the postmaster's reaped-children figure
                    }
                }
                return s;
            } catch (IOException | RuntimeException e) {
                return Double.NaN;
            }
        }
    }

    // --- PostgreSQL housekeeping ----------------------------------------------------------------------------------

    private static Connection connect(String dbUrl) throws SQLException {
        Settings s = settings(Path.of(System.getProperty("java.io.tmpdir")), 1, 1, dbUrl, "all");
        Properties p = new Properties();
        if (s.dbUser() != null) p.setProperty("user", s.dbUser());
        if (s.dbPassword() != null) p.setProperty("password", s.dbPassword());
        return DriverManager.getConnection(s.dbUrl(), p);
    }

    static void requireEmpty(String dbUrl) throws SQLException {
        try (Connection c = connect(dbUrl); Statement st = c.createStatement();
             ResultSet r = st.executeQuery("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")) {
            r.next();
            if (r.getInt(1) > 0) throw new IllegalStateException("the database at --db-url is not empty; the bench wipes it between set-ups, so give it an empty one");
        }
    }

    /** Drops everything the previous set-up created, so that the next one starts from the same empty database. */
    static void wipe(String dbUrl) throws SQLException {
        try (Connection c = connect(dbUrl); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA public CASCADE");
            st.execute("CREATE SCHEMA public");
        }
    }

    /** Clears pg_stat_statements when the server loads it (shared_preload_libraries), so the top list is this set-up's. */
    private static void pgStatementsReset(String dbUrl) {
        if (dbUrl == null) return;
        try (Connection c = connect(dbUrl); Statement st = c.createStatement()) {
            st.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            st.execute("SELECT pg_stat_statements_reset()");
        } catch (SQLException e) {
            // not loaded on this server: the top list is left out
        }
    }

    /** The statements that took the server's time during the workload, from pg_stat_statements when available. */
    private static void pgStatementsTop(String dbUrl, PrintStream out) {
        if (dbUrl == null) return;
        try (Connection c = connect(dbUrl); Statement st = c.createStatement();
             ResultSet r = st.executeQuery("""
                     SELECT calls, total_exec_time, mean_exec_time, regexp_replace(query, '\\s+', ' ', 'g') AS q
                     FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
                     ORDER BY total_exec_time DESC LIMIT 12""")) {
            out.println("PostgreSQL time by statement during the workload (pg_stat_statements, top 12):");
            out.printf("%9s %11s %9s  %s%n", "calls", "total ms", "mean ms", "statement");
            while (r.next()) {
                String q = r.getString(4);
                out.printf(Locale.ROOT, "%,9d %,11.0f %9.3f  %s%n", r.getLong(1), r.getDouble(2), r.getDouble(3), q.length() > 150 ? q.substring(0, 150) + "…" : q);
            }
            try (ResultSet t = st.executeQuery("""
                    SELECT COALESCE(SUM(calls), 0), COALESCE(SUM(total_exec_time), 0),
                      COALESCE(SUM(calls) FILTER (WHERE query ILIKE '%pg_notify%'), 0),
                      COALESCE(SUM(total_exec_time) FILTER (WHERE query ILIKE '%pg_notify%'), 0),
                      COALESCE(SUM(total_exec_time) FILTER (WHERE query ILIKE '%scheduled_tasks%'), 0)
                    FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())""")) {
                t.next();
                out.printf(Locale.ROOT, "all statements: %,d calls, %,.0f ms; of which pg_notify (streaming signals) %,d calls, %,.0f ms; "
                        + "the job table (scheduled_tasks) %,.0f ms%n", t.getLong(1), t.getDouble(2), t.getLong(3), t.getDouble(4), t.getDouble(5));
            }
        } catch (SQLException e) {
            out.println("(pg_stat_statements is not loaded on this server: no per-statement figures)");
        }
    }
}
