package social.atoll.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static social.atoll.testing.CliRun.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import social.atoll.App;
import social.atoll.config.SettingsLoader;
import social.atoll.core.account.NewLocalAccount;
import social.atoll.core.account.User;
import social.atoll.testing.CliRun.Result;
import social.atoll.testing.EmojiImages;

/**
 * The parts of the admin CLI that came last: {@code admin rules list|add|remove}, {@code admin accounts
 * modify USER --email --role --confirm --disable-2fa}, and custom emoji changes in the audit log; each prints one
 * line, or one JSON object with {@code --json}, on a real (SQLite) data directory.
 */
class AdminCliCompletenessTest {

    @TempDir
    Path dataDir;

    private final ObjectMapper json = new ObjectMapper();

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
    void rulesAreListedAddedAndRemoved() throws Exception {
        assertThat(ok("rules", "list").out()).isEmpty();
        String first = ok("rules", "add", "Be kind", "--hint", "No insults").out().strip();
        assertThat(first).matches("added rule [0-9]+: Be kind");
        JsonNode second = json.readTree(ok("rules", "add", "No spam", "--json").out());
        assertThat(second.get("text").asText()).isEqualTo("No spam");
        String secondId = second.get("id").asText();

        var lines = ok("rules", "list").out().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).endsWith("Be kind (No insults)");
        assertThat(lines.get(1)).isEqualTo(secondId + " No spam");
        JsonNode listed = json.readTree(ok("rules", "list", "--json").out().lines().toList().get(1));
        assertThat(listed.get("id").asText()).isEqualTo(secondId);

        assertThat(ok("rules", "remove", secondId).out().strip()).isEqualTo("removed rule " + secondId);
        assertThat(ok("rules", "list").out().lines().toList()).hasSize(1);
        Result missing = admin("rules", "remove", secondId);
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("not found");
        Result blank = admin("rules", "add", " ");
        assertThat(blank.code()).isEqualTo(1);
        assertThat(blank.err()).contains("Text can't be blank");

        assertThat(ok("audit").out()).contains("system create Rule", "Be kind", "system destroy Rule " + secondId + " No spam");
    }

    @Test
    void accountsModifyChangesEmailRoleConfirmationAndTwoFactor() throws Exception {
        ok("accounts", "create", "taken", "--email", "taken@example.test");
        try (App app = new App(new SettingsLoader(Map.of("ATOLL_DATA_DIR", dataDir.toString()), Map.of(), null).load())) {
            app.core.accountService.createLocal(new NewLocalAccount("newbie", "newbie@example.test", "correct horse battery",
                    User.Role.USER, false, true, "en", null, null), true);
        }

        String line = ok("accounts", "modify", "newbie", "--email", "New@Example.test", "--role", "moderator", "--confirm", "--disable-2fa")
                .out().strip();
        assertThat(line).isEqualTo("modified @newbie: email new@example.test, role moderator, confirmed, two-factor was not on");
        JsonNode j = json.readTree(ok("accounts", "modify", "newbie", "--confirm", "--json").out());
        assertThat(j.get("acct").asText()).isEqualTo("newbie");
        assertThat(j.get("confirmed").asBoolean()).isTrue();

        try (App app = new App(new SettingsLoader(Map.of("ATOLL_DATA_DIR", dataDir.toString()), Map.of(), null).load())) {
            var account = app.core.accounts.byAcct("newbie", null).orElseThrow();
            User u = app.core.accounts.userByAccountId(account.id()).orElseThrow();
            assertThat(u.email()).isEqualTo("new@example.test");
            assertThat(u.roleId()).isEqualTo(User.Role.MODERATOR.roleId);
            assertThat(u.confirmedAt()).isNotNull();
        }

        Result taken = admin("accounts", "modify", "newbie", "--email", "taken@example.test");
        assertThat(taken.code()).isEqualTo(1);
        assertThat(taken.err()).contains("Email has already been taken");
        assertThat(admin("accounts", "modify", "newbie", "--email", "not-an-address").err()).contains("Email is invalid");
        assertThat(admin("accounts", "modify", "newbie").code()).isEqualTo(2);
        assertThat(admin("accounts", "modify", "newbie", "--role", "emperor").code()).isEqualTo(2);

        assertThat(ok("audit").out()).contains("system change_email User", "system change_role User", "system confirm User");
    }

    @Test
    void customEmojiChangesAreAudited() throws Exception {
        Path png = dataDir.resolve("blobcat.png");
        Files.write(png, EmojiImages.png(java.awt.Color.ORANGE));
        ok("emoji", "add", "blobcat", png.toString());
        ok("emoji", "remove", "blobcat");
        var audit = ok("audit").out();
        assertThat(audit).contains("system create CustomEmoji", "blobcat", "system destroy CustomEmoji");
    }
}
