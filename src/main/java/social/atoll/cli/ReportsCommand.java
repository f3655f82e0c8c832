package social.atoll.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import social.atoll.App;
import social.atoll.core.common.IdRange;
import social.atoll.core.moderation.AdminReport;
import social.atoll.core.moderation.AdminReportStore;

/** {@code atoll admin reports list|show|resolve}. */
@Command(name = "reports", mixinStandardHelpOptions = true, description = "Handle reports.",
        subcommands = {ReportsCommand.ListReports.class, ReportsCommand.Show.class, ReportsCommand.Resolve.class})
public final class ReportsCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() { throw new ParameterException(spec.commandLine(), "missing subcommand: list, show or resolve"); }

    static String line(App app, AdminReport r) {
        String reporter = app.core.accounts.byId(r.accountId()).map(a -> a.acct()).orElse("?");
        String target = app.core.accounts.byId(r.targetAccountId()).map(a -> a.acct()).orElse("?");
        String comment = r.comment().replaceAll("\\s+", " ");
        return r.id() + " " + (r.resolved() ? "resolved" : "open") + " " + r.category() + " @" + target + " by @" + reporter
                + " statuses=" + r.statusIds().size() + (comment.isEmpty() ? "" : " \"" + (comment.length() > 80 ? comment.substring(0, 80) + "…" : comment) + "\"");
    }

    static Map<String, Object> fields(App app, AdminReport r) {
        return ModerationCli.fields("id", Long.toString(r.id()), "resolved", r.resolved(), "category", r.category(), "comment", r.comment(),
                "account_id", Long.toString(r.accountId()), "target_account_id", Long.toString(r.targetAccountId()),
                "status_ids", r.statusIds().stream().map(String::valueOf).toList(), "rule_ids", r.ruleIds().stream().map(String::valueOf).toList(),
                "assigned_account_id", r.assignedAccountId() == null ? null : r.assignedAccountId().toString(),
                "created_at", r.createdAt().toString(), "action_taken_at", r.actionTakenAt() == null ? null : r.actionTakenAt().toString());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List open (or resolved) reports, newest first, one per line.")
    static final class ListReports implements Callable<Integer> {
        @Mixin SettingsOptions options;
        @Option(names = "--resolved", description = "List resolved reports instead.") boolean resolved;
        @Option(names = "--limit", defaultValue = "100", paramLabel = "N") int limit;
        @Option(names = "--json", description = "Print one JSON object per line.") boolean json;

        @Override
        public Integer call() {
            return ModerationCli.run(options, app -> {
                for (AdminReport r : app.core.reportModeration.list(ModerationCli.ACTOR, new AdminReportStore.Filter(resolved, null, null),
                        IdRange.newest(Math.max(1, limit))))
                    ModerationCli.print(app, json, line(app, r), fields(app, r));
                return 0;
            });
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one report.")
    static final class Show implements Callable<Integer> {
        @Mixin SettingsOptions options;
        @Parameters(index = "0", paramLabel = "ID") long id;
        @Option(names = "--json", description = "Print one JSON object.") boolean json;

        @Override
        public Integer call() {
            return ModerationCli.run(options, app -> {
                AdminReport r = app.core.reportModeration.get(ModerationCli.ACTOR, id);
                ModerationCli.print(app, json, line(app, r), fields(app, r));
                return 0;
            });
        }
    }

    @Command(name = "resolve", mixinStandardHelpOptions = true, description = "Mark a report resolved.")
    static final class Resolve implements Callable<Integer> {
        @Mixin SettingsOptions options;
        @Parameters(index = "0", paramLabel = "ID") long id;
        @Option(names = "--json", description = "Print one JSON object.") boolean json;

        @Override
        public Integer call() {
            return ModerationCli.run(options, app -> {
                AdminReport r = app.core.reportModeration.resolve(ModerationCli.ACTOR, id);
                ModerationCli.print(app, json, "resolved report " + r.id(), fields(app, r));
                return 0;
            });
        }
    }
}
