package social.atoll.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static social.atoll.testing.CliRun.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import social.atoll.testing.CliRun.Result;

/** {@code atoll admin settings list|get|set} and {@code atoll admin invites create|list|expire} on a real (SQLite) data directory. */
class SiteAdminCommandsTest {

    @TempDir
    Path dataDir;

    private Result admin(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "admin";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--data-dir";
        all[args.length + 2] = dataDir.toString();
        return run(all);
    }

    private Result ok(String... args) {
        Result r = admin(args);
        assertThat(r.code()).as(String.join(" ", args) + ": " + r.err()).isZero();
        return r;
    }

    @Test
    void settingsAreReadAndChangedAndAudited() throws Exception {
        assertThat(ok("settings", "set", "site_title", "Coral Reef").out().strip()).isEqualTo("set site_title");
        assertThat(ok("settings", "get", "site_title").out().strip()).isEqualTo("Coral Reef");
        assertThat(ok("settings", "set", "registrations_mode", "Invite").out().strip()).isEqualTo("set registrations_mode");
        assertThat(ok("settings", "get", "registrations_mode").out().strip()).isEqualTo("invite");
        Path policy = dataDir.resolve("policy.md");
        Files.writeString(policy, "# Privacy\n\nWe keep nothing.\n");
        ok("settings", "set", "privacy_policy", "--file", policy.toString());
        assertThat(ok("settings", "list").out()).contains("site_title = Coral Reef", "registrations_mode = invite", "privacy_policy = # Privacy …");
        JsonNode all = new ObjectMapper().readTree(ok("settings", "list", "--json").out());
        assertThat(all.get("privacy_policy").asText()).isEqualTo("# Privacy\n\nWe keep nothing.");
        assertThat(ok("settings", "set", "site_title", "").out().strip()).isEqualTo("reset site_title to its default");

        Result unknown = admin("settings", "set", "colour", "blue");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("unknown setting colour");
        Result badMode = admin("settings", "set", "registrations_mode", "sometimes");
        assertThat(badMode.code()).isEqualTo(1);
        assertThat(badMode.err()).contains("registrations_mode must be open, approval, invite or closed");
        assertThat(admin("settings", "set", "site_title").code()).isEqualTo(2);

        assertThat(ok("audit").out()).contains("system update Settings 0 site_title", "system update Settings 0 registrations_mode",
                "system update Settings 0 privacy_policy");
    }

    @Test
    void invitesAreCreatedListedAndExpired() throws Exception {
        String line = ok("invites", "create", "--max-uses", "5", "--expires-in", "1d").out().strip();
        assertThat(line).startsWith("created invite http").contains("/invite/");
        JsonNode j = new ObjectMapper().readTree(ok("invites", "create", "--json").out());
        assertThat(j.get("max_uses").isNull()).isTrue();
        assertThat(j.get("expires_at").isNull()).isTrue();
        assertThat(j.get("valid").asBoolean()).isTrue();
        String code = j.get("code").asText();

        var list = ok("invites", "list").out().lines().toList();
        assertThat(list).hasSize(2);
        assertThat(list.get(0)).contains(code, "valid", "uses 0/∞", "expires never");
        assertThat(list.get(1)).contains("uses 0/5");

        assertThat(ok("invites", "expire", code).out().strip()).isEqualTo("expired invite " + code);
        assertThat(ok("invites", "list").out().lines().findFirst().orElseThrow()).contains(code, "expired");
        assertThat(admin("invites", "expire", "nope").code()).isEqualTo(1);
        assertThat(admin("invites", "create", "--expires-in", "soon").code()).isEqualTo(2);
        assertThat(ok("audit").out()).contains("system create Invite", "system expire Invite");
    }
}
