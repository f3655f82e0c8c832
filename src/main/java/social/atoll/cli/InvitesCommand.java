package social.atoll.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import social.atoll.App;
import social.atoll.core.invite.Invite;

/** {@code atoll admin invites create|list|expire}: invitations to sign up, made by the system, working in any registration mode. */
@Command(name = "invites", mixinStandardHelpOptions = true, description = "Create, list and expire invitations to sign up.",
        subcommands = {InvitesCommand.Create.class, InvitesCommand.ListInvites.class, InvitesCommand.Expire.class})
public final class InvitesCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() { throw new ParameterException(spec.commandLine(), "missing subcommand: create, list or expire"); }

    private static final Pattern DURATION = Pattern.compile("(\\d+)([mhdw])");

    /** {@code 30m}, {@code 6h}, {@code 1d}, {@code 1w}. */
    static Duration duration(CommandSpec spec, String s) {
        Matcher m = DURATION.matcher(s.strip().toLowerCase(java.util.Locale.ROOT));
        if (!m.matches() || Long.parseLong(m.group(1)) == 0)
            throw new ParameterException(spec.commandLine(), "--expires-in must be like 30m, 6h, 1d or 1w (got '" + s + "')");
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        };
    }

    static Map<String, Object> fields(App app, Invite i) {
        return ModerationCli.fields("id", Long.toString(i.id()), "code", i.code(), "url", app.settings.url("/invite/" + i.code()),
                "max_uses", i.maxUses(), "uses", i.uses(), "expires_at", i.expiresAt() == null ? null : i.expiresAt().toString(),
                "created_at", i.createdAt().toString(), "valid", i.valid(Instant.now()));
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Make an invite link.")
    static final class Create implements Callable<Integer> {
        @Mixin SettingsOptions options;
        @Spec CommandSpec spec;
        @Option(names = "--max-uses", paramLabel = "N", description = "How many sign-ups it allows (default: no limit).") Integer maxUses;
        @Option(names = "--expires-in", paramLabel = "D", description = "30m, 1h, 6h, 12h, 1d, 1w… (default: never).") String expiresIn;
        @Option(names = "--json", description = "Print one JSON object.") boolean json;

        @Override
        public Integer call() {
            Duration d = expiresIn == null ? null : duration(spec, expiresIn);
            return ModerationCli.run(options, app -> {
                Invite i = app.core.invites.create(ModerationCli.ACTOR, maxUses, d);
                ModerationCli.print(app, json, "created invite " + app.settings.url("/invite/" + i.code()), fields(app, i));
                return 0;
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every invite, newest first.")
    static final class ListInvites implements Callable<Integer> {
        @Mixin SettingsOptions options;
        @Option(names = "--json", description = "Print one JSON object per line.") boolean json;

        @Override
        public Integer call() {
            return ModerationCli.run(options, app -> {
                Instant now = Instant.now();
                for (Invite i : app.core.invites.all(ModerationCli.ACTOR)) {
                    String state = i.expired(now) ? "expired" : i.usedUp() ? "used up" : "valid";
                    ModerationCli.print(app, json, i.id() + " " + i.code() + " " + state + " uses " + i.uses() + "/" + (i.maxUses() == null ? "∞" : i.maxUses())
                            + " expires " + (i.expiresAt() == null ? "never" : i.expiresAt().toString()), fields(app, i));
                }
                return 0;
            });
        }
    }

    @Command(name = "expire", mixinStandardHelpOptions = true, description = "End an invite now (by id or code).")
    static final class Expire implements Callable<Integer> {
        @Mixin SettingsOptions options;
        @Parameters(index = "0", paramLabel = "ID|CODE") String which;
        @Option(names = "--json", description = "Print one JSON object.") boolean json;

        @Override
        public Integer call() {
            return ModerationCli.run(options, app -> {
                long id = app.core.invites.byCode(which).map(Invite::id).orElseGet(() -> {
                    try {
                        return Long.parseLong(which);
                    } catch (NumberFormatException e) {
                        throw new social.atoll.Atoll.CliException("no invite " + which, 1);
                    }
                });
                Invite i = app.core.invites.expire(ModerationCli.ACTOR, id);
                ModerationCli.print(app, json, "expired invite " + i.code(), fields(app, i));
                return 0;
            });
        }
    }
}
