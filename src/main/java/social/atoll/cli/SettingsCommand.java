package social.atoll.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import social.atoll.core.moderation.ServerSettings;

/**
 * {@code atoll admin settings list|get|set}: the server's texts and registration mode, the same settings the
 * dashboard edits ({@link ServerSettings#TEXTS}), audited like them. An empty value brings the default back.
 */
@Command(name = "settings", mixinStandardHelpOptions = true, description = "Show or change the server's settings.",
        subcommands = {SettingsCommand.ListSettings.class, SettingsCommand.Get.class, SettingsCommand.Set.class})
public final class SettingsCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() { throw new ParameterException(spec.commandLine(), "missing subcommand: list, get or set"); }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every setting with its value (first line of long texts).")
    static final class ListSettings implements Callable<Integer> {
        @Mixin SettingsOptions options;
        @Option(names = "--json", description = "Print one JSON object of names and full values.") boolean json;

        @Override
        public Integer call() {
            return ModerationCli.run(options, app -> {
                Map<String, String> texts = app.core.serverSettings.texts(ModerationCli.ACTOR);
                if (json) {
                    ModerationCli.print(app, true, "", new LinkedHashMap<>(texts));
                    return 0;
                }
                texts.forEach((k, v) -> {
                    String first = v.lines().findFirst().orElse("");
                    System.out.println(k + " = " + first + (first.length() < v.length() ? " …" : ""));
                });
                return 0;
            });
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Print one setting's value (empty: the default applies).")
    static final class Get implements Callable<Integer> {
        @Mixin SettingsOptions options;
        @Parameters(index = "0", paramLabel = "KEY") String key;
        @Option(names = "--json", description = "Print one JSON object.") boolean json;

        @Override
        public Integer call() {
            return ModerationCli.run(options, app -> {
                String v = app.core.serverSettings.text(ModerationCli.ACTOR, key);
                ModerationCli.print(app, json, v, ModerationCli.fields("key", key, "value", v));
                return 0;
            });
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true, description = "Change one setting; an empty VALUE restores the default.")
    static final class Set implements Callable<Integer> {
        @Mixin SettingsOptions options;
        @Spec CommandSpec spec;
        @Parameters(index = "0", paramLabel = "KEY") String key;
        @Parameters(index = "1", paramLabel = "VALUE", arity = "0..1") String value;
        @Option(names = "--file", paramLabel = "PATH", description = "Read the value from a file (a Markdown policy, say).") Path file;
        @Option(names = "--json", description = "Print one JSON object.") boolean json;

        @Override
        public Integer call() {
            if ((value == null) == (file == null)) throw new ParameterException(spec.commandLine(), "give either VALUE or --file");
            String v;
            try {
                v = file != null ? Files.readString(file) : value;
            } catch (IOException e) {
                throw new ParameterException(spec.commandLine(), "cannot read " + file + ": " + e.getMessage());
            }
            return ModerationCli.run(options, app -> {
                if (!ServerSettings.TEXTS.containsKey(key))
                    throw new social.atoll.Atoll.CliException("unknown setting " + key + " (known: " + String.join(", ", ServerSettings.TEXTS.keySet()) + ")", 1);
                app.core.serverSettings.updateTexts(ModerationCli.ACTOR, Map.of(key, v));
                String now = app.core.serverSettings.text(ModerationCli.ACTOR, key);
                ModerationCli.print(app, json, now.isEmpty() ? "reset " + key + " to its default" : "set " + key,
                        ModerationCli.fields("key", key, "value", now));
                return 0;
            });
        }
    }
}
