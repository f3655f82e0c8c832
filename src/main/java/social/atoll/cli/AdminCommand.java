package social.atoll.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code atoll admin …}: administration on the same database as a running server. */
@Command(name = "admin", mixinStandardHelpOptions = true, description = "Administration commands.",
        subcommands = {AccountsCommand.class, JobsCommand.class, AnnouncementsCommand.class, DomainsCommand.class, ReportsCommand.class,
                AuditCommand.class, SettingsCommand.class, InvitesCommand.class, EmojiCommand.class, RulesCommand.class, RolesCommand.class})
public final class AdminCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() { throw new ParameterException(spec.commandLine(), "missing subcommand: accounts, jobs, announcements, domains, reports, audit, settings, invites, emoji, rules or roles"); }
}
