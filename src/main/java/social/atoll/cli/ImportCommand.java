package social.atoll.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import social.atoll.App;
import social.atoll.Atoll;
import social.atoll.core.account.Account;
import social.atoll.core.instagram.ImportException;
import social.atoll.core.instagram.InstagramImporter;
import social.atoll.core.status.Visibility;

/** {@code atoll import instagram USER FILE.zip}: brings a person's history from elsewhere into their account. */
@Command(name = "import", mixinStandardHelpOptions = true, description = "Import posts from another service.",
        subcommands = {ImportCommand.Instagram.class, ArchiveCommands.Import.class})
public final class ImportCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() { throw new ParameterException(spec.commandLine(), "missing subcommand: instagram or archive"); }

    @Command(name = "instagram", mixinStandardHelpOptions = true,
            description = "Import an Instagram export (the JSON one) into a local account. Runs as a durable job: if this "
                    + "command is stopped, the server's workers (or this command run again with the same file) carry on "
                    + "where it stopped. Importing the same export again adds nothing.")
    static final class Instagram implements Callable<Integer> {
        @Mixin SettingsOptions options;
        @Spec CommandSpec spec;

        @Parameters(index = "0", paramLabel = "USER", description = "The local account to import into.")
        String username;

        @Parameters(index = "1", paramLabel = "FILE.zip", description = "The export ZIP from Instagram's 'Download your information'.")
        Path file;

        @Option(names = "--visibility", paramLabel = "V", defaultValue = "public", description = "public, unlisted or private (default ${DEFAULT-VALUE}).")
        String visibility;

        @Option(names = "--dry-run", description = "Read the export and say what would be imported; write nothing.")
        boolean dryRun;

        @Option(names = "--announce", description = "Deliver the imported posts to followers and their home feeds as new posts "
                + "(by default they only appear on the profile, in the outbox and in search).")
        boolean announce;

        @Override
        public Integer call() throws InterruptedException {
            Visibility vis = switch (visibility) {
                case "public" -> Visibility.PUBLIC;
                case "unlisted" -> Visibility.UNLISTED;
                case "private" -> Visibility.PRIVATE;
                default -> throw new ParameterException(spec.commandLine(), "--visibility must be public, unlisted or private");
            };
            try (App app = App.forCommand(options.load(Map.of()))) {
                Account account = app.core.accounts.byAcct(username.startsWith("@") ? username.substring(1) : username, null)
                        .orElseThrow(() -> new Atoll.CliException("no local account named " + username, 1));
                InstagramImporter importer = app.core.instagramImport;
                if (!dryRun) app.startWorkers();
                InstagramImporter.Started started;
                try {
                    started = importer.start(account.id(), file, new InstagramImporter.Options(vis, announce), dryRun);
                } catch (ImportException e) {
                    throw new Atoll.CliException("cannot import " + file.getFileName() + ": " + e.getMessage(), 1);
                }
                var plan = started.plan();
                System.out.printf("%s export: %d posts, %d media files%n", plan.layout(), plan.posts().size(), plan.mediaCount());
                if (dryRun) {
                    started.wouldSkip().forEach(s -> System.out.println("would skip " + s));
                    plan.posts().stream().filter(p -> p.note() != null).forEach(p -> System.out.println(p.createdAt() + ": " + p.note()));
                    System.out.println("dry run: nothing was imported");
                    return 0;
                }
                if (started.resumed()) System.out.println("resuming the unfinished import of this file");
                long id = started.importId();
                InstagramImporter.Progress p;
                int orphaned = 0;
                while (!(p = importer.progress(id).orElseThrow()).finished()) {
                    MediaCommand.progress(p.done(), p.total());
                    // a running import always has its next job stored; none twice in a row means it died for good
                    orphaned = app.infra.jobs.pendingCounts().containsKey(InstagramImporter.JOB.name()) ? 0 : orphaned + 1;
                    if (orphaned >= 2) {
                        System.out.println();
                        throw new Atoll.CliException("the import job stopped after " + p.done() + " of " + p.total()
                                + " posts; see './atoll admin jobs dead'", 1);
                    }
                    Thread.sleep(250);
                }
                MediaCommand.progress(p.done(), p.total());
                System.out.println();
                var r = importer.report(id);
                if (!"done".equals(r.state())) throw new Atoll.CliException("the import failed: " + r.error(), 1);
                System.out.printf("imported %d posts with %d media files; skipped %d posts%n", r.postsImported(), r.mediaImported(), r.skipped());
                r.notes().forEach(System.out::println);
            }
            return 0;
        }
    }
}
