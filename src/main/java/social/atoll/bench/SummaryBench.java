package social.atoll.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Every row of the performance table (issue 16) in one run, each by the bench that measures it, with short
 * defaults: the measured value, the ceiling it is divided by (measured in the same run where it is a rate), the
 * ratio, the target and whether it is met. The benches print their own detail as they go; the table comes last.
 */
public final class SummaryBench {

    /** The rows, in the table's order; {@code --rows} picks some of them by these names. */
    public static final List<String> ROWS = List.of("home", "posting", "streaming", "delivery", "inbound", "start", "cli", "memory", "media");

    /** Parameters; {@code dbUrl} (optional) is an EMPTY PostgreSQL database for the in-process rows, wiped between them. */
    public record Options(Set<String> rows, int seconds, int statuses, int streams, int rounds, int runs, double memoryMinutes,
                          int mediaIterations, String dbUrl, Path launcher) {}

    /**
     * One line of the table. {@code higherIsBetter}: a rate that must reach {@code target} × its ceiling; otherwise a
     * time or size whose ratio to the ceiling must stay at or under {@code target}.
     */
    public record Row(String what, String measured, String ceiling, double ratio, boolean higherIsBetter, double target, String note) {
        public boolean met() { return higherIsBetter ? ratio >= target : ratio <= target; }

        String targetText() { return (higherIsBetter ? "≥ " : "≤ ") + String.format(Locale.ROOT, "%.2f", target); }
    }

    private SummaryBench() {}

    public static List<Row> run(Options o) throws Exception {
        PrintStream out = System.out;
        ClusterBench.quietAccessLog();
        Duration duration = Duration.ofSeconds(o.seconds());
        Duration warmup = Duration.ofSeconds(Math.max(1, o.seconds() / 3));
        out.printf("bench all: rows %s; %d s per load row; load average %s%n", String.join(", ", o.rows()), o.seconds(), ClusterBench.loadAverage());
        if (o.dbUrl() != null) ClusterBench.requireEmpty(o.dbUrl());
        List<Row> rows = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        double cpu0 = ClusterBench.jvmCpuSeconds();
        long wall0 = System.nanoTime();
        for (String row : o.rows()) {
            if (row.equals("inbound") && o.rows().contains("delivery")) continue; // the delivery row's federation run measured it
            out.printf("%n===== %s (load average %s)%n", row, ClusterBench.loadAverage());
            try {
                rows.addAll(measure(row, o, warmup, duration));
            } catch (Exception | AssertionError e) {
                out.printf("row %s failed: %s%n", row, e);
                failed.add(row);
            } finally {
                if (o.dbUrl() != null) ClusterBench.wipe(o.dbUrl());
            }
        }
        out.printf("%nsummary (%s; %d cores; load average at end %s; this JVM's CPU %.0f s over %.0f s wall; launcher rows' CPU is their own)%n",
                o.dbUrl() == null ? "SQLite" : "PostgreSQL", Runtime.getRuntime().availableProcessors(), ClusterBench.loadAverage(),
                ClusterBench.jvmCpuSeconds() - cpu0, (System.nanoTime() - wall0) / 1e9);
        out.printf("%-44s %18s %18s %8s %8s  %s%n", "row", "measured", "ceiling", "ratio", "target", "met");
        for (Row r : rows) {
            out.printf(Locale.ROOT, "%-44s %18s %18s %8.2f %8s  %s%s%n", r.what(), r.measured(), r.ceiling(), r.ratio(), r.targetText(),
                    r.met() ? "met" : "not met", r.note().isEmpty() ? "" : "  (" + r.note() + ")");
        }
        for (String f : failed) out.printf("%-44s %18s%n", f, "failed (see above)");
        return rows;
    }

    private static List<Row> measure(String row, Options o, Duration warmup, Duration duration) throws Exception {
        StartupBench.Options launched = new StartupBench.Options(o.runs(), Duration.ZERO, o.launcher());
        return switch (row) {
            case "home" -> {
                var r = HomeTimelineBench.run(new HomeTimelineBench.Options(o.statuses(), 1000, 200, 16, warmup, duration, o.dbUrl()));
                yield List.of(new Row(String.format(Locale.ROOT, "home timeline, %,d statuses, req/s", o.statuses()), rate(r.homePerSecond()),
                        rate(r.staticPerSecond()) + " static", r.ratio(), true, 0.5,
                        String.format(Locale.ROOT, "p99 %.0f ms, target < 50 ms%s", r.homeP99Ms(), r.homeP99Ms() < 50 ? "" : ": not met")));
            }
            case "posting" -> {
                var r = PostingBench.run(new PostingBench.Options(16, 10, warmup, duration, 2000, o.dbUrl()));
                yield List.of(new Row("posting, 16 clients, statuses/s", rate(r.statusesPerSecond()), rate(r.insertsPerSecond()) + " inserts", r.ratio(), true, 0.1,
                        "in process, not pinned to a core"));
            }
            case "streaming" -> {
                var r = StreamingBench.run(new StreamingBench.Options(o.streams(), o.rounds(), o.dbUrl()));
                yield List.of(new Row(String.format(Locale.ROOT, "post → last update, %,d streams, p99 ms", r.streams()),
                        String.format(Locale.ROOT, "%.0f ms", r.p99LastMs()), "1000 ms", r.p99LastMs() / 1000, false, 1.0,
                        r.streams() < 10_000 ? "target is at 10,000 streams (--streams)" : ""));
            }
            case "delivery", "inbound" -> {
                // one federation run gives both rows; when both are asked for, "delivery" measures them (run() skips "inbound")
                var r = FederationBench.run(new FederationBench.Options(200, 10, 2000, 3000, 5, 32, o.dbUrl(), false));
                List<Row> both = new ArrayList<>();
                if (o.rows().contains("delivery"))
                    both.add(new Row("deliveries/s, 200 verifying inboxes", rate(r.deliveriesPerSecond()), rate(r.signingPerSecond()) + " signs",
                            r.deliveryRatio(), true, 0.8, ""));
                if (o.rows().contains("inbound"))
                    both.add(new Row("inbound activities stored/s", rate(r.inboundPerSecond()), rate(r.insertsPerSecond()) + " inserts",
                            r.inboundRatio(), true, 0.5, ""));
                yield both;
            }
            case "start" -> {
                var f = StartupBench.start(launched);
                yield List.of(new Row("./atoll serve → /health/ready", seconds(f.value()), seconds(f.target()), f.ratio(), false, 1.0,
                        String.format(Locale.ROOT, "CPU %.2f s", f.cpuSeconds())));
            }
            case "cli" -> {
                var f = StartupBench.cli(launched).getFirst();
                yield List.of(new Row("./atoll admin accounts list", seconds(f.value()), seconds(f.target()), f.ratio(), false, 1.0,
                        String.format(Locale.ROOT, "CPU %.2f s", f.cpuSeconds())));
            }
            case "memory" -> {
                var f = StartupBench.memory(new StartupBench.Options(1, Duration.ofMillis(Math.round(o.memoryMinutes() * 60_000)), o.launcher()));
                yield List.of(new Row(String.format(Locale.ROOT, "idle RSS after %.1f min of light use", o.memoryMinutes()),
                        String.format(Locale.ROOT, "%.0f MB", f.value()), String.format(Locale.ROOT, "%.0f MB", f.target()), f.ratio(), false, 1.0,
                        o.memoryMinutes() < 10 ? "target is after 10 minutes (--memory-minutes)" : ""));
            }
            case "media" -> {
                var r = MediaBench.run(o.mediaIterations());
                yield List.of(new Row("media pipeline, 12 MP JPEG, ms/image", String.format(Locale.ROOT, "%.0f ms", r.atollMs()),
                        String.format(Locale.ROOT, "%.0f ms raw", r.rawMs()), r.ratio(), false, 1.3, ""));
            }
            default -> throw new IllegalArgumentException("unknown row " + row + "; rows: " + ROWS);
        };
    }

    private static String rate(double perSecond) { return String.format(Locale.ROOT, "%,.0f/s", perSecond); }

    private static String seconds(double s) { return String.format(Locale.ROOT, "%.2f s", s); }

    /** Parses {@code --rows}: names from {@link #ROWS}, comma-separated, kept in the table's order. */
    public static Set<String> rows(String spec) {
        if (spec == null || spec.isBlank() || spec.equals("all")) return new LinkedHashSet<>(ROWS);
        Set<String> asked = new LinkedHashSet<>();
        for (String s : spec.split(",")) {
            String name = s.trim().toLowerCase(Locale.ROOT);
            if (!ROWS.contains(name)) throw new IllegalArgumentException("unknown row '" + name + "'; rows: " + String.join(", ", ROWS));
            asked.add(name);
        }
        Set<String> ordered = new LinkedHashSet<>();
        for (String r : ROWS) if (asked.contains(r)) ordered.add(r);
        return ordered;
    }
}
