package social.atoll.infra.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import social.atoll.infra.db.Dialect;
import social.atoll.testing.TestInstance;

/**
 * The data directory and the SQLite files hold private keys, client secrets and password hashes: nobody but the
 * user running Atoll may read them, on a new install and on one made before this rule existed.
 */
class PrivateFilesIT {

    private static String mode(Path p) throws IOException { return PosixFilePermissions.toString(Files.getPosixFilePermissions(p)); }

    private static List<Path> sqliteFiles(TestInstance atoll) {
        Path db = atoll.dataDir().resolve("atoll.db");
        return List.of(db, Path.of(db + "-wal"), Path.of(db + "-shm"));
    }

    private static boolean sqlite(TestInstance atoll) { return atoll.app().infra.db.dialect() == Dialect.SQLITE; }

    @Test
    void aNewInstallIsPrivate() throws IOException {
        try (TestInstance atoll = TestInstance.start()) {
            atoll.createUser("private_owner"); // a write, so the WAL exists
            assertThat(mode(atoll.dataDir())).isEqualTo("rwx------");
            assertThat(mode(atoll.dataDir().resolve("secrets.properties"))).isEqualTo("rw-------");
            if (sqlite(atoll)) for (Path p : sqliteFiles(atoll)) assertThat(mode(p)).as(p.toString()).isEqualTo("rw-------");
        }
    }

    @Test
    void anOlderInstallReadableByOthersIsTightenedAtStart() throws IOException {
        TestInstance first = TestInstance.start();
        first.createUser("older_owner");
        first.stop();
        Files.setPosixFilePermissions(first.dataDir(), PosixFilePermissions.fromString("rwxr-xr-x"));
        boolean sqlite = sqlite(first);
        if (sqlite) {
            for (Path p : sqliteFiles(first))
                if (Files.exists(p)) Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
        }
        try (TestInstance again = first.restart(app -> {})) {
            assertThat(mode(again.dataDir())).isEqualTo("rwx------");
            if (sqlite) {
                for (Path p : sqliteFiles(again)) if (Files.exists(p)) assertThat(mode(p)).as(p.toString()).isEqualTo("rw-------");
            }
            assertThat(again.http().get("/api/v1/accounts/lookup?acct=older_owner").status()).isEqualTo(200);
        }
    }
}
