package social.atoll.infra.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;
import org.slf4j.Logger;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
import org.slf4j.LoggerFactory;
import social.atoll.config.Settings;
import social.atoll.infra.files.PrivateFiles;

/**
 * The database: connection pools, Jdbi, migrations, and the two ways in — {@link #read} and {@link #write}.
 *
 * <p>SQLite allows one writer at a time. Rather than letting concurrent write transactions fail with
 * SQLITE_BUSY when a reader upgrades to a writer, every write goes through a pool of one connection whose
 * transactions start with {@code BEGIN IMMEDIATE}; reads use a separate pool of read-only connections and
 * never wait for the writer (WAL). Other processes on the same file (the admin CLI) are covered by
 * {@code busy_timeout}. On PostgreSQL both doors use the same pool.
 *
 * <p>Times are stored as BIGINT epoch milliseconds on both databases; {@link Instant} binds and maps that way.
 */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private final Dialect dialect;
    private final HikariDataSource writePool;
    private final HikariDataSource readPool;
    private final Jdbi writer;
    private final Jdbi reader;
    private final ThreadLocal<Tx> current = new ThreadLocal<>();
    private final StatementCounter statements = new StatementCounter();
    /** How many migrations {@link #migrate} found applied; -1 before it ran. */
    private volatile int migrations = -1;
    private static final int PROBE_SECONDS = 2;

    private Database(Dialect dialect, HikariDataSource writePool, HikariDataSource readPool) {
        this.dialect = dialect;
        this.writePool = writePool;
        this.readPool = readPool;
        this.writer = configure(Jdbi.create(writePool));
        this.reader = readPool == writePool ? writer : configure(Jdbi.create(readPool));
    }

    public static Database open(Settings settings) {
        return open(settings.dbUrl(), settings.dbUser(), settings.dbPassword());
    }

    public static Database open(String jdbcUrl, String user, String password) {
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            String file = jdbcUrl.substring("jdbc:sqlite:".length());
            int q = file.indexOf('?');
            if (q >= 0) file = file.substring(0, q);
            if (!file.isBlank() && !file.startsWith(":memory:") && !file.startsWith("file:")) {
                Path path = Path.of(file).toAbsolutePath();
                // a directory made here is private; one the admin chose is left as it is, the files are not
                if (path.getParent() != null && !Files.isDirectory(path.getParent())) PrivateFiles.directory(path.getParent());
                PrivateFiles.file(path, Path.of(path + "-wal"), Path.of(path + "-shm"));
            }
            HikariDataSource write = sqlitePool(jdbcUrl, "atoll-db-write", 1, false);
            HikariDataSource read = sqlitePool(jdbcUrl, "atoll-db-read", Math.max(4, Runtime.getRuntime().availableProcessors() * 2), true);
            return new Database(Dialect.SQLITE, write, read);
        }
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(jdbcUrl);
        if (user != null) c.setUsername(user);
        if (password != null) c.setPassword(password);
        c.setPoolName("atoll-db");
        c.setMaximumPoolSize(20);
        c.setMinimumIdle(2);
        c.setConnectionTimeout(10_000);
        HikariDataSource pool = new HikariDataSource(c);
        return new Database(Dialect.POSTGRES, pool, pool);
    }

    private static HikariDataSource sqlitePool(String url, String name, int size, boolean readOnly) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(url);
        c.setPoolName(name);
        c.setMaximumPoolSize(size);
        c.setMinimumIdle(1);
        c.setConnectionTimeout(30_000);
        c.addDataSourceProperty("journal_mode", "WAL");
        c.addDataSourceProperty("busy_timeout", "15000");
        c.addDataSourceProperty("synchronous", "NORMAL");
        c.addDataSourceProperty("foreign_keys", "true");
        // Readers only ever run SELECTs; the writer's transactions take the write lock up front.
        if (!readOnly) c.addDataSourceProperty("transaction_mode", "IMMEDIATE");
        return new HikariDataSource(c);
    }

    private static final Logger sqlLog = LoggerFactory.getLogger("atoll.sql");

    private Jdbi configure(Jdbi jdbi) {
        jdbi.getConfig(SqlStatements.class).setSqlLogger(new SqlLogger() {
            @Override
            public void logAfterExecution(StatementContext ctx) {
                statements.executed();
                // ATOLL_LOG_LEVEL=DEBUG (or logger atoll.sql at DEBUG): every statement with its time, to find slow queries.
                if (sqlLog.isDebugEnabled())
                    sqlLog.debug("{} us: {}", Duration.between(ctx.getExecutionMoment(), ctx.getCompletionMoment()).toNanos() / 1000,
                            ctx.getRenderedSql().replaceAll("\\s+", " "));
            }

            @Override
            public void logException(StatementContext ctx, SQLException ex) { statements.executed(); }
        });
        jdbi.registerColumnMapper(Instant.class, (rs, col, ctx) -> {
            long v = rs.getLong(col);
            return rs.wasNull() ? null : Instant.ofEpochMilli(v);
        });
        jdbi.registerArgument(new AbstractArgumentFactory<Instant>(Types.BIGINT) {
            @Override
            protected Argument build(Instant value, ConfigRegistry config) {
                return (pos, stmt, ctx) -> stmt.setLong(pos, value.toEpochMilli());
            }
        });
        // PostgreSQL cannot hold a NUL in text at all ("invalid byte sequence for encoding UTF8: 0x00"), and text
        // from outside — remote posts, imported archives and CSV files — may carry one: a job storing it would fail
        // on every retry. Features strip control characters where they read text; this is the last door, the same
        // on both databases so that SQLite does not keep what PostgreSQL could not.
        jdbi.registerArgument(new AbstractArgumentFactory<String>(Types.VARCHAR) {
            @Override
            protected Argument build(String value, ConfigRegistry config) {
                String text = value.indexOf('\0') < 0 ? value : value.replace("\0", "");
                return (pos, stmt, ctx) -> stmt.setString(pos, text);
            }
        });
        return jdbi;
    }

    public Dialect dialect() { return dialect; }

    /** Counts statements per request and job run (see {@link StatementCounter}). */
    public StatementCounter statements() { return statements; }

    /**
     * Runs the migrations for this dialect; safe to call from several processes at once. A database that is already
     * current (see {@link Migrations}) is left alone without starting Flyway; anything else goes through Flyway's
     * migrate, which validates the history as before.
     */
    public void migrate() {
        Migrations.State state = schemaState();
        if (state.current()) {
            migrations = state.applied();
            return;
        }
        Flyway flyway = flyway();
        flyway.migrate();
        migrations = flyway.info().applied().length;
    }

    /**
     * Runs the migrations up to and including {@code version} only (a restore first recreates the schema its backup
     * was taken from, loads the rows, then runs the rest with {@link #migrate}).
     */
    public void migrateTo(String version) {
        flywayConfig().target(org.flywaydb.core.api.MigrationVersion.fromVersion(version)).load().migrate();
    }

    /** The newest schema version this build of Atoll knows (its last migration). */
    public String latestKnownVersion() {
        var all = flyway().info().all();
        org.flywaydb.core.api.MigrationVersion max = null;
        for (var m : all) if (m.getVersion() != null && (max == null || m.getVersion().compareTo(max) > 0)) max = m.getVersion();
        return max == null ? "0" : max.getVersion();
    }

    /**
     * For admin commands, which run beside a server and must not change its schema under it: passes when the schema
     * is current, migrates a new (empty) database as the server's first start would, and otherwise fails with a
     * message saying what to do.
     */
    public void requireCurrentSchema() {
        Migrations.State state = schemaState();
        switch (state.status()) {
            case CURRENT -> migrations = state.applied();
            case EMPTY -> migrate();
            case OUTDATED -> throw new SchemaMismatchException("the database schema is older than this version of Atoll ("
                    + state.detail() + "): start the server or run 'atoll db migrate' first");
            case NEWER -> throw new SchemaMismatchException("the database schema is newer than this version of Atoll ("
                    + state.detail() + "): use the Atoll version that migrated it");
            case INCONSISTENT -> throw new SchemaMismatchException("the database's migration history does not match this version of Atoll ("
                    + state.detail() + "): 'atoll db migrate' prints Flyway's report");
        }
    }

    /** How this database's schema history compares with the migrations of this build (one query, no Flyway). */
    public Migrations.State schemaState() {
        try (Connection c = writePool.getConnection()) {
            return Migrations.check(c, dialect);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the schema history: " + e.getMessage(), e);
        }
    }

    /** An admin command met a schema it must not work on (see {@link #requireCurrentSchema}). */
    public static final class SchemaMismatchException extends RuntimeException {
        public SchemaMismatchException(String message) { super(message); }
    }

    /**
     * True when the database answers, holds every migration this version knows, and (SQLite) its write lock can
     * be had. Readiness probes run often and during trouble, so this uses no pooled write connection and no Flyway
     * (whose failed rollback once kept the single write connection for good), and waits at most a few seconds.
     */
    public boolean ready() {
        if (migrations < 0) return false;
        try {
            int applied = reader.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM flyway_schema_history WHERE success")
                    .setQueryTimeout(PROBE_SECONDS).mapTo(Integer.class).one());
            if (applied < migrations) return false;
            return dialect != Dialect.SQLITE || sqliteWriteLockAvailable();
        } catch (RuntimeException e) {
            log.warn("readiness check failed: {}", e.toString());
            return false;
        }
    }

    /** Takes and drops SQLite's write lock on a connection of its own, waiting at most {@link #PROBE_SECONDS}. */
    private boolean sqliteWriteLockAvailable() {
        try (Connection c = DriverManager.getConnection(writePool.getJdbcUrl()); Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = " + PROBE_SECONDS * 1000);
            s.execute("BEGIN IMMEDIATE");
            s.execute("ROLLBACK");
            return true;
        } catch (SQLException e) {
            log.warn("readiness check: the database cannot be written now: {}", e.getMessage());
            return false;
        }
    }

    /**
     * True when {@code e} says the database was locked by someone else for longer than the busy timeout (SQLite's
     * {@code SQLITE_BUSY}/{@code SQLITE_LOCKED}): the request may succeed when retried.
     */
    public static boolean isBusy(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLiteException s) {
                SQLiteErrorCode code = s.getResultCode();
                if (code == SQLiteErrorCode.SQLITE_BUSY || code == SQLiteErrorCode.SQLITE_LOCKED
                        || code.name().startsWith("SQLITE_BUSY_") || code.name().startsWith("SQLITE_LOCKED_")) return true;
            }
        }
        return false;
    }

    /**
     * True when {@code e} says the database could not be reached: no connection within the pool's timeout, a
     * connection refused or cut (SQL state class 08), or the server shutting down or starting up (57P01–57P03) —
     * PostgreSQL restarted or failing over. The request may succeed when retried; the pool reconnects by itself.
     */
    public static boolean isUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLTransientConnectionException || t instanceof java.sql.SQLNonTransientConnectionException) return true;
            if (t instanceof java.sql.SQLException s && s.getSQLState() != null) {
                String state = s.getSQLState();
                if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) return true;
            }
        }
        return false;
    }

    private Flyway flyway() { return flywayConfig().load(); }

    private org.flywaydb.core.api.configuration.FluentConfiguration flywayConfig() {
        return Flyway.configure()
                .dataSource(writePool)
                .locations(Migrations.locations(dialect).stream().map(l -> "classpath:" + l).toArray(String[]::new));
    }

    /** Reads outside any transaction (or inside the current write transaction of this thread). */
    public <R> R read(HandleCallback<R, RuntimeException> callback) {
        Tx tx = current.get();
        if (tx != null) return callback.withHandle(tx.handle);
        return reader.withHandle(callback);
    }

    /**
     * Runs the callback in a write transaction. A write inside a write joins the outer transaction, so
     * services can call each other freely. Callbacks registered with {@link #afterCommit} run once the
     * outermost transaction has committed.
     */
    public <R> R write(HandleCallback<R, RuntimeException> callback) {
        Tx outer = current.get();
        if (outer != null) return callback.withHandle(outer.handle);
        Tx tx = new Tx();
        R result;
        try {
            result = writer.inTransaction(h -> {
                tx.handle = h;
                current.set(tx);
                return callback.withHandle(h);
            });
        } finally {
            current.remove();
        }
        for (Runnable r : tx.afterCommit) {
            try {
                r.run();
            } catch (RuntimeException e) {
                log.error("after-commit callback failed", e);
            }
        }
        return result;
    }

    /** Runs {@code r} after the current write transaction commits; runs it now if there is none. */
    public void afterCommit(Runnable r) {
        Tx tx = current.get();
        if (tx == null) r.run();
        else tx.afterCommit.add(r);
    }

    /** True when this thread is inside {@link #write}. */
    public boolean inTransaction() { return current.get() != null; }

    /** The pool writes go through; the job scheduler polls with it. */
    public DataSource writeDataSource() { return writePool; }

    /** The handle of this thread's write transaction; fails outside one. */
    public Handle currentHandle() {
        Tx tx = current.get();
        if (tx == null) throw new IllegalStateException("not inside Database.write");
        return tx.handle;
    }

    @Override
    public void close() {
        if (readPool != writePool) readPool.close();
        writePool.close();
    }

    private static final class Tx {
        Handle handle;
        final List<Runnable> afterCommit = new ArrayList<>();
    }
}
