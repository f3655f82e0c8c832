package social.atoll;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import social.atoll.config.SettingsLoader;

/** The command line as an admin meets it: exit codes, one-line errors, help everywhere, scriptable output. */
class AtollCliTest {

    @TempDir
    Path dataDir;

    record Result(int code, String out, String err) {
        List<String> outLines() { return out.isBlank() ? List.of() : out.lines().toList(); }

        List<String> errLines() { return err.isBlank() ? List.of() : err.lines().filter(l -> !l.isBlank()).toList(); }
    }

    /** Runs the CLI with stdout and stderr captured. Logging goes to stderr; stdout carries only the command's output. */
    private static Result run(String... args) {
        var r = social.atoll.testing.CliRun.run(args);
        return new Result(r.code(), r.out(), r.err());
    }

    @Test
    void aWrongArgumentIsOneLineAndExitCode2() {
        for (String[] args : List.of(new String[] {"frobnicate"}, new String[] {"serve", "--bogus"}, new String[] {"admin", "accounts", "nope"},
                new String[] {"admin", "jobs", "dead", "--limit", "many"}, new String[] {"version", "extra"})) {
            Result r = run(args);
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.errLines()).as(String.join(" ", args)).hasSize(1);
            assertThat(r.errLines().get(0)).startsWith("atoll: ");
        }
    }

    @Test
    void aMissingRequiredOptionIsOneLineAndExitCode2() {
        Result noEmail = run("admin", "accounts", "create", "bob", "--data-dir", dataDir.toString());
        assertThat(noEmail.code()).isEqualTo(2);
        assertThat(noEmail.errLines()).singleElement().asString().contains("--email");
        Result noName = run("admin", "accounts", "token", "--data-dir", dataDir.toString());
        assertThat(noName.code()).isEqualTo(2);
        assertThat(noName.errLines()).singleElement().asString().contains("USERNAME");
    }

    @Test
    void aBadSettingIsOneLineNamingIt() {
        Result r = run("admin", "accounts", "list", "--data-dir", dataDir.toString(), "--db-url", "mysql://db/atoll");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().startsWith("atoll: ATOLL_DB_URL:");
    }

    @Test
    void helpWorksForEveryCommand() {
        List<List<String>> paths = new ArrayList<>();
        collect(new CommandLine(new Atoll()), new ArrayList<>(), paths);
        assertThat(paths).extracting(p -> String.join(" ", p)).contains("", "serve", "admin accounts create", "admin accounts token",
                "admin jobs dead", "admin jobs pending", "version");
        for (List<String> path : paths) {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            Result r = run(args.toArray(String[]::new));
            assertThat(r.code()).as(String.join(" ", args)).isZero();
            assertThat(r.out()).as(String.join(" ", args)).startsWith("Usage: atoll");
        }
    }

    private static void collect(CommandLine cmd, List<String> path, List<List<String>> out) {
        out.add(List.copyOf(path));
        for (var e : cmd.getSubcommands().entrySet()) {
            List<String> next = new ArrayList<>(path);
            next.add(e.getKey());
            collect(e.getValue(), next, out);
        }
    }

    @Test
    void aShortCommandsTreeReadsAsTheWholeOne() {
        CommandLine whole = new CommandLine(new Atoll());
        for (String name : List.of("admin", "db", "version", "serve")) {
            CommandLine pruned = Atoll.commandLine(name);
            assertThat(pruned.getSubcommands()).containsOnlyKeys(name);
            assertThat(pruned.getSubcommands().get(name).getUsageMessage()).isEqualTo(whole.getSubcommands().get(name).getUsageMessage());
            assertThat(pruned.getCommandSpec().qualifiedName()).isEqualTo("atoll");
        }
        assertThat(pruned("admin", "accounts", "list").getCommandSpec().qualifiedName()).isEqualTo("atoll admin accounts list");
        assertThat(Atoll.commandLine("bench").getSubcommands()).containsKeys("admin", "serve", "bench", "version");
        assertThat(Atoll.commandLine().getSubcommands()).containsKeys("admin", "serve", "bench", "version");
    }

    private static CommandLine pruned(String... path) {
        CommandLine c = Atoll.commandLine(path);
        for (String p : path) c = c.getSubcommands().get(p);
        return c;
    }

    @Test
    void versionPrintsTheVersion() {
        Result r = run("version");
        assertThat(r.code()).isZero();
        assertThat(r.outLines()).singleElement().asString().startsWith("atoll " + Version.ATOLL);
        Result flag = run("--version");
        assertThat(flag.code()).isZero();
        assertThat(flag.out().trim()).isEqualTo("atoll " + Version.ATOLL);
    }

    @Test
    void createAnAccountThenPrintATokenForIt() {
        String dir = dataDir.toString();
        Result created = run("admin", "accounts", "create", "alice", "--email", "alice@example.test", "--data-dir", dir);
        assertThat(created.code()).as(created.err()).isZero();
        assertThat(created.outLines()).singleElement().asString().startsWith("created @alice with password: ");
        String password = created.outLines().get(0).substring("created @alice with password: ".length());
        assertThat(password).hasSizeGreaterThanOrEqualTo(16);

        Result given = run("admin", "accounts", "create", "bob", "--email", "bob@example.test", "--password", "correct horse battery", "--data-dir", dir);
        assertThat(given.outLines()).containsExactly("created @bob");

        Result taken = run("admin", "accounts", "create", "alice", "--email", "other@example.test", "--data-dir", dir);
        assertThat(taken.code()).isEqualTo(1);
        assertThat(taken.errLines()).singleElement().asString().startsWith("atoll: ");

        Result token = run("admin", "accounts", "token", "alice", "--data-dir", dir);
        assertThat(token.code()).as(token.err()).isZero();
        assertThat(token.outLines()).hasSize(1);
        String bearer = token.outLines().get(0);
        assertThat(bearer).matches("[A-Za-z0-9_-]{32,}");

        // The token works: it belongs to alice and carries the default scopes.
        var settings = new SettingsLoader(Map.of("ATOLL_DATA_DIR", dir), Map.of(), null).load();
        try (App app = new App(settings)) {
            var row = app.core.tokens.find(bearer).orElseThrow();
            long aliceId = app.core.accounts.byAcct("alice", null).orElseThrow().id();
            assertThat(row.accountId()).isEqualTo(aliceId);
            assertThat(row.scopeSet()).contains("read", "write", "follow", "push");
        }

        Result unknown = run("admin", "accounts", "token", "nobody", "--data-dir", dir);
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.out()).isEmpty();
        assertThat(unknown.errLines()).singleElement().asString().contains("nobody");
    }

    @Test
    void jobsCommandsReportAnEmptyQueue() {
        String dir = dataDir.toString();
        Result pending = run("admin", "jobs", "pending", "--data-dir", dir);
        assertThat(pending.code()).as(pending.err()).isZero();
        assertThat(pending.outLines()).containsExactly("no pending jobs");
        Result dead = run("admin", "jobs", "dead", "--data-dir", dir);
        assertThat(dead.code()).isZero();
        assertThat(dead.outLines()).containsExactly("no dead jobs");
    }
}
