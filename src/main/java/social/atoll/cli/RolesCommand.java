package social.atoll.cli;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import social.atoll.Atoll;
import social.atoll.core.moderation.Permission;
import social.atoll.core.moderation.Roles;
import social.atoll.core.moderation.StaffRole;

/** {@code atoll admin roles list|create|delete}: Mastodon's roles with their permission bits, managed as the system. */
@Command(name = "roles", mixinStandardHelpOptions = true, description = "List, create and delete roles.",
        subcommands = {RolesCommand.ListRoles.class, RolesCommand.Create.class, RolesCommand.Delete.class})
public final class RolesCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() { throw new ParameterException(spec.commandLine(), "missing subcommand: list, create or delete"); }

    static Map<String, Object> fields(StaffRole r, Integer users) {
        Map<String, Object> m = ModerationCli.fields("id", Long.toString(r.id()), "name", r.name(), "color", r.color(),
                "position", r.position(), "permissions", Long.toString(r.computed()),
                "permission_names", Permission.in(r.permissions()).stream().map(Permission::key).toList(), "highlighted", r.highlighted());
        if (users != null) m.put("users", users);
        return m;
    }

    static String line(StaffRole r) {
        String name = r.everyone() ? "@everyone" : r.name();
        var keys = Permission.in(r.permissions()).stream().map(Permission::key).toList();
        return r.id() + " " + name + " position " + r.position() + (r.highlighted() ? " highlighted" : "")
                + " permissions " + (keys.isEmpty() ? "none" : String.join(",", keys));
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every role, the highest first.")
    static final class ListRoles implements Callable<Integer> {
        @Mixin SettingsOptions options;
        @Option(names = "--json", description = "Print one JSON object per line.") boolean json;

        @Override
        public Integer call() {
            return ModerationCli.run(options, app -> {
                for (Roles.Listed l : app.core.roles.list(ModerationCli.ACTOR))
                    ModerationCli.print(app, json, line(l.role()) + " users " + l.users(), fields(l.role(), l.users()));
                return 0;
            });
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Make a role.")
    static final class Create implements Callable<Integer> {
        @Mixin SettingsOptions options;
        @Spec CommandSpec spec;
        @Parameters(index = "0", paramLabel = "NAME") String name;
        @Option(names = "--permissions", paramLabel = "P,P…", split = ",",
                description = "Permission names (manage_reports, view_dashboard, …) or one number of Mastodon's bits.") java.util.List<String> permissions;
        @Option(names = "--position", paramLabel = "N", defaultValue = "5", description = "Higher outranks lower (Moderator 10, Admin 100, Owner 1000; default 5).") int position;
        @Option(names = "--color", paramLabel = "#RRGGBB", defaultValue = "") String color;
        @Option(names = "--highlighted", description = "Show the role on its holders' profiles.") boolean highlighted;
        @Option(names = "--json", description = "Print one JSON object.") boolean json;

        @Override
        public Integer call() {
            long bits = bits(spec, permissions);
            return ModerationCli.run(options, app -> {
                StaffRole r = app.core.roles.create(ModerationCli.ACTOR, new Roles.RoleForm(name, color, position, bits, highlighted));
                ModerationCli.print(app, json, "created role " + line(r), fields(r, null));
                return 0;
            });
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a custom role nobody holds.")
    static final class Delete implements Callable<Integer> {
        @Mixin SettingsOptions options;
        @Parameters(index = "0", paramLabel = "ROLE", description = "The role's name or id.") String role;
        @Option(names = "--json", description = "Print one JSON object.") boolean json;

        @Override
        public Integer call() {
            return ModerationCli.run(options, app -> {
                StaffRole found = app.core.roles.find(role).orElseThrow(() -> new Atoll.CliException("no role " + role, 1));
                StaffRole r = app.core.roles.delete(ModerationCli.ACTOR, found.id());
                ModerationCli.print(app, json, "deleted role " + r.id() + " " + r.name(),
                        ModerationCli.fields("action", "deleted", "id", Long.toString(r.id()), "name", r.name()));
                return 0;
            });
        }
    }

    static long bits(CommandSpec spec, java.util.List<String> names) {
        if (names == null) return 0;
        long bits = 0;
        for (String raw : names) {
            String n = raw.strip().toLowerCase(Locale.ROOT);
            if (n.isEmpty()) continue;
            if (n.chars().allMatch(Character::isDigit)) {
                bits |= Long.parseLong(n);
                continue;
            }
            Permission p = null;
            for (Permission q : Permission.values()) if (q.key().equals(n)) p = q;
            if (p == null) throw new ParameterException(spec.commandLine(), "unknown permission '" + raw + "'; known: "
                    + String.join(", ", java.util.Arrays.stream(Permission.values()).map(Permission::key).toList()));
            bits |= p.bit;
        }
        return bits;
    }

}
