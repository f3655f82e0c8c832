package social.atoll.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import social.atoll.Atoll;

/**
 * What an admin waits for and what an idle server costs, measured as a user meets them: every figure comes from
 * separate processes started through the {@code ./atoll} launcher next to the jar, with its defaults (JVM options,
 * class-data archive, {@code ATOLL_MEMORY}). The machine may be shared, so each figure is the median of several runs.
 *
 * <ul>
 *   <li>{@code start}: from launching {@code ./atoll serve} on an existing data directory to the first 200 from
 *   {@code /health/ready}; target 2 s.
 *   <li>{@code cli}: {@code ./atoll admin accounts list} on a database with a few accounts, and {@code ./atoll
 *   version}; target 1.5 s.
 *   <li>{@code memory}: resident memory of {@code ./atoll serve} after start and after some minutes of light use
 *   (every 6 s: three API reads — home and public timelines, instance — and two pages; a post every 30 s); target
 *   150 MB.
 * </ul>
 */
public final class StartupBench {

    /** {@code launcher}: the {@code atoll} script to start; null finds the one next to the running jar. */
    public record Options(int runs, Duration lightUse, Path launcher) {}

    private static final double START_TARGET_S = 2.0;
    private static final double CLI_TARGET_S = 1.5;
    private static final double MEMORY_TARGET_MB = 150;

    private StartupBench() {}

    /** A reported figure (seconds, or MB for memory), the median CPU seconds beside it (NaN: not measured), and its target. */
    public record Figure(String what, double value, double cpuSeconds, double target) {
        public double ratio() { return value / target; }
    }

    public static Figure start(Options o) throws Exception {
        Path launcher = launcher(o);
        Path dir = Files.createTempDirectory("atoll-bench-start");
        System.out.printf("launcher: %s; data dir: %s; %d runs%n", launcher, dir, o.runs());
        // an existing data dir: migrated once, as by an earlier start
        exec(launcher, dir, "db", "migrate", "--data-dir", dir.toString());
        // the first start after a build also writes the class-data archive at its exit: shown, not counted
        double[] first = startToReady(launcher, dir);
        System.out.printf("first start after a build: %.2f s (writes the class-data archive at exit; not counted)%n", first[0]);
        List<Double> times = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        for (int i = 0; i < o.runs(); i++) {
            double[] run = startToReady(launcher, dir);
            times.add(run[0]);
            cpu.add(run[1]);
        }
        return report("serve → /health/ready", times, cpu, START_TARGET_S);
    }

    /** The figures of {@code admin accounts list} and of {@code version}, in that order. */
    public static List<Figure> cli(Options o) throws Exception {
        Path launcher = launcher(o);
        Path dir = Files.createTempDirectory("atoll-bench-cli");
        System.out.printf("launcher: %s; data dir: %s; %d runs%n", launcher, dir, o.runs());
        exec(launcher, dir, "db", "migrate", "--data-dir", dir.toString());
        List<Figure> figures = new ArrayList<>();
        for (String name : List.of("alice", "bob", "carol")) {
            exec(launcher, dir, "admin", "accounts", "create", name, "--email", name + "@example.test", "--data-dir", dir.toString());
        }
        for (List<String> command : List.of(List.of("admin", "accounts", "list", "--data-dir", dir.toString()), List.of("version"))) {
            exec(launcher, dir, command.toArray(String[]::new)); // the first run after a build writes the class-data archive
            List<Double> times = new ArrayList<>();
            List<Double> cpu = new ArrayList<>();
            for (int i = 0; i < o.runs(); i++) {
                double cpu0 = childrenCpuSeconds();
                long t0 = System.nanoTime();
                exec(launcher, dir, command.toArray(String[]::new));
                times.add((System.nanoTime() - t0) / 1e9);
                cpu.add(childrenCpuSeconds() - cpu0);
            }
            figures.add(report("./atoll " + String.join(" ", command.subList(0, Math.min(3, command.size()))), times, cpu, CLI_TARGET_S));
        }
        return figures;
    }

    public static Figure memory(Options o) throws Exception {
        Path launcher = launcher(o);
        Path dir = Files.createTempDirectory("atoll-bench-memory");
        System.out.printf("launcher: %s; data dir: %s; light use for %s%n", launcher, dir, o.lightUse());
        exec(launcher, dir, "db", "migrate", "--data-dir", dir.toString());
        exec(launcher, dir, "admin", "accounts", "create", "alice", "--email", "alice@example.test", "--data-dir", dir.toString());
        String token = exec(launcher, dir, "admin", "accounts", "token", "alice", "--data-dir", dir.toString()).trim();
        int port = freePort();
        Process server = serve(launcher, dir, port);
        try {
            String base = "http://127.0.0.1:" + port;
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            awaitReady(http, base, server);
            Thread.sleep(2000);
            long afterStart = rssKb(server.pid());
            System.out.printf("RSS after start: %.1f MB%n", afterStart / 1024.0);
            long end = System.nanoTime() + o.lightUse().toNanos();
            long peak = afterStart;
            int round = 0;
            int requests = 0;
            while (System.nanoTime() < end) {
                if (round % 5 == 0) {
                    requests += send(http, HttpRequest.newBuilder(URI.create(base + "/api/v1/statuses"))
                            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"status\":\"light use " + round + "\"}")));
                }
                for (String path : List.of("/api/v1/timelines/home", "/api/v1/timelines/public", "/api/v1/instance")) {
                    requests += send(http, HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token).GET());
                }
                for (String path : List.of("/@alice", "/about")) requests += send(http, HttpRequest.newBuilder(URI.create(base + path)).GET());
                peak = Math.max(peak, rssKb(server.pid()));
                round++;
                if (round % 10 == 0) System.out.printf("  %d requests, RSS %.1f MB%n", requests, rssKb(server.pid()) / 1024.0);
                // every 6 s: about 50 requests a minute, under the default API rate limit (300 per 5 minutes)
                Thread.sleep(6000);
            }
            Thread.sleep(2000);
            long idle = rssKb(server.pid());
            System.out.printf("RSS after %s of light use (%d requests), idle: %.1f MB (peak seen %.1f MB)%n", o.lightUse(), requests,
                    idle / 1024.0, peak / 1024.0);
            System.out.printf("idle RSS: %.1f MB, target %.0f MB: ratio %.2f (≤ 1 meets it)%n", idle / 1024.0, MEMORY_TARGET_MB,
                    idle / 1024.0 / MEMORY_TARGET_MB);
            return new Figure("idle RSS, MB", idle / 1024.0, Double.NaN, MEMORY_TARGET_MB);
        } finally {
            stop(server);
        }
    }

    private static int send(HttpClient http, HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() >= 400) throw new IllegalStateException(r.request().uri() + " answered " + r.statusCode());
        return 1;
    }

    /**
     * The median wall time against the target, and the median CPU time beside it: on a shared machine the wall time
     * depends on everyone else's load, the CPU time much less (on an idle 2-core machine the wall time is about the
     * CPU time divided by the cores the process keeps busy).
     */
    private static Figure report(String what, List<Double> seconds, List<Double> cpuSeconds, double target) {
        List<Double> sorted = seconds.stream().sorted().toList();
        double median = median(seconds);
        System.out.printf("%s: median %.2f s (min %.2f, max %.2f, %d runs; CPU %.2f s), target %.1f s: ratio %.2f (≤ 1 meets it)%n", what,
                median, sorted.getFirst(), sorted.getLast(), sorted.size(), median(cpuSeconds), target, median / target);
        return new Figure(what, median, median(cpuSeconds), target);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2) : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
    }

    /**
     * Seconds from launching the server to its first 200 on {@code /health/ready}, and the CPU seconds the process
     * (launcher script, then the JVM it becomes) used by then; stops it again.
     */
    private static double[] startToReady(Path launcher, Path dir) throws Exception {
        int port = freePort();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long t0 = System.nanoTime();
        Process server = serve(launcher, dir, port);
        try {
            awaitReady(http, "http://127.0.0.1:" + port, server);
            double wall = (System.nanoTime() - t0) / 1e9;
            return new double[] {wall, cpuSeconds(server.pid(), false)};
        } finally {
            stop(server);
        }
    }

    /** User + system CPU seconds of a process (its own, or of its waited-for children), from /proc (100 ticks a second). */
    static double cpuSeconds(long pid, boolean children) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        int first = children ? 13 : 11; // utime, stime are fields 14 and 15; cutime, cstime 16 and 17
        return (Long.parseLong(f[first]) + Long.parseLong(f[first + 1])) / 100.0;
    }

    private static double childrenCpuSeconds() throws IOException { return cpuSeconds(ProcessHandle.current().pid(), true); }

    private static Process serve(Path launcher, Path dir, int port) throws IOException {
        return new ProcessBuilder(launcher.toString(), "serve", "--data-dir", dir.toString(), "--port", Integer.toString(port),
                "--domain", "localhost:" + port).redirectErrorStream(true).redirectOutput(dir.resolve("serve.log").toFile()).start();
    }

    private static void awaitReady(HttpClient http, String base, Process server) throws Exception {
        HttpRequest ready = HttpRequest.newBuilder(URI.create(base + "/health/ready")).timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) throw new IllegalStateException("the server exited with " + server.exitValue() + "; see its serve.log");
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return;
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("not ready within 120 s");
    }

    private static void stop(Process server) throws InterruptedException {
        server.destroy(); // SIGTERM: the server's shutdown hook runs, as under systemd
        if (!server.waitFor(60, TimeUnit.SECONDS)) server.destroyForcibly().waitFor();
    }

    /** Runs one launcher command to its end and returns its stdout; fails on a non-zero exit. */
    private static String exec(Path launcher, Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(launcher.toString());
        command.addAll(List.of(args));
        Path err = Files.createTempFile(dir, "cmd", ".err");
        Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = p.waitFor();
        if (code != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + code + ": " + Files.readString(err));
        }
        Files.deleteIfExists(err);
        return out;
    }

    /** VmRSS of a process (Linux /proc), in KB. */
    static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
        throw new IllegalStateException("no VmRSS for process " + pid);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The {@code atoll} script of the checkout the running jar was built in ({@code <root>/target/atoll.jar}). */
    static Path launcher(Options o) {
        if (o.launcher() != null) return o.launcher().toAbsolutePath();
        try {
            Path jar = Path.of(Atoll.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path script = jar.getParent() == null || jar.getParent().getParent() == null ? null : jar.getParent().getParent().resolve("atoll");
            if (script != null && Files.isExecutable(script)) return script;
        } catch (URISyntaxException | RuntimeException e) {
            // fall through
        }
        Path here = Path.of("atoll").toAbsolutePath();
        if (Files.isExecutable(here)) return here;
        throw new IllegalStateException("cannot find the ./atoll launcher next to the jar; give it with --launcher");
    }

}
