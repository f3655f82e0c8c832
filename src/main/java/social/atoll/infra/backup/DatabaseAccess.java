package social.atoll.infra.backup;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.flywaydb.core.api.MigrationVersion;

/** Plain JDBC connections for backup and restore, outside the server's pools. */
final class DatabaseAccess {

    private DatabaseAccess() {}

    static Connection connect(String url, String user, String password) throws SQLException {
        Properties p = new Properties();
        if (user != null) p.setProperty("user", user);
        if (password != null) p.setProperty("password", password);
        // a restore loads in batches; PostgreSQL's driver then sends one multi-row INSERT per batch
        if (url.startsWith("jdbc:postgresql:")) p.setProperty("reWriteBatchedInserts", "true");
        return DriverManager.getConnection(url, p);
    }

    /** The file of a {@code jdbc:sqlite:} URL. */
    static Path sqliteFile(String url) {
        String file = url.substring("jdbc:sqlite:".length());
        int q = file.indexOf('?');
        return Path.of(q >= 0 ? file.substring(0, q) : file).toAbsolutePath();
    }

    /** A URL fit for a message: no password, no query. */
    static String display(String url) {
        if (url.startsWith("jdbc:sqlite:")) return sqliteFile(url).toString();
        try {
            URI u = URI.create(url.substring("jdbc:".length()));
            return u.getScheme() + "://" + u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "") + u.getPath();
        } catch (IllegalArgumentException e) {
            return "the configured PostgreSQL database";
        }
    }

    /** The last migration applied, as Flyway numbers it, or null when the database holds no Atoll schema. */
    static String schemaVersion(Connection c) throws SQLException {
        MigrationVersion max = null;
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL")) {
            while (rs.next()) {
                MigrationVersion v = MigrationVersion.fromVersion(rs.getString(1));
                if (max == null || v.compareTo(max) > 0) max = v;
            }
        } catch (SQLException e) {
            return null;
        }
        return max == null ? null : max.getVersion();
    }
}
