package social.atoll.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import social.atoll.Atoll;
import social.atoll.core.account.Account;

/**
 * {@code atoll admin accounts disable-2fa USER}: turns two-factor sign-in off (authenticator app, recovery codes,
 * passkeys) for a person who lost their phone and their recovery codes. They get the "turned off" mail; their
 * password is unchanged.
 */
@Command(name = "disable-2fa", mixinStandardHelpOptions = true,
        description = "Turn off two-factor sign-in (app, recovery codes, passkeys) for a locked-out local account.")
final class TwoFactorCommand implements Callable<Integer> {
    @Mixin SettingsOptions options;
    @Parameters(index = "0", paramLabel = "USER", description = "local username") String handle;
    @Option(names = "--json", description = "Print one JSON object.") boolean json;

    @Override
    public Integer call() {
        return ModerationCli.run(options, app -> {
            Account a = ModerationCli.account(app, handle);
            var user = app.core.accounts.userByAccountId(a.id())
                    .orElseThrow(() -> new Atoll.CliException("@" + a.acct() + " is not a local account", 1));
            boolean was = app.core.twoFactor.disableByAdmin(user.id());
            String line = was ? "two-factor turned off for @" + a.acct() : "two-factor was not on for @" + a.acct();
            ModerationCli.print(app, json, line, ModerationCli.fields("action", "disable-2fa", "account_id", Long.toString(a.id()),
                    "acct", a.acct(), "was_enabled", was));
            return 0;
        });
    }
}
