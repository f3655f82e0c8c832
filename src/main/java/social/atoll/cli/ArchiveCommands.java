package social.atoll.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import social.atoll.App;
import social.atoll.Atoll;
import social.atoll.core.account.Account;
import social.atoll.core.archive.ArchiveImporter;
import social.atoll.core.common.ValidationException;
import social.atoll.core.instagram.ImportException;

/**
 * The archive in Mastodon's format from the command line: {@code atoll admin accounts export USER --out FILE.zip}
 * and {@code atoll import archive USER FILE.zip}.
 */
final class ArchiveCommands {

    private ArchiveCommands() {}

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write a local account's archive in Mastodon's format (actor.json, outbox.json, likes.json, "
                    + "bookmarks.json, media, avatar and header) to a ZIP file, which Mastodon and Atoll can import.")
    static final class Export implements Callable<Integer> {
        @Mixin SettingsOptions options;

        @Parameters(index = "0", paramLabel = "USER", description = "The local account.")
        String username;

        @Option(names = "--out", required = true, paramLabel = "FILE.zip", description = "Where to write the archive.")
        Path out;

        @Override
        public Integer call() {
            try (App app = new App(options.load(Map.of()))) {
                var w = app.core.archiveExport.export(username.startsWith("@") ? username.substring(1) : username, out);
                System.out.printf("wrote %s: %d posts, %d media files, %d bytes%n", out, w.posts(), w.mediaFiles(), w.bytes());
            } catch (ValidationException e) {
                throw new Atoll.CliException(e.getMessage(), 1);
            }
            return 0;
        }
    }

    @Command(name = "archive", mixinStandardHelpOptions = true,
            description = "Import an archive in Mastodon's format (from Mastodon's 'Request your archive', Atoll, or a server "
                    + "that writes the same files) into a local account. The posts keep their dates, content warnings, "
                    + "visibility, language and media; they show on the profile but are not sent to followers again. Runs as a "
                    + "durable job: stopped, it carries on where it was; the same archive again adds nothing.")
    static final class Import implements Callable<Integer> {
        @Mixin SettingsOptions options;

        @Parameters(index = "0", paramLabel = "USER", description = "The local account to import into.")
        String username;

        @Parameters(index = "1", paramLabel = "FILE.zip", description = "The archive.")
        Path file;

        @Option(names = "--include-direct", description = "Import direct messages too (left out by default).")
        boolean includeDirect;

        @Override
        public Integer call() throws InterruptedException {
            try (App app = new App(options.load(Map.of()))) {
                Account account = app.core.accounts.byAcct(username.startsWith("@") ? username.substring(1) : username, null)
                        .orElseThrow(() -> new Atoll.CliException("no local account named " + username, 1));
                ArchiveImporter importer = app.core.archiveImport;
                app.startWorkers();
                ArchiveImporter.Started started;
                try {
                    started = importer.start(account.id(), file, new ArchiveImporter.Options(includeDirect));
                } catch (ImportException e) {
                    throw new Atoll.CliException("cannot import " + file.getFileName() + ": " + e.getMessage(), 1);
                }
                System.out.printf("archive: %d posts%n", started.posts());
                if (started.resumed()) System.out.println("resuming the unfinished import of this file");
                ArchiveImporter.Progress p;
                int orphaned = 0;
                while (!(p = importer.progress(started.importId()).orElseThrow()).finished()) {
                    MediaCommand.progress(p.done(), p.total());
                    orphaned = app.infra.jobs.pendingCounts().containsKey(ArchiveImporter.JOB.name()) ? 0 : orphaned + 1;
                    if (orphaned >= 2) {
                        System.out.println();
                        throw new Atoll.CliException("the import job stopped after " + p.done() + " of " + p.total()
                                + " posts; see './atoll admin jobs dead'", 1);
                    }
                    Thread.sleep(250);
                }
                MediaCommand.progress(p.done(), p.total());
                System.out.println();
                var r = importer.report(started.importId());
                if (!"done".equals(r.state())) throw new Atoll.CliException("the import failed: " + r.error(), 1);
                System.out.printf("imported %d posts with %d media files; skipped %d posts%n", r.postsImported(), r.mediaImported(), r.skipped());
                r.notes().forEach(System.out::println);
            }
            return 0;
        }
    }
}
