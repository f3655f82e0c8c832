package social.atoll.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import social.atoll.Atoll;

/** Runs an {@code atoll} command line in this JVM and captures what it prints, as the CLI tests read it. */
public final class CliRun {

    /** The exit code and what went to standard output and standard error. */
    public record Result(int code, String out, String err) {}

    private CliRun() {}

    /** One lock for all callers: standard output and error are the JVM's, not the test's. */
    public static synchronized Result run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int code = Atoll.run(args);
            return new Result(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
