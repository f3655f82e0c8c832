package social.atoll.cli;

import java.util.Locale;
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
import social.atoll.core.account.NewLocalAccount;
import social.atoll.core.account.User;
import social.atoll.core.auth.Scopes;
import social.atoll.core.auth.Tokens;
import social.atoll.core.common.ValidationException;

/** {@code atoll admin accounts create|token|list} and the moderation actions ({@link AccountModerationCommands}). */
@Command(name = "accounts", mixinStandardHelpOptions = true, description = "Manage accounts.",
        subcommands = {AccountsCommand.Create.class, AccountsCommand.Token.class, AccountsCommand.ListAccounts.class,
                AccountModerationCommands.Approve.class, AccountModerationCommands.Reject.class, AccountModerationCommands.Suspend.class,
                AccountModerationCommands.Unsuspend.class, AccountModerationCommands.Silence.class, AccountModerationCommands.Unsilence.class,
                AccountModerationCommands.Sensitive.class, AccountModerationCommands.Unsensitive.class, AccountModerationCommands.Disable.class,
                AccountModerationCommands.Enable.class, AccountModerationCommands.Delete.class, AccountModerationCommands.Role.class, AccountModerationCommands.Modify.class,
                ArchiveCommands.Export.class, TwoFactorCommand.class, AccountModerationCommands.Confirm.class})
public final class AccountsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() { throw new ParameterException(spec.commandLine(), "missing subcommand: create, token, list, approve, reject, suspend, unsuspend, "
                + "silence, unsilence, sensitive, unsensitive, disable, enable, delete, role, modify, export or disable-2fa"); }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a confirmed, approved local account. Prints the password when it made one up.")
    static final class Create implements Callable<Integer> {
        @Mixin SettingsOptions options;
        @Spec CommandSpec spec;

        @Parameters(index = "0", paramLabel = "USERNAME") String username;
        @Option(names = "--email", required = true, paramLabel = "E") String email;
        @Option(names = "--password", paramLabel = "P") String password;
        @Option(names = "--role", paramLabel = "ROLE", defaultValue = "user", description = "user | moderator | admin | owner (default user).")
        String role;

        @Override
        public Integer call() {
            User.Role r;
            try {
                r = User.Role.valueOf(role.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--role must be one of user, moderator, admin, owner (got '" + role + "')");
            }
            boolean generated = password == null;
            String pw = generated ? Tokens.random().substring(0, 24) : password;
            try (App app = App.forCommand(options.load(Map.of()))) {
                app.core.accountService.createLocal(new NewLocalAccount(username, email, pw, r, true, true, "en", null, null), true);
            } catch (ValidationException e) {
                throw new Atoll.CliException(e.getMessage(), 1);
            }
            System.out.println("created @" + username + (generated ? " with password: " + pw : ""));
            return 0;
        }
    }

    @Command(name = "token", mixinStandardHelpOptions = true,
            description = "Print a working OAuth bearer token for the account (and nothing else on stdout).")
    static final class Token implements Callable<Integer> {
        @Mixin SettingsOptions options;
        @Spec CommandSpec spec;

        @Parameters(index = "0", paramLabel = "USERNAME") String username;
        @Option(names = "--scopes", paramLabel = "SCOPES", defaultValue = "read write follow push",
                description = "Space-separated scopes (default \"read write follow push\").")
        String scopes;

        @Override
        public Integer call() {
            var set = Scopes.parse(scopes);
            for (String s : set) {
                if (!Scopes.isKnown(s)) throw new ParameterException(spec.commandLine(), "unknown scope '" + s + "'");
            }
            try (App app = App.forCommand(options.load(Map.of()))) {
                Account account = app.core.accounts.byAcct(username.startsWith("@") ? username.substring(1) : username, null)
                        .orElseThrow(() -> new Atoll.CliException("no local account named " + username, 1));
                long appId = app.core.oauth.adminCliApp().id();
                System.out.println(app.core.tokens.issue(appId, account.id(), set).token());
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List local accounts.")
    static final class ListAccounts implements Callable<Integer> {
        @Mixin SettingsOptions options;

        @Override
        public Integer call() {
            try (App app = App.forCommand(options.load(Map.of()))) {
                System.out.printf("%-20s %-10s %-32s %s%n", "ID", "ROLE", "EMAIL", "USERNAME");
                int offset = 0;
                var roleOf = app.core.roles.resolver();
                while (true) {
                    var page = app.core.accounts.localAccounts(500, offset);
                    for (Account a : page) {
                        var u = app.core.accounts.userByAccountId(a.id());
                        System.out.printf("%-20d %-10s %-32s %s%s%n", a.id(), u.map(x -> roleOf.apply(x).key()).orElse("-"),
                                u.map(User::email).orElse("-"), a.username(), a.suspended() ? " (suspended)" : "");
                    }
                    if (page.size() < 500) break;
                    offset += 500;
                }
            }
            return 0;
        }
    }
}
