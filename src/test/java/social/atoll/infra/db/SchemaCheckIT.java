package social.atoll.infra.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import social.atoll.Atoll;
import social.atoll.testing.TestDatabases;

/**
 * The cheap schema check that replaces Flyway on a current database (server start, admin commands): it must agree
 * with Flyway on a database Flyway migrated, and admin commands must refuse, with one line saying what to do, a
 * schema that is older, newer or different from this build's — while the server still leaves those to Flyway.
 */
class SchemaCheckIT {

    @TempDir
    Path dir;

    private String url;

    private Database migrated() {
        url = TestDatabases.freshUrl(dir);
        Database db = Database.open(url, null, null);
        db.migrate();
        return db;
    }

    @Test
    void aDatabaseFlywayMigratedIsCurrentByTheCheapCheck() {
        try (Database db = migrated()) {
            Migrations.State state = db.schemaState();
            assertThat(state.status()).as(state.detail()).isEqualTo(Migrations.Status.CURRENT);
            int rows = db.read(h -> h.createQuery("SELECT COUNT(*) FROM flyway_schema_history WHERE success").mapTo(Integer.class).one());
            assertThat(state.applied()).isEqualTo(rows);
            // every script of the build is known, with the checksum Flyway recorded for it
            List<Migrations.Script> known = Migrations.known(db.dialect());
            assertThat(known).extracting(Migrations.Script::version).contains("1", "2", "140");
            for (Migrations.Script s : known) {
                int recorded = db.read(h -> h.createQuery("SELECT checksum FROM flyway_schema_history WHERE version = :v")
                        .bind("v", s.version()).mapTo(Integer.class).one());
                assertThat(s.checksum()).as(s.name()).isEqualTo(recorded);
            }
            // a second start and a command both pass without Flyway, and the server reports ready
            db.migrate();
            db.requireCurrentSchema();
            assertThat(db.ready()).isTrue();
        }
    }

    @Test
    void aCommandMigratesANewDatabase() {
        url = TestDatabases.freshUrl(dir);
        try (Database db = Database.open(url, null, null)) {
            assertThat(db.schemaState().status()).isEqualTo(Migrations.Status.EMPTY);
            db.requireCurrentSchema();
            assertThat(db.schemaState().status()).isEqualTo(Migrations.Status.CURRENT);
        }
    }

    @Test
    void commandsRefuseAnOutdatedSchema() {
        try (Database db = migrated()) {
            String newest = Migrations.known(db.dialect()).getLast().version();
            db.write(h -> h.execute("DELETE FROM flyway_schema_history WHERE version = ?", newest));
            Migrations.State state = db.schemaState();
            assertThat(state.status()).isEqualTo(Migrations.Status.OUTDATED);
            assertThat(state.detail()).contains("V" + newest);
            assertThatThrownBy(db::requireCurrentSchema).isInstanceOf(Database.SchemaMismatchException.class)
                    .hasMessageContaining("older").hasMessageContaining("atoll db migrate");
        }
        Cli r = cli("admin", "accounts", "list", "--data-dir", dir.toString(), "--db-url", url);
        assertThat(r.code).isEqualTo(1);
        assertThat(r.out).isEmpty();
        assertThat(r.errLines()).singleElement().asString()
                .startsWith("atoll: the database schema is older than this version of Atoll").contains("db migrate");
    }

    @Test
    void commandsRefuseANewerSchemaWhichTheServerStillStartsOn() {
        try (Database db = migrated()) {
            db.write(h -> h.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, "
                    + "installed_by, execution_time, success) VALUES (9999, '99999', 'from the future', 'SQL', 'V99999__from_the_future.sql', 1, "
                    + "'test', 1, ?)", true));
            assertThat(db.schemaState().status()).isEqualTo(Migrations.Status.NEWER);
            assertThat(db.schemaState().detail()).contains("V99999");
            // the server's start goes through Flyway, which ignores a future migration as it did before
            db.migrate();
        }
        Cli r = cli("admin", "jobs", "pending", "--data-dir", dir.toString(), "--db-url", url);
        assertThat(r.code).isEqualTo(1);
        assertThat(r.errLines()).singleElement().asString()
                .startsWith("atoll: the database schema is newer than this version of Atoll").contains("V99999");
    }

    @Test
    void anEditedMigrationIsRefusedByCommandsAndStillCaughtByFlywayAtStart() {
        try (Database db = migrated()) {
            db.write(h -> h.execute("UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '1'"));
            Migrations.State state = db.schemaState();
            assertThat(state.status()).isEqualTo(Migrations.Status.INCONSISTENT);
            assertThat(state.detail()).contains("V1");
            assertThatThrownBy(db::requireCurrentSchema).isInstanceOf(Database.SchemaMismatchException.class)
                    .hasMessageContaining("does not match");
            assertThatThrownBy(db::migrate).isInstanceOf(FlywayValidateException.class);
        }
    }

    @Test
    void versionsCompareAsFlywayOrdersThem() {
        assertThat(Migrations.compareVersions("2", "10")).isNegative();
        assertThat(Migrations.compareVersions("10", "10.1")).isNegative();
        assertThat(Migrations.compareVersions("140", "140.0")).isZero();
    }

    record Cli(int code, String out, String err) {
        List<String> errLines() { return err.lines().filter(l -> !l.isBlank()).toList(); }
    }

    private static Cli cli(String... args) {
        var r = social.atoll.testing.CliRun.run(args);
        return new Cli(r.code(), r.out(), r.err());
    }
}
