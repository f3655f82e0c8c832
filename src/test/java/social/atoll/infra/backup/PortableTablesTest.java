package social.atoll.infra.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Column types as SQLite declares them and as PostgreSQL reports them map to the same portable kinds. */
class PortableTablesTest {

    @Test
    void bothDatabasesTypeNamesMapToOneKind() {
        for (String t : new String[] {"BOOLEAN", "bool"}) assertThat(PortableTables.kind(t)).isEqualTo(PortableTables.Kind.BOOLEAN);
        for (String t : new String[] {"BIGINT", "INTEGER", "int8", "int4", "int2", "SMALLINT", "bigserial"})
            assertThat(PortableTables.kind(t)).isEqualTo(PortableTables.Kind.INTEGER);
        for (String t : new String[] {"BLOB", "bytea"}) assertThat(PortableTables.kind(t)).isEqualTo(PortableTables.Kind.BYTES);
        for (String t : new String[] {"TIMESTAMP", "timestamptz", "TIMESTAMP WITH TIME ZONE"})
            assertThat(PortableTables.kind(t)).isEqualTo(PortableTables.Kind.TIMESTAMP);
        for (String t : new String[] {"REAL", "float8", "DOUBLE PRECISION", "numeric"}) assertThat(PortableTables.kind(t)).isEqualTo(PortableTables.Kind.REAL);
        for (String t : new String[] {"TEXT", "varchar", "", "jsonish"}) assertThat(PortableTables.kind(t)).isEqualTo(PortableTables.Kind.TEXT);
        assertThat(PortableTables.kind("jsonb")).isEqualTo(PortableTables.Kind.JSON);
    }

    @Test
    void namesFromAnArchiveAreAtollsOwnOrRefused() {
        assertThat(PortableTables.checkName("media_attachments")).isEqualTo("media_attachments");
        for (String bad : new String[] {"x\"; DROP TABLE accounts; --", "Accounts", "../etc", "", "a b"})
            assertThatThrownBy(() -> PortableTables.checkName(bad)).isInstanceOf(BackupException.class).hasMessageContaining("never makes");
    }
}
