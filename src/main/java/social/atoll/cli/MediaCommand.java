package social.atoll.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import social.atoll.App;
import social.atoll.config.Settings;
import social.atoll.core.media.MediaAdmin;
import social.atoll.infra.storage.BlobStore;
import social.atoll.infra.storage.BlobStores;

/** {@code atoll media usage|prune|move}: the operator's view of media storage. */
@Command(name = "media", mixinStandardHelpOptions = true, description = "Media storage: usage, pruning the remote cache, moving between drivers.",
        subcommands = {MediaCommand.Usage.class, MediaCommand.Prune.class, MediaCommand.Move.class})
public final class MediaCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() { throw new ParameterException(spec.commandLine(), "missing subcommand: usage, prune or move"); }

    static String size(long bytes) {
        if (bytes < 1024) return bytes + " B";
        if (bytes < 1024 * 1024) return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        if (bytes < 1024L * 1024 * 1024) return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
        return String.format(Locale.ROOT, "%.2f GB", bytes / (1024.0 * 1024 * 1024));
    }

    @Command(name = "usage", mixinStandardHelpOptions = true, description = "Files and bytes by kind.")
    static final class Usage implements Callable<Integer> {
        @Mixin SettingsOptions options;

        @Override
        public Integer call() {
            try (App app = App.forCommand(options.load(Map.of()))) {
                System.out.printf("%-14s %10s %12s%n", "KIND", "FILES", "SIZE");
                for (var u : new MediaAdmin(app.core.mediaStore, app.infra.clock).usage())
                    System.out.printf("%-14s %10d %12s%n", u.kind(), u.files(), size(u.bytes()));
                System.out.println("storage: " + app.infra.blobs.name() + " (sizes are of original files; previews come on top)");
            }
            return 0;
        }
    }

    @Command(name = "prune", mixinStandardHelpOptions = true,
            description = "Drop cached remote files older than the given age; they are fetched again when someone looks.")
    static final class Prune implements Callable<Integer> {
        @Mixin SettingsOptions options;
        @Spec CommandSpec spec;

        @Option(names = "--remote", required = true, description = "Prune the cache of remote files (the only kind that can be re-fetched).")
        boolean remote;

        @Option(names = "--older-than", paramLabel = "AGE", defaultValue = "7d", description = "Age like 7d, 12h or 30m (default ${DEFAULT-VALUE}).")
        String olderThan;

        @Override
        public Integer call() throws Exception {
            Duration age = parseAge(spec, olderThan);
            try (App app = App.forCommand(options.load(Map.of()))) {
                var pruned = new MediaAdmin(app.core.mediaStore, app.infra.clock).pruneRemote(app.infra.blobs, age);
                System.out.printf("removed %d cached remote files (%s) older than %s%n", pruned.files(), size(pruned.bytes()), olderThan);
            }
            return 0;
        }
    }

    static Duration parseAge(CommandSpec spec, String s) {
        var m = java.util.regex.Pattern.compile("(\\d{1,6})([dhm])").matcher(s.trim());
        if (!m.matches()) throw new ParameterException(spec.commandLine(), "--older-than: '" + s + "' is not like 7d, 12h or 30m");
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "d" -> Duration.ofDays(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofMinutes(n);
        };
    }

    @Command(name = "move", mixinStandardHelpOptions = true,
            description = "Copy every media file to another storage driver (resumable: files already there are skipped). "
                    + "Then set ATOLL_STORAGE to the target and restart; run it once more to catch files uploaded meanwhile.")
    static final class Move implements Callable<Integer> {
        @Mixin SettingsOptions options;
        @Spec CommandSpec spec;

        @Option(names = "--to", required = true, paramLabel = "DRIVER", description = "local or s3 (the ATOLL_S3_* settings name the bucket).")
        String to;

        @Option(names = "--from", paramLabel = "DRIVER", description = "local or s3 (default: the other one).")
        String from;

        @Override
        public Integer call() throws Exception {
            String target = to.toLowerCase(Locale.ROOT);
            if (!target.equals("local") && !target.equals("s3")) throw new ParameterException(spec.commandLine(), "--to must be local or s3");
            String source = from != null ? from.toLowerCase(Locale.ROOT) : (target.equals("s3") ? "local" : "s3");
            if (source.equals(target)) throw new ParameterException(spec.commandLine(), "--from and --to name the same driver");
            Settings sourceSettings = options.load(Map.of("ATOLL_STORAGE", source));
            Settings targetSettings = options.load(Map.of("ATOLL_STORAGE", target));
            try (App app = App.forCommand(sourceSettings); BlobStore src = BlobStores.open(sourceSettings); BlobStore dst = BlobStores.open(targetSettings)) {
                var result = new MediaAdmin(app.core.mediaStore, app.infra.clock).move(src, dst, MediaCommand::progress);
                System.out.println();
                System.out.printf("copied %d, already there %d, missing in %s %d%n", result.copied(), result.skipped(), source, result.missing());
                System.out.println("now set ATOLL_STORAGE=" + target + " and restart Atoll");
            }
            return 0;
        }
    }

    static void progress(int done, int total) {
        int width = 40;
        int filled = total == 0 ? width : (int) ((long) done * width / total);
        System.out.print("\r[" + "#".repeat(filled) + ".".repeat(width - filled) + "] " + done + "/" + total);
        System.out.flush();
    }
}
