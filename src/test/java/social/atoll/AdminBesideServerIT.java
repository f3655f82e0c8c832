package social.atoll;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import social.atoll.testing.TestInstance;

/**
 * Admin commands work on the same data dir and database as a running server, while it runs: an account created
 * and a token printed by the CLI are usable through the server's API at once (SQLite: a second process-level
 * writer waits on busy_timeout; PostgreSQL: just another client).
 */
class AdminBesideServerIT {

    @Test
    void anAccountAndTokenMadeByTheCliWorkOnTheRunningServer() {
        try (TestInstance atoll = TestInstance.start()) {
            // the test database URL carries its credentials, as an admin's ATOLL_DB_URL would
            String[] db = {"--data-dir", atoll.dataDir().toString(), "--db-url", atoll.settings().dbUrl(), "--domain", atoll.domain()};
            // keep posting through the server while the CLI writes, so both really write at the same time
            String alice = atoll.createUser("alice");
            Thread writer = Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 20; i++) atoll.http().postJson("/api/v1/statuses", alice, java.util.Map.of("status", "busy " + i));
            });

            int created = Atoll.run(concat(new String[] {"admin", "accounts", "create", "carol", "--email", "carol@example.test",
                    "--password", "carol-password", "--role", "moderator"}, db));
            assertThat(created).isZero();
            String token = captureStdout(() -> assertThat(Atoll.run(concat(new String[] {"admin", "accounts", "token", "carol",
                    "--scopes", "read write"}, db))).isZero()).trim();
            writer.join();

            var me = atoll.http().get("/api/v1/accounts/verify_credentials", token);
            assertThat(me.status()).isEqualTo(200);
            assertThat(me.json().get("username").asText()).isEqualTo("carol");
            assertThat(me.json().get("role").get("name").asText()).isEqualTo("Moderator");
            assertThat(atoll.http().get("/api/v1/accounts/lookup?acct=carol").status()).isEqualTo(200);
            var statuses = atoll.http().get("/api/v1/accounts/" + atoll.app().core.accounts.byAcct("alice", null).orElseThrow().id() + "/statuses?limit=40");
            assertThat(statuses.json().size()).as("the server's own writes all went through").isEqualTo(20);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static synchronized String captureStdout(Runnable r) {
        PrintStream out = System.out;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            r.run();
        } finally {
            System.setOut(out);
        }
        return o.toString(StandardCharsets.UTF_8);
    }
}
