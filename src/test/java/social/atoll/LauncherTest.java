package social.atoll;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code ./atoll} launcher's JVM options, as its dry run prints them (it prints the java command instead of
 * running it, and never builds): {@code ATOLL_MEMORY} sizes the heap and metaspace, a bad value stops it with one
 * line, and each kind of command gets its profile.
 */
class LauncherTest {

    record Run(int code, String out, String err) {
        List<String> args() { return Arrays.asList(out.trim().split(" +")); }
    }

    private static Run launch(Map<String, String> env, String... args) throws IOException, InterruptedException {
        return launch(Path.of("atoll"), env, args);
    }

    private static Run launch(Path script, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("bash", script.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> e = pb.environment();
        e.remove("ATOLL_MEMORY");
        e.remove("ATOLL_JAVA_OPTS");
        e.remove("ATOLL_CDS");
        e.put("ATOLL_LAUNCHER_DRY_RUN", "1");
        e.putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), out, err);
    }

    private static Map<String, String> memory(String value) {
        Map<String, String> m = new HashMap<>();
        m.put("ATOLL_MEMORY", value);
        return m;
    }

    @Test
    void atollMemorySizesTheHeapAndMetaspace() throws Exception {
        Run def = launch(Map.of(), "serve");
        assertThat(def.code()).as(def.err()).isZero();
        assertThat(def.args()).contains("-Xmx614m", "-XX:MaxMetaspaceSize=256m", "-XX:+UseSerialGC", "-Xms16m");

        assertThat(launch(memory("512m"), "serve").args()).contains("-Xmx307m", "-XX:MaxMetaspaceSize=128m");
        assertThat(launch(memory("2G"), "serve").args()).contains("-Xmx1228m", "-XX:MaxMetaspaceSize=256m");
        assertThat(launch(memory("1.5g"), "serve").args()).contains("-Xmx921m");
        assertThat(launch(memory("768"), "serve").args()).as("a bare number is megabytes").contains("-Xmx460m", "-XX:MaxMetaspaceSize=192m");
        assertThat(launch(memory(" 1024MB "), "serve").args()).contains("-Xmx614m");
    }

    @Test
    void aBadAtollMemoryStopsWithOneLine() throws Exception {
        for (String bad : List.of("lots", "1t", "-1g", "100m")) {
            Run r = launch(memory(bad), "serve");
            assertThat(r.code()).as(bad).isEqualTo(2);
            assertThat(r.out()).as(bad).isEmpty();
            assertThat(r.err().lines().toList()).as(bad).singleElement().asString().startsWith("atoll: ATOLL_MEMORY: ");
        }
    }

    @Test
    void shortCommandsCompileWithC1OnlyAndTheServerDoesNot() throws Exception {
        assertThat(launch(Map.of(), "admin", "accounts", "list").args()).contains("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
        assertThat(launch(Map.of(), "version").args()).contains("-XX:TieredStopAtLevel=1");
        assertThat(launch(Map.of(), "serve").args()).doesNotContain("-XX:TieredStopAtLevel=1");
    }

    @Test
    void benchmarksKeepTheJvmDefaultsUnlessAtollMemoryIsSet() throws Exception {
        List<String> bench = launch(Map.of(), "bench").args();
        assertThat(bench).noneMatch(a -> a.startsWith("-Xmx") || a.startsWith("-XX:"));
        assertThat(launch(memory("4g"), "bench").args()).contains("-Xmx2457m").doesNotContain("-XX:+UseSerialGC");
    }

    @Test
    void javaOptionsComeLastSoTheyWin() throws Exception {
        List<String> args = launch(Map.of("ATOLL_JAVA_OPTS", "-Xmx2g -XX:+UseG1GC"), "serve").args();
        assertThat(args.indexOf("-Xmx2g")).isGreaterThan(args.indexOf("-Xmx614m"));
        assertThat(args.indexOf("-XX:+UseG1GC")).isGreaterThan(args.indexOf("-XX:+UseSerialGC"));
        assertThat(args.subList(args.indexOf("-jar"), args.size())).endsWith("serve");
    }

    @Test
    void theClassDataArchiveCanBeTurnedOff() throws Exception {
        assertThat(launch(Map.of(), "admin", "accounts", "list").args()).anyMatch(a -> a.startsWith("-XX:SharedArchiveFile=") && a.endsWith("atoll-admin.jsa"));
        for (String cmd : List.of("serve", "admin")) {
            assertThat(launch(Map.of("ATOLL_CDS", "off"), cmd).args()).as(cmd)
                    .noneMatch(a -> a.startsWith("-XX:SharedArchiveFile=") || a.startsWith("-XX:AOTCache"));
        }
    }

    /** A copy of the launcher beside a {@code target/atoll.jar} of its own, so the test decides what the directory holds. */
    private static Path checkout(Path dir) throws IOException {
        java.nio.file.Files.createDirectories(dir.resolve("target"));
        java.nio.file.Files.copy(Path.of("atoll"), dir.resolve("atoll"));
        java.nio.file.Files.writeString(dir.resolve("target/atoll.jar"), "not run: dry run");
        return dir.resolve("atoll");
    }

    /** A JDK the launcher takes for one of {@code version} (a release file, and java and javac that do nothing). */
    private static Path fakeJdk(Path dir, String version) throws IOException {
        java.nio.file.Files.createDirectories(dir.resolve("bin"));
        for (String tool : List.of("java", "javac")) {
            Path t = java.nio.file.Files.writeString(dir.resolve("bin").resolve(tool), "#!/bin/sh\nexit 0\n");
            t.toFile().setExecutable(true);
        }
        java.nio.file.Files.writeString(dir.resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"" + version + "\"\n");
        return dir;
    }

    @Test
    void onJdk25TheServerMakesAnAotCacheAtItsFirstStartAndMapsItLater(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path script = checkout(dir.resolve("checkout"));
        Path jar = dir.resolve("checkout/target/atoll.jar");
        Map<String, String> jdk25 = Map.of("JAVA_HOME", fakeJdk(dir.resolve("jdk-25"), "25.0.1").toString());
        Run first = launch(script, jdk25, "serve");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).startsWith(dir.resolve("jdk-25/bin/java").toString());
        String output = first.args().stream().filter(a -> a.startsWith("-XX:AOTCacheOutput=")).findFirst().orElseThrow();
        Path cache = Path.of(output.substring("-XX:AOTCacheOutput=".length()));
        assertThat(cache).isEqualTo(dir.resolve("checkout/target/atoll-server-25.0.1.aot"));
        assertThat(first.args()).noneMatch(a -> a.startsWith("-XX:SharedArchiveFile=") || a.equals("-XX:+AutoCreateSharedArchive"));

        // help is no training run
        assertThat(launch(script, jdk25, "serve", "--help").args()).noneMatch(a -> a.startsWith("-XX:AOTCache"));

        // the training run wrote it: later starts map it
        java.nio.file.Files.writeString(cache, "cache");
        java.nio.file.Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        assertThat(launch(script, jdk25, "serve").args()).contains("-XX:AOTCache=" + cache).noneMatch(a -> a.startsWith("-XX:AOTCacheOutput="));

        // a jar built after it: the next start trains again and overwrites it
        java.nio.file.Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        assertThat(launch(script, jdk25, "serve").args()).contains(output).noneMatch(a -> a.startsWith("-XX:AOTCache="));

        // short commands keep their AppCDS archives
        assertThat(launch(script, jdk25, "version").args()).noneMatch(a -> a.startsWith("-XX:AOTCache"))
                .contains("-XX:+AutoCreateSharedArchive");
    }

    @Test
    void onJdk21To24TheServerKeepsTheAppCdsArchive(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path script = checkout(dir.resolve("checkout"));
        Path jdk = fakeJdk(dir.resolve("jdk-24"), "24.0.2");
        Run r = launch(script, Map.of("JAVA_HOME", jdk.toString()), "serve");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith(jdk.resolve("bin/java").toString());
        assertThat(r.args()).contains("-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + dir.resolve("checkout/target/atoll-server.jsa"))
                .contains("-XX:TrimNativeHeapInterval=10000")
                .noneMatch(a -> a.startsWith("-XX:AOTCache"));

        // JDK 21 has no TrimNativeHeapInterval (21.0.0): a JVM given an option it does not know refuses to start
        java.nio.file.Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"21.0.5\"\n");
        Run jdk21 = launch(script, Map.of("JAVA_HOME", jdk.toString()), "serve");
        assertThat(jdk21.args()).contains("-XX:SharedArchiveFile=" + dir.resolve("checkout/target/atoll-server.jsa"))
                .noneMatch(a -> a.startsWith("-XX:TrimNativeHeapInterval"));
    }

    @Test
    void theServerGivesFreedNativeMemoryBackAndShortCommandsDoNotBother(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Map<String, String> jdk25 = Map.of("JAVA_HOME", fakeJdk(dir.resolve("jdk-25"), "25.0.1").toString());
        assertThat(launch(jdk25, "serve").args()).contains("-XX:TrimNativeHeapInterval=10000");
        assertThat(launch(jdk25, "admin", "accounts", "list").args()).noneMatch(a -> a.startsWith("-XX:TrimNativeHeapInterval"));
    }
}
