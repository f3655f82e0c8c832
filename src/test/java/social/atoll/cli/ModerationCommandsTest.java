package social.atoll.cli;

import static social.atoll.testing.CliRun.run;

import social.atoll.testing.CliRun.Result;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import social.atoll.App;
import social.atoll.Atoll;
import social.atoll.config.SettingsLoader;
import social.atoll.core.moderation.ReportService;

/**
 * {@code atoll admin accounts <action>|domains|reports|audit} against a real (SQLite) data directory: one line per
 * action, {@code --json} for scripts, refusals as one line with exit code 1, and every action in the audit log.
 */
class ModerationCommandsTest {

    @TempDir
    Path dataDir;

    private Result admin(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "admin";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--data-dir";
        all[args.length + 2] = dataDir.toString();
        Result r = run(all);
        return r;
    }

    private Result ok(String... args) {
        Result r = admin(args);
        assertThat(r.code()).as(String.join(" ", args) + ": " + r.err()).isZero();
        return r;
    }

    @Test
    void accountActionsPrintOneLineAndAreAudited() throws Exception {
        ok("accounts", "create", "troll", "--email", "troll@example.test");
        ok("accounts", "create", "friend", "--email", "friend@example.test");

        assertThat(ok("accounts", "suspend", "troll", "--text", "spam").out().strip()).isEqualTo("suspended @troll");
        assertThat(ok("accounts", "unsuspend", "troll").out().strip()).isEqualTo("unsuspended @troll");
        assertThat(ok("accounts", "silence", "troll").out().strip()).isEqualTo("silenced @troll");
        assertThat(ok("accounts", "unsilence", "troll").out().strip()).isEqualTo("unsilenced @troll");
        assertThat(ok("accounts", "disable", "troll").out().strip()).isEqualTo("disabled @troll");
        assertThat(ok("accounts", "enable", "troll").out().strip()).isEqualTo("enabled @troll");
        JsonNode j = new ObjectMapper().readTree(ok("accounts", "role", "friend", "moderator", "--json").out());
        assertThat(j.get("acct").asText()).isEqualTo("friend");
        assertThat(j.get("action").asText()).isEqualTo("role moderator given to");

        Result unknown = admin("accounts", "suspend", "nobody");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err().strip()).isEqualTo("atoll: no account nobody");
        Result notPending = admin("accounts", "approve", "troll");
        assertThat(notPending.code()).isEqualTo(1);
        assertThat(admin("accounts", "role", "friend", "emperor").code()).isEqualTo(2);

        assertThat(ok("accounts", "delete", "troll").out().strip()).isEqualTo("deleted @troll");

        List<String> audit = ok("audit").out().lines().toList();
        assertThat(audit).hasSizeGreaterThanOrEqualTo(9);
        assertThat(audit.get(0)).contains(" system destroy Account ").endsWith(" troll");
        assertThat(String.join("\n", audit)).contains("system suspend Account", "system unsuspend Account", "system silence Account",
                "system disable Account", "system enable User", "system change_role User");
        JsonNode first = new ObjectMapper().readTree(ok("audit", "--json", "--limit", "1", "--since", "PT1H").out());
        assertThat(first.get("action").asText()).isEqualTo("destroy");
        assertThat(first.get("account_id").isNull()).isTrue();
        assertThat(admin("audit", "--since", "yesterday").code()).isEqualTo(2);
    }

    @Test
    void domainsAreBlockedListedAndUnblocked() throws Exception {
        assertThat(ok("domains", "block", "Spam.Example", "--severity", "suspend", "--reject-media").out().strip())
                .isEqualTo("blocked spam.example (suspend, reject media)");
        assertThat(ok("domains", "block", "spam.example", "--severity", "silence").out().strip())
                .isEqualTo("blocked spam.example (silence, reject media)");
        assertThat(ok("domains", "allow", "friends.example").out().strip()).isEqualTo("allowed friends.example");
        assertThat(ok("domains", "list").out().lines().toList())
                .containsExactly("block spam.example silence reject-media", "allow friends.example");
        JsonNode j = new ObjectMapper().readTree(ok("domains", "list", "--json").out().lines().findFirst().orElseThrow());
        assertThat(j.get("severity").asText()).isEqualTo("silence");
        assertThat(admin("domains", "block", "not a domain").code()).isEqualTo(1);
        assertThat(admin("domains", "block", "x.example", "--severity", "nuke").code()).isEqualTo(1);
        assertThat(ok("domains", "unblock", "spam.example").out().strip()).isEqualTo("unblocked spam.example");
        assertThat(admin("domains", "unblock", "spam.example").code()).isEqualTo(1);
        assertThat(ok("domains", "disallow", "friends.example").out().strip()).isEqualTo("disallowed friends.example");
        assertThat(ok("domains", "list").out()).isEmpty();
        assertThat(ok("audit").out()).contains("system create DomainBlock", "system update DomainBlock", "system destroy DomainBlock",
                "system create DomainAllow", "system destroy DomainAllow");
    }

    @Test
    void reportsAreListedShownAndResolved() throws Exception {
        ok("accounts", "create", "reporter", "--email", "reporter@example.test");
        ok("accounts", "create", "spammer", "--email", "spammer@example.test");
        long reportId;
        try (App app = new App(new SettingsLoader(Map.of("ATOLL_DATA_DIR", dataDir.toString()), Map.of(), null).load())) {
            long reporter = app.core.accounts.byAcct("reporter", null).orElseThrow().id();
            long spammer = app.core.accounts.byAcct("spammer", null).orElseThrow().id();
            reportId = app.core.reports.create(reporter, new ReportService.NewReport(spammer, List.of(), "buy now spam", "spam", List.of(),
                    false, List.of())).id();
        }
        String line = ok("reports", "list").out().strip();
        assertThat(line).isEqualTo(reportId + " open spam @spammer by @reporter statuses=0 \"buy now spam\"");
        JsonNode shown = new ObjectMapper().readTree(ok("reports", "show", Long.toString(reportId), "--json").out());
        assertThat(shown.get("comment").asText()).isEqualTo("buy now spam");
        assertThat(shown.get("resolved").asBoolean()).isFalse();
        assertThat(ok("reports", "resolve", Long.toString(reportId)).out().strip()).isEqualTo("resolved report " + reportId);
        assertThat(ok("reports", "list").out()).isEmpty();
        assertThat(ok("reports", "list", "--resolved").out()).startsWith(reportId + " resolved spam");
        assertThat(admin("reports", "show", "12345").code()).isEqualTo(1);
        assertThat(ok("audit").out()).contains("system resolve Report " + reportId);
    }
}
