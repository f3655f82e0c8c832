package social.atoll.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * A closed-loop HTTP load generator: {@code concurrency} virtual threads send requests back to back for a fixed
 * time and record each latency. Reports throughput and latency percentiles.
 */
final class LoadRunner {

    /** Results of one run. */
    record Result(String name, long requests, long errors, double seconds, long bytesPerResponse, long[] sortedNanos, long cpuNanos) {
        double perSecond() { return requests / seconds; }

        /**
         * CPU time of the whole process (server and load generator) per request while this row was measured: on a
         * shared machine it moves far less than the wall-clock rate does.
         */
        double cpuMicrosPerRequest() { return requests == 0 ? Double.NaN : cpuNanos / 1e3 / requests; }

        double percentileMs(double p) {
            if (sortedNanos.length == 0) return Double.NaN;
            int i = (int) Math.min(sortedNanos.length - 1, Math.round(p / 100.0 * (sortedNanos.length - 1)));
            return sortedNanos[i] / 1e6;
        }

        String line() {
            return String.format("%-28s %9.0f req/s   p50 %7.2f ms   p99 %7.2f ms   %,d requests, %d errors, %,d bytes/response",
                    name, perSecond(), percentileMs(50), percentileMs(99), requests, errors, bytesPerResponse);
        }
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newVirtualThreadPerTaskExecutor()).build();

    /**
     * Runs {@code requestFor.apply(i)} (i counts requests per worker) from {@code concurrency} workers for
     * {@code warmup} (not recorded) and then {@code duration}.
     */
    Result run(String name, int concurrency, Duration warmup, Duration duration, IntFunction<HttpRequest> requestFor) throws Exception {
        drive(concurrency, warmup, requestFor, null, new AtomicLong(), new AtomicLong());
        List<long[]> perWorker = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        long start = System.nanoTime();
        long cpuStart = processCpuNanos();
        drive(concurrency, duration, requestFor, perWorker, errors, bytes);
        long cpu = processCpuNanos() - cpuStart;
        double seconds = (System.nanoTime() - start) / 1e9;
        long total = perWorker.stream().mapToLong(a -> a[0]).sum();
        long[] all = new long[(int) total];
        int k = 0;
        for (long[] w : perWorker) {
            System.arraycopy(w, 1, all, k, (int) w[0]);
            k += (int) w[0];
        }
        Arrays.sort(all);
        return new Result(name, total, errors.get(), seconds, total == 0 ? 0 : bytes.get() / Math.max(1, total), all, cpu);
    }

    private static long processCpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    private void drive(int concurrency, Duration time, IntFunction<HttpRequest> requestFor, List<long[]> out,
                       AtomicLong errors, AtomicLong bytes) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        List<long[]> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<long[]>> futures = new ArrayList<>();
            for (int w = 0; w < concurrency; w++) {
                futures.add(pool.submit(() -> {
                    long[] lat = new long[1 << 16];
                    int n = 0;
                    int i = 0;
                    while (!stop.get()) {
                        HttpRequest req = requestFor.apply(i++);
                        long t0 = System.nanoTime();
                        HttpResponse<byte[]> r = client.send(req, HttpResponse.BodyHandlers.ofByteArray());
                        long dt = System.nanoTime() - t0;
                        if (r.statusCode() != 200) {
                            errors.incrementAndGet();
                            continue;
                        }
                        bytes.addAndGet(r.body().length);
                        if (n + 2 > lat.length) lat = Arrays.copyOf(lat, lat.length * 2);
                        lat[1 + n++] = dt;
                    }
                    lat[0] = n;
                    return lat;
                }));
            }
            Thread.sleep(time.toMillis());
            stop.set(true);
            for (var f : futures) results.add(f.get());
        }
        if (out != null) out.addAll(results);
    }

    /** A browser's GET: the sign-in cookie and Accept: text/html. */
    static HttpRequest page(String url, String sessionCookie) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().header("Accept", "text/html")
                .header("Cookie", social.atoll.server.Cookies.SESSION + "=" + sessionCookie).build();
    }

    static HttpRequest get(String url, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        if (token != null) b.header("Authorization", "Bearer " + token);
        return b.build();
    }
}
