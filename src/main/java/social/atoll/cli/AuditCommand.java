package social.atoll.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import social.atoll.core.moderation.ActionLog;

/** {@code atoll admin audit [--since …]}: the audit log of staff actions, newest first, one per line. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Show the audit log of staff actions, newest first.")
public final class AuditCommand implements Callable<Integer> {
    @Mixin SettingsOptions options;
    @Spec CommandSpec spec;
    @Option(names = "--since", paramLabel = "WHEN", description = "An instant (2026-01-31T00:00:00Z) or a duration back from now (P7D, PT2H).")
    String since;
    @Option(names = "--limit", defaultValue = "100", paramLabel = "N") int limit;
    @Option(names = "--json", description = "Print one JSON object per line.") boolean json;

    @Override
    public Integer call() {
        Instant from = since == null ? null : parse(since);
        return ModerationCli.run(options, app -> {
            for (ActionLog l : app.core.actionLog.list(from, null, Math.max(1, limit))) {
                String who = l.accountId() == null ? "system" : app.core.accounts.byId(l.accountId()).map(a -> "@" + a.acct()).orElse("#" + l.accountId());
                ModerationCli.print(app, json, l.createdAt() + " " + who + " " + l.action() + " " + l.targetType() + " " + l.targetId()
                                + (l.humanIdentifier() == null ? "" : " " + l.humanIdentifier()),
                        ModerationCli.fields("id", Long.toString(l.id()), "created_at", l.createdAt().toString(), "account_id",
                                l.accountId() == null ? null : l.accountId().toString(), "actor", who, "action", l.action(),
                                "target_type", l.targetType(), "target_id", Long.toString(l.targetId()), "human_identifier", l.humanIdentifier(),
                                "details", app.infra.jsonColumns.readMap(l.details())));
            }
            return 0;
        });
    }

    private Instant parse(String s) {
        try {
            return s.startsWith("P") || s.startsWith("p") ? Instant.now().minus(Duration.parse(s)) : Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new ParameterException(spec.commandLine(), "--since must be an instant like 2026-01-31T00:00:00Z or a duration like P7D (got '" + s + "')");
        }
    }
}
