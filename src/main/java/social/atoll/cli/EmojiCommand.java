package social.atoll.cli;

import java.io.IOException;
import java.nio.file.Files;
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
import social.atoll.core.common.NotFoundException;
import social.atoll.core.common.ValidationException;
import social.atoll.core.emoji.CustomEmoji;
import social.atoll.core.emoji.CustomEmojiService;
import social.atoll.core.emoji.EmojiArchiveImport;

/** {@code atoll admin emoji add|import|list|remove}: the server's custom emoji, as Mastodon's {@code tootctl emoji}. */
@Command(name = "emoji", mixinStandardHelpOptions = true, description = "Manage the server's custom emoji.",
        subcommands = {EmojiCommand.Add.class, EmojiCommand.Import.class, EmojiCommand.ListAll.class, EmojiCommand.Remove.class})
public final class EmojiCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() { throw new ParameterException(spec.commandLine(), "missing subcommand: add, import, list or remove"); }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add one emoji from a PNG, GIF or WebP file (at most 256 KB).")
    static final class Add implements Callable<Integer> {
        @Mixin SettingsOptions options;
        @Parameters(index = "0", paramLabel = "SHORTCODE", description = "Letters, digits and underscores, at least 2.") String shortcode;
        @Parameters(index = "1", paramLabel = "FILE") Path file;
        @Option(names = "--category", paramLabel = "C", description = "The picker's category.") String category;

        @Override
        public Integer call() throws IOException {
            if (!Files.isRegularFile(file)) throw new Atoll.CliException("no file " + file, 1);
            if (Files.size(file) > CustomEmojiService.MAX_BYTES) throw new Atoll.CliException("Image file size must be less than 256 KB", 1);
            byte[] data = Files.readAllBytes(file);
            try (App app = App.forCommand(options.load(Map.of()))) {
                CustomEmoji e = app.core.customEmojis.add(ModerationCli.ACTOR, shortcode, data, category);
                System.out.println("added :" + e.shortcode() + ":");
            } catch (ValidationException e) {
                throw new Atoll.CliException(e.getMessage(), 1);
            }
            return 0;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Add every PNG, GIF and WebP image of a ZIP file or .tar.gz; each file's name is its shortcode.")
    static final class Import implements Callable<Integer> {
        @Mixin SettingsOptions options;
        @Parameters(index = "0", paramLabel = "ARCHIVE") Path archive;
        @Option(names = "--category", paramLabel = "C", description = "The picker's category for all of them.") String category;

        @Override
        public Integer call() throws IOException {
            if (!Files.isRegularFile(archive)) throw new Atoll.CliException("no file " + archive, 1);
            try (App app = App.forCommand(options.load(Map.of()))) {
                EmojiArchiveImport.Report r = new EmojiArchiveImport(app.core.customEmojis).run(archive, category);
                for (String s : r.skipped()) System.out.println("skipped " + s);
                System.out.println("imported " + r.added().size() + ", skipped " + r.skipped().size());
            } catch (ValidationException e) {
                throw new Atoll.CliException(e.getMessage(), 1);
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the server's emoji: shortcode, category, shown in pickers, image URL.")
    static final class ListAll implements Callable<Integer> {
        @Mixin SettingsOptions options;

        @Override
        public Integer call() {
            try (App app = App.forCommand(options.load(Map.of()))) {
                for (CustomEmoji e : app.core.customEmojis.local()) {
                    System.out.println(e.shortcode() + "\t" + (e.category() == null ? "-" : e.category()) + "\t"
                            + (e.visibleInPicker() ? "visible" : "hidden") + "\t" + app.core.customEmojis.urls(e).url());
                }
            }
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove an emoji and its images.")
    static final class Remove implements Callable<Integer> {
        @Mixin SettingsOptions options;
        @Parameters(index = "0", paramLabel = "SHORTCODE") String shortcode;

        @Override
        public Integer call() {
            try (App app = App.forCommand(options.load(Map.of()))) {
                app.core.customEmojis.remove(ModerationCli.ACTOR, shortcode.replace(":", ""));
                System.out.println("removed :" + shortcode.replace(":", "") + ":");
            } catch (NotFoundException e) {
                throw new Atoll.CliException("no emoji :" + shortcode.replace(":", "") + ":", 1);
            }
            return 0;
        }
    }
}
