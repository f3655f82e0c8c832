package social.atoll.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static social.atoll.testing.CliRun.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import social.atoll.testing.CliRun.Result;

/**
 * {@code atoll admin roles list|create|delete} and {@code admin accounts role USER ROLE} with custom roles, against a
 * real (SQLite) data directory: one line each, {@code --json} for scripts, refusals as one line with exit code 1,
 * every change in the audit log.
 */
class RolesCommandTest {

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
    void rolesAreListedCreatedGivenAndDeleted() throws Exception {
        List<String> seeded = ok("roles", "list").out().lines().toList();
        assertThat(seeded).hasSize(4);
        assertThat(seeded.get(0)).startsWith("3 Owner position 1000 highlighted permissions administrator");
        assertThat(seeded.get(3)).isEqualTo("-99 @everyone position -1 permissions invite_users users 0");

        String created = ok("roles", "create", "Reviewer", "--permissions", "manage_reports,view_dashboard", "--position", "20",
                "--highlighted", "--color", "#ff8800").out().strip();
        assertThat(created).isEqualTo("created role 4 Reviewer position 20 highlighted permissions view_dashboard,manage_reports");
        assertThat(admin("roles", "create", "Broken", "--permissions", "rule_the_world").code()).isEqualTo(2);
        Result dup = admin("roles", "create", "reviewer");
        assertThat(dup.code()).isEqualTo(1);
        assertThat(dup.err()).contains("Name has already been taken");

        ok("accounts", "create", "helper", "--email", "helper@example.test");
        assertThat(ok("accounts", "role", "helper", "Reviewer").out().strip()).isEqualTo("role reviewer given to @helper");
        JsonNode given = new ObjectMapper().readTree(ok("accounts", "role", "helper", "reviewer", "--json").out());
        assertThat(given.get("role_id").asText()).isEqualTo("4");
        assertThat(ok("accounts", "list").out()).contains("reviewer");

        // a role someone holds stays; a built-in one always does
        Result inUse = admin("roles", "delete", "Reviewer");
        assertThat(inUse.code()).isEqualTo(1);
        assertThat(inUse.err()).contains("held by 1");
        assertThat(admin("roles", "delete", "Moderator").code()).isEqualTo(1);

        assertThat(ok("accounts", "role", "helper", "user").out().strip()).isEqualTo("role user given to @helper");
        JsonNode deleted = new ObjectMapper().readTree(ok("roles", "delete", "4", "--json").out());
        assertThat(deleted.get("name").asText()).isEqualTo("Reviewer");
        JsonNode listed = new ObjectMapper().readTree(ok("roles", "list", "--json").out().lines().findFirst().orElseThrow());
        assertThat(listed.get("name").asText()).isEqualTo("Owner");
        assertThat(listed.get("permissions").asText()).isEqualTo(Long.toString((1L << 21) - 1));

        String audit = ok("audit").out();
        assertThat(audit).contains("system create UserRole").contains("system destroy UserRole").contains("system change_role User");
    }
}
