package social.atoll.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import social.atoll.Atoll;
import social.atoll.core.account.Account;
import social.atoll.core.moderation.AccountModeration;

/**
 * {@code atoll admin accounts approve|reject|suspend|unsuspend|silence|unsilence|sensitive|unsensitive|disable|enable|
 * delete|role}: the same services as the admin API, acting as the system.
 */
final class AccountModerationCommands {

    private AccountModerationCommands() {}

    /** One account and a verb; subclasses name the verb and what it does. */
    abstract static class OnAccount implements Callable<Integer> {
        @Mixin SettingsOptions options;
        @Parameters(index = "0", paramLabel = "USER", description = "user (local) or user@domain (remote)") String handle;
        @Option(names = "--json", description = "Print one JSON object.") boolean json;

        abstract String verb();

        abstract void apply(AccountModeration m, long accountId);

        @Override
        public Integer call() {
            return ModerationCli.run(options, app -> {
                Account a = ModerationCli.account(app, handle);
                apply(app.core.accountModeration, a.id());
                ModerationCli.print(app, json, verb() + " @" + a.acct(),
                        ModerationCli.fields("action", verb(), "account_id", Long.toString(a.id()), "acct", a.acct()));
                return 0;
            });
        }
    }

    /** The actions that leave a strike: an optional reason and report. */
    abstract static class Strike extends OnAccount {
        @Option(names = "--text", paramLabel = "TEXT", description = "The reason the person is told.") String text;
        @Option(names = "--report", paramLabel = "ID", description = "The report this settles.") Long report;
        @Option(names = "--no-notify", description = "Do not notify the person.") boolean noNotify;

        abstract String type();

        @Override
        String verb() { return type().equals("disable") ? "disabled" : type().equals("sensitive") ? "sensitized" : type() + "ed"; }

        @Override
        void apply(AccountModeration m, long id) {
            m.act(ModerationCli.ACTOR, id, new AccountModeration.ActionRequest(type(), report, text, null, !noNotify));
        }
    }

    @Command(name = "suspend", mixinStandardHelpOptions = true, description = "Suspend an account (local: signed out everywhere, profile and posts hidden).")
    static final class Suspend extends Strike {
        @Override String type() { return "suspend"; }
        @Override String verb() { return "suspended"; }
    }

    @Command(name = "silence", mixinStandardHelpOptions = true, description = "Limit an account: off public timelines, posts for followers.")
    static final class Silence extends Strike {
        @Override String type() { return "silence"; }
        @Override String verb() { return "silenced"; }
    }

    @Command(name = "sensitive", mixinStandardHelpOptions = true, description = "Mark all of an account's media sensitive.")
    static final class Sensitive extends Strike {
        @Override String type() { return "sensitive"; }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true, description = "Stop a local account from signing in (data kept).")
    static final class Disable extends Strike {
        @Override String type() { return "disable"; }
    }

    @Command(name = "unsuspend", mixinStandardHelpOptions = true, description = "Lift a suspension.")
    static final class Unsuspend extends OnAccount {
        @Override String verb() { return "unsuspended"; }
        @Override void apply(AccountModeration m, long id) { m.unsuspend(ModerationCli.ACTOR, id); }
    }

    @Command(name = "unsilence", mixinStandardHelpOptions = true, description = "Lift a limit.")
    static final class Unsilence extends OnAccount {
        @Override String verb() { return "unsilenced"; }
        @Override void apply(AccountModeration m, long id) { m.unsilence(ModerationCli.ACTOR, id); }
    }

    @Command(name = "unsensitive", mixinStandardHelpOptions = true, description = "Stop forcing media sensitive.")
    static final class Unsensitive extends OnAccount {
        @Override String verb() { return "unsensitized"; }
        @Override void apply(AccountModeration m, long id) { m.unsensitive(ModerationCli.ACTOR, id); }
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Let a disabled local account sign in again.")
    static final class Enable extends OnAccount {
        @Override String verb() { return "enabled"; }
        @Override void apply(AccountModeration m, long id) { m.enable(ModerationCli.ACTOR, id); }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true, description = "Approve a pending sign-up.")
    static final class Approve extends OnAccount {
        @Override String verb() { return "approved"; }
        @Override void apply(AccountModeration m, long id) { m.approve(ModerationCli.ACTOR, id); }
    }

    @Command(name = "confirm", mixinStandardHelpOptions = true, description = "Confirm the e-mail address of a local account whose mail never arrived.")
    static final class Confirm extends OnAccount {
        @Override String verb() { return "confirmed"; }
        @Override void apply(AccountModeration m, long id) { m.confirm(ModerationCli.ACTOR, id); }
    }

    @Command(name = "reject", mixinStandardHelpOptions = true, description = "Reject a pending sign-up (the account is deleted).")
    static final class Reject extends OnAccount {
        @Override String verb() { return "rejected"; }
        @Override void apply(AccountModeration m, long id) { m.reject(ModerationCli.ACTOR, id); }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Delete an account's data: suspends it first if needed; a local name stays reserved.")
    static final class Delete extends OnAccount {
        @Override String verb() { return "deleted"; }

        @Override
        void apply(AccountModeration m, long id) {
            if (!m.get(ModerationCli.ACTOR, id).account().suspended())
                m.act(ModerationCli.ACTOR, id, new AccountModeration.ActionRequest("suspend", null, null, null, false));
            m.deleteData(ModerationCli.ACTOR, id);
        }
    }

    @Command(name = "role", mixinStandardHelpOptions = true,
            description = "Give a local account a role: user (none), moderator, admin, owner or a custom role's name or id.")
    static final class Role implements Callable<Integer> {
        @Mixin SettingsOptions options;
        @Parameters(index = "0", paramLabel = "USER", description = "a local user") String handle;
        @Parameters(index = "1", paramLabel = "ROLE") String role;
        @Option(names = "--json", description = "Print one JSON object.") boolean json;

        @Override
        public Integer call() {
            return ModerationCli.run(options, app -> {
                Account a = ModerationCli.account(app, handle);
                var roles = app.core.roles;
                var wanted = roles.find(role).orElseThrow(() -> new Atoll.CliException("no role " + role
                        + " (user, moderator, admin, owner or one listed by 'atoll admin roles list')", 2));
                var given = roles.assign(ModerationCli.ACTOR, a.id(), wanted.id());
                ModerationCli.print(app, json, "role " + given.key() + " given to @" + a.acct(),
                        ModerationCli.fields("action", "role " + given.key() + " given to", "account_id", Long.toString(a.id()),
                                "acct", a.acct(), "role", given.key(), "role_id", Long.toString(given.id())));
                return 0;
            });
        }
    }

    /**
     * {@code modify USER [--email E] [--role R] [--confirm] [--disable-2fa]}: tootctl's {@code accounts modify}, each
     * change through the service the dashboard uses (audited), reported together on one line.
     */
    @Command(name = "modify", mixinStandardHelpOptions = true,
            description = "Change a local account: its e-mail, its role, confirm it, turn off two-factor sign-in.")
    static final class Modify implements Callable<Integer> {
        @Mixin SettingsOptions options;
        @Spec CommandSpec spec;
        @Parameters(index = "0", paramLabel = "USER", description = "local username") String handle;
        @Option(names = "--email", paramLabel = "EMAIL", description = "New address (no confirmation mail is sent).") String email;
        @Option(names = "--role", paramLabel = "ROLE", description = "user, moderator, admin, owner or a custom role's name or id.") String role;
        @Option(names = "--confirm", description = "Mark the address confirmed.") boolean confirm;
        @Option(names = "--disable-2fa", description = "Turn off two-factor sign-in.") boolean disable2fa;
        @Option(names = "--json", description = "Print one JSON object.") boolean json;

        @Override
        public Integer call() {
            if (email == null && role == null && !confirm && !disable2fa)
                throw new ParameterException(spec.commandLine(), "nothing to change: give --email, --role, --confirm or --disable-2fa");
            return ModerationCli.run(options, app -> {
                Account a = ModerationCli.account(app, handle);
                var user = app.core.accounts.userByAccountId(a.id())
                        .orElseThrow(() -> new social.atoll.Atoll.CliException("@" + a.acct() + " is not a local account", 1));
                java.util.List<String> done = new java.util.ArrayList<>();
                var out = ModerationCli.fields("action", "modify", "account_id", Long.toString(a.id()), "acct", a.acct());
                if (email != null) {
                    app.core.accountModeration.changeEmail(ModerationCli.ACTOR, a.id(), email);
                    String now = app.core.accounts.userByAccountId(a.id()).orElseThrow().email();
                    done.add("email " + now);
                    out.put("email", now);
                }
                if (role != null) {
                    var wanted = app.core.roles.find(role).orElseThrow(() -> new Atoll.CliException("no role " + role
                            + " (user, moderator, admin, owner or one listed by 'atoll admin roles list')", 2));
                    var given = app.core.roles.assign(ModerationCli.ACTOR, a.id(), wanted.id());
                    done.add("role " + given.key());
                    out.put("role", given.key());
                }
                if (confirm) {
                    boolean changed = user.confirmedAt() == null;
                    if (changed) app.core.accountModeration.confirm(ModerationCli.ACTOR, a.id());
                    done.add(changed ? "confirmed" : "already confirmed");
                    out.put("confirmed", true);
                }
                if (disable2fa) {
                    boolean was = app.core.twoFactor.disableByAdmin(user.id());
                    done.add(was ? "two-factor turned off" : "two-factor was not on");
                    out.put("two_factor_disabled", was);
                }
                ModerationCli.print(app, json, "modified @" + a.acct() + ": " + String.join(", ", done), out);
                return 0;
            });
        }
    }
}
