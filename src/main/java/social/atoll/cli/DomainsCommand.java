package social.atoll.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import social.atoll.core.moderation.DomainAllow;
import social.atoll.core.moderation.DomainBlock;
import social.atoll.core.moderation.DomainModeration;

/** {@code atoll admin domains block|unblock|allow|disallow|list}: server-wide domain policy, as the admin API sets it. */
@Command(name = "domains", mixinStandardHelpOptions = true, description = "Block, limit or allow other servers.",
        subcommands = {DomainsCommand.Block.class, DomainsCommand.Unblock.class, DomainsCommand.Allow.class, DomainsCommand.Disallow.class,
                DomainsCommand.ListDomains.class})
public final class DomainsCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() { throw new ParameterException(spec.commandLine(), "missing subcommand: block, unblock, allow, disallow or list"); }

    static Map<String, Object> fields(DomainBlock b) {
        return ModerationCli.fields("id", Long.toString(b.id()), "domain", b.domain(), "severity", b.severity(), "reject_media", b.rejectMedia(),
                "reject_reports", b.rejectReports(), "public_comment", b.publicComment(), "private_comment", b.privateComment(),
                "obfuscate", b.obfuscate());
    }

    @Command(name = "block", mixinStandardHelpOptions = true,
            description = "Block a domain and its subdomains, or change its block (default severity: silence).")
    static final class Block implements Callable<Integer> {
        @Mixin SettingsOptions options;
        @Parameters(index = "0", paramLabel = "DOMAIN") String domain;
        @Option(names = "--severity", paramLabel = "S", description = "silence | suspend | noop") String severity;
        @Option(names = "--reject-media", description = "Neither cache nor proxy its media.") Boolean rejectMedia;
        @Option(names = "--reject-reports", description = "Ignore its reports.") Boolean rejectReports;
        @Option(names = "--public-comment", paramLabel = "TEXT") String publicComment;
        @Option(names = "--private-comment", paramLabel = "TEXT") String privateComment;
        @Option(names = "--obfuscate", description = "Show the domain partly starred in the public list.") Boolean obfuscate;
        @Option(names = "--json", description = "Print one JSON object.") boolean json;

        @Override
        public Integer call() {
            return ModerationCli.run(options, app -> {
                DomainBlock b = app.core.domainModeration.createOrUpdate(ModerationCli.ACTOR, new DomainModeration.BlockRequest(domain,
                        severity, rejectMedia, rejectReports, privateComment, publicComment, obfuscate));
                ModerationCli.print(app, json, "blocked " + b.domain() + " (" + b.severity() + (b.rejectMedia() ? ", reject media" : "")
                        + (b.rejectReports() ? ", reject reports" : "") + ")", fields(b));
                return 0;
            });
        }
    }

    @Command(name = "unblock", mixinStandardHelpOptions = true, description = "Lift the block of a domain.")
    static final class Unblock implements Callable<Integer> {
        @Mixin SettingsOptions options;
        @Parameters(index = "0", paramLabel = "DOMAIN") String domain;
        @Option(names = "--json", description = "Print one JSON object.") boolean json;

        @Override
        public Integer call() {
            return ModerationCli.run(options, app -> {
                DomainBlock b = app.core.domainModeration.deleteByDomain(ModerationCli.ACTOR, domain);
                ModerationCli.print(app, json, "unblocked " + b.domain(), fields(b));
                return 0;
            });
        }
    }

    @Command(name = "allow", mixinStandardHelpOptions = true, description = "Allow a domain (for limited federation).")
    static final class Allow implements Callable<Integer> {
        @Mixin SettingsOptions options;
        @Parameters(index = "0", paramLabel = "DOMAIN") String domain;
        @Option(names = "--json", description = "Print one JSON object.") boolean json;

        @Override
        public Integer call() {
            return ModerationCli.run(options, app -> {
                DomainAllow a = app.core.domainModeration.createAllow(ModerationCli.ACTOR, domain);
                ModerationCli.print(app, json, "allowed " + a.domain(), ModerationCli.fields("id", Long.toString(a.id()), "domain", a.domain()));
                return 0;
            });
        }
    }

    @Command(name = "disallow", mixinStandardHelpOptions = true, description = "Remove a domain from the allowed ones.")
    static final class Disallow implements Callable<Integer> {
        @Mixin SettingsOptions options;
        @Parameters(index = "0", paramLabel = "DOMAIN") String domain;
        @Option(names = "--json", description = "Print one JSON object.") boolean json;

        @Override
        public Integer call() {
            return ModerationCli.run(options, app -> {
                String d = DomainModeration.normalize(domain);
                DomainAllow found = app.core.domainModeration.allows(ModerationCli.ACTOR).stream().filter(a -> a.domain().equals(d)).findFirst()
                        .orElseThrow(() -> new social.atoll.Atoll.CliException("not allowed: " + d, 1));
                app.core.domainModeration.deleteAllow(ModerationCli.ACTOR, found.id());
                ModerationCli.print(app, json, "disallowed " + d, ModerationCli.fields("id", Long.toString(found.id()), "domain", d));
                return 0;
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List blocked and allowed domains, one per line.")
    static final class ListDomains implements Callable<Integer> {
        @Mixin SettingsOptions options;
        @Option(names = "--json", description = "Print one JSON object per line.") boolean json;

        @Override
        public Integer call() {
            return ModerationCli.run(options, app -> {
                for (DomainBlock b : app.core.domainModeration.blocks(ModerationCli.ACTOR))
                    ModerationCli.print(app, json, "block " + b.domain() + " " + b.severity() + (b.rejectMedia() ? " reject-media" : "")
                            + (b.rejectReports() ? " reject-reports" : ""), fields(b));
                List<DomainAllow> allows = new ArrayList<>(app.core.domainModeration.allows(ModerationCli.ACTOR));
                for (DomainAllow a : allows)
                    ModerationCli.print(app, json, "allow " + a.domain(), ModerationCli.fields("id", Long.toString(a.id()), "domain", a.domain(), "allow", true));
                return 0;
            });
        }
    }
}
