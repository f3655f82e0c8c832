package social.atoll.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Atoll's {@code serve} in a process of its own, on a data dir and database a test prepared, so that a test can
 * kill it the way a power cut or the OOM killer does ({@code kill -9}) and start it again. The child runs the same
 * classes as the test, with the settings given as its environment, and writes its log to {@code child-N.log} in the
 * data dir.
 */
public final class ChildAtoll implements AutoCloseable {

    private static int started;
    private final Process process;
    private final String baseUrl;

    private ChildAtoll(Process process, String baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
    }

    /** Starts {@code atoll serve} with {@code flags} as its {@code ATOLL_*} environment and waits until it is ready. */
    public static ChildAtoll start(Path dataDir, Map<String, String> flags) {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        int n;
        synchronized (ChildAtoll.class) {
            n = ++started;
        }
        var builder = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"), "social.atoll.Atoll", "serve")
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("child-" + n + ".log").toFile());
        builder.environment().putAll(flags);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChildAtoll child = new ChildAtoll(process, "http://127.0.0.1:" + flags.get("ATOLL_PORT"));
        HttpClient client = HttpClient.newHttpClient();
        Await.until("the child server is ready (log: " + dataDir.resolve("child-" + n + ".log") + ")", Duration.ofSeconds(90), () -> {
            if (!process.isAlive()) throw new AssertionError("the child server exited with " + process.exitValue() + ", see its log in " + dataDir);
            try {
                return client.send(HttpRequest.newBuilder(URI.create(child.baseUrl + "/health/ready")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
        return child;
    }

    public String baseUrl() { return baseUrl; }

    /** SIGKILL: no shutdown hook, no flush, no goodbye. */
    public void kill() {
        process.destroyForcibly();
        waitForExit();
    }

    /** SIGTERM: the server's own orderly shutdown. */
    @Override
    public void close() {
        if (!process.isAlive()) return;
        process.destroy();
        waitForExit();
    }

    private void waitForExit() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
