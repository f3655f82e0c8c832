package social.atoll.cli;

import java.time.Instant;
import java.time.format.DateTimeParseException;
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
import social.atoll.core.announcement.AnnouncementService;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.common.ValidationException;

/** {@code atoll admin announcements create|list|delete}: instance announcements shown in every client. */
@Command(name = "announcements", mixinStandardHelpOptions = true, description = "Manage instance announcements.",
        subcommands = {AnnouncementsCommand.Create.class, AnnouncementsCommand.ListAll.class, AnnouncementsCommand.Delete.class})
public final class AnnouncementsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() { throw new ParameterException(spec.commandLine(), "missing subcommand: create, list or delete"); }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Publish an announcement now. Prints its id.")
    static final class Create implements Callable<Integer> {
        @Mixin SettingsOptions options;
        @Spec CommandSpec spec;

        @Parameters(index = "0", paramLabel = "TEXT", description = "Plain text; blank lines separate paragraphs.") String text;
        @Option(names = "--starts-at", paramLabel = "TIME", description = "Event start, ISO 8601 (e.g. 2026-01-01T10:00:00Z).") String startsAt;
        @Option(names = "--ends-at", paramLabel = "TIME", description = "Event end, ISO 8601; the announcement is hidden afterwards.") String endsAt;
        @Option(names = "--all-day", description = "The event lasts whole days.") boolean allDay;

        @Override
        public Integer call() {
            Instant starts = time("--starts-at", startsAt);
            Instant ends = time("--ends-at", endsAt);
            try (App app = App.forCommand(options.load(Map.of()))) {
                long id = app.core.announcements.create(text, starts, ends, allDay);
                System.out.println("published announcement " + id);
            } catch (ValidationException e) {
                throw new Atoll.CliException(e.getMessage(), 1);
            }
            return 0;
        }

        private Instant time(String option, String value) {
            if (value == null) return null;
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw new ParameterException(spec.commandLine(), option + " must be an ISO 8601 time such as 2026-01-01T10:00:00Z");
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the announcements being shown.")
    static final class ListAll implements Callable<Integer> {
        @Mixin SettingsOptions options;

        @Override
        public Integer call() {
            try (App app = App.forCommand(options.load(Map.of()))) {
                for (AnnouncementService.Announcement a : app.core.announcements.active(null)) {
                    System.out.println(a.id() + "\t" + a.publishedAt() + "\t" + a.text().replace('\n', ' '));
                }
            }
            return 0;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete an announcement.")
    static final class Delete implements Callable<Integer> {
        @Mixin SettingsOptions options;

        @Parameters(index = "0", paramLabel = "ID") long id;

        @Override
        public Integer call() {
            try (App app = App.forCommand(options.load(Map.of()))) {
                app.core.announcements.delete(id);
                System.out.println("deleted announcement " + id);
            } catch (NotFoundException e) {
                throw new Atoll.CliException("no announcement " + id, 1);
            }
            return 0;
        }
    }
}
