package social.atoll.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import social.atoll.core.instance.Rule;

/**
 * {@code atoll admin rules list|add|remove}: the server's rules as sign-up and reports show them, through the same
 * service as the dashboard ({@code manage_rules}), each change audited.
 */
@Command(name = "rules", mixinStandardHelpOptions = true, description = "List, add or remove the server's rules.",
        subcommands = {RulesCommand.ListRules.class, RulesCommand.Add.class, RulesCommand.Remove.class})
public final class RulesCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() { throw new ParameterException(spec.commandLine(), "missing subcommand: list, add or remove"); }

    static java.util.Map<String, Object> fields(Rule r) {
        return ModerationCli.fields("id", Long.toString(r.id()), "text", r.text(), "hint", r.hint());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The rules in order, one per line: id, text.")
    static final class ListRules implements Callable<Integer> {
        @Mixin SettingsOptions options;
        @Option(names = "--json", description = "Print one JSON object per line.") boolean json;

        @Override
        public Integer call() {
            return ModerationCli.run(options, app -> {
                for (Rule r : app.core.serverSettings.rules(ModerationCli.ACTOR))
                    ModerationCli.print(app, json, r.id() + " " + r.text() + (r.hint().isEmpty() ? "" : " (" + r.hint() + ")"), fields(r));
                return 0;
            });
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a rule after the others.")
    static final class Add implements Callable<Integer> {
        @Mixin SettingsOptions options;
        @Parameters(index = "0", paramLabel = "TEXT") String text;
        @Option(names = "--hint", paramLabel = "HINT", description = "A longer explanation shown under the rule.") String hint;
        @Option(names = "--json", description = "Print one JSON object.") boolean json;

        @Override
        public Integer call() {
            return ModerationCli.run(options, app -> {
                Rule r = app.core.serverSettings.addRule(ModerationCli.ACTOR, text, hint);
                ModerationCli.print(app, json, "added rule " + r.id() + ": " + r.text(), fields(r));
                return 0;
            });
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a rule (by the id `rules list` prints).")
    static final class Remove implements Callable<Integer> {
        @Mixin SettingsOptions options;
        @Parameters(index = "0", paramLabel = "ID") long id;
        @Option(names = "--json", description = "Print one JSON object.") boolean json;

        @Override
        public Integer call() {
            return ModerationCli.run(options, app -> {
                app.core.serverSettings.removeRule(ModerationCli.ACTOR, id);
                ModerationCli.print(app, json, "removed rule " + id, ModerationCli.fields("id", Long.toString(id), "removed", true));
                return 0;
            });
        }
    }
}
