package social.atoll;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import social.atoll.cli.AdminCommand;
import social.atoll.cli.BenchCommand;
import social.atoll.cli.DbCommand;
import social.atoll.cli.ServeCommand;
import social.atoll.cli.VersionCommand;
import social.atoll.config.SettingsException;
import social.atoll.infra.db.Database;

/** The {@code atoll} command. */
@Command(name = "atoll", mixinStandardHelpOptions = true, versionProvider = Atoll.VersionProvider.class,
        description = "A federated social network server (Mastodon API, ActivityPub).",
        subcommands = {ServeCommand.class, AdminCommand.class, DbCommand.class, VersionCommand.class, BenchCommand.class,
                social.atoll.cli.MediaCommand.class, social.atoll.cli.ImportCommand.class,
                social.atoll.cli.BackupCommand.class, social.atoll.cli.RestoreCommand.class})
public final class Atoll implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code: 0 ok, 1 failure, 2 wrong usage. */
    public static int run(String... args) {
        CommandLine cmd = commandLine(args);
        // A wrong argument: one clear line on stderr, exit 2.
        cmd.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("atoll: " + ex.getMessage() + " (see '" + c.getCommandSpec().qualifiedName() + " --help')");
            return 2;
        });
        cmd.setExecutionExceptionHandler((ex, c, parsed) -> {
            if (ex instanceof SettingsException || ex instanceof CliException) {
                c.getErr().println("atoll: " + ex.getMessage());
                return ex instanceof CliException ce ? ce.exitCode() : 2;
            }
            if (ex instanceof Database.SchemaMismatchException) {
                c.getErr().println("atoll: " + ex.getMessage());
                return 1;
            }
            c.getErr().println("atoll: " + ex);
            ex.printStackTrace(c.getErr());
            return 1;
        });
        return cmd.execute(args);
    }

    /**
     * The command tree for {@code args}. Picocli inspects every command of the tree when it is built (some sixty,
     * reflectively, in classes too old for class-data sharing): a third of an admin command's time. A line that
     * names one of the short commands gets a root holding only that command, with the same name, options and
     * messages; anything else (help, bench…) gets the whole tree. {@code serve} is pruned the same way: its start is
     * measured too.
     */
    static CommandLine commandLine(String... args) {
        Object only = args.length == 0 ? null : switch (args[0]) {
            case "admin" -> new AdminCommand();
            case "db" -> new DbCommand();
            case "version" -> new VersionCommand();
            case "serve" -> new ServeCommand(); // picocli (Java 5 bytecode) stays out of the AOT cache: inspect little
            default -> null;
        };
        if (only == null) return new CommandLine(new Atoll());
        CommandLine.Model.CommandSpec root = CommandLine.Model.CommandSpec.wrapWithoutInspection(new Atoll()).name("atoll")
                .mixinStandardHelpOptions(true).versionProvider(new VersionProvider());
        CommandLine cmd = new CommandLine(root);
        cmd.addSubcommand(only);
        return cmd;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CliException("no command given", 2);
    }

    /** A command failed in a way the user can fix; the message is printed as one line. */
    public static final class CliException extends RuntimeException {
        private final int exitCode;

        public CliException(String message, int exitCode) {
            super(message);
            this.exitCode = exitCode;
        }

        public int exitCode() { return exitCode; }
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() { return new String[] {"atoll " + Version.ATOLL}; }
    }
}
