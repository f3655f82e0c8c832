package social.atoll.infra.events;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.atoll.infra.db.Database;

/**
 * {@link ClusterChannel} over PostgreSQL {@code LISTEN/NOTIFY} on channel {@code atoll_stream} (DESIGN.md §1: events
 * that cross nodes travel through the shared database, no extra broker).
 *
 * <p>Listening holds one dedicated connection outside the pool (a pooled one would be handed to others and lose
 * its LISTEN). A daemon thread waits on it; if the connection breaks, it reconnects with back-off — messages sent
 * while it was down are lost, which streaming clients tolerate (they re-read timelines on reconnect). Publishing
 * borrows a pooled connection for one {@code pg_notify} call.
 */
public final class PgNotifyChannel implements ClusterChannel {

    public static final String CHANNEL = "atoll_stream";

    private static final Logger log = LoggerFactory.getLogger(PgNotifyChannel.class);

    private final Database db;
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean running;
    private volatile Connection listening;
    private Thread thread;

    public PgNotifyChannel(Database db, String jdbcUrl, String user, String password) {
        this.db = db;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    @Override
    public void publish(String message) {
        try {
            db.read(h -> h.createQuery("SELECT 1 FROM (SELECT pg_notify(:channel, :message)) n")
                    .bind("channel", CHANNEL).bind("message", message).mapTo(Integer.class).one());
        } catch (RuntimeException e) {
            log.warn("cannot publish to {}: {}", CHANNEL, e.toString());
        }
    }

    @Override
    public void listen(Consumer<String> listener) { listeners.add(listener); }

    @Override
    public synchronized void start() {
        if (running) return;
        running = true;
        connect(); // the first LISTEN is in place before start() returns, so nothing published after it is missed
        thread = Thread.ofPlatform().daemon().name("atoll-pg-listen").start(this::loop);
    }

    private boolean connect() {
        try {
            Properties p = new Properties();
            if (user != null) p.setProperty("user", user);
            if (password != null) p.setProperty("password", password);
            Connection c = DriverManager.getConnection(jdbcUrl, p);
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("LISTEN " + CHANNEL);
            }
            listening = c;
            return true;
        } catch (SQLException e) {
            log.warn("cannot LISTEN on {}: {}", CHANNEL, e.toString());
            listening = null;
            return false;
        }
    }

    private void loop() {
        long backoff = 500;
        while (running) {
            Connection c = listening;
            if (c == null) {
                sleep(backoff);
                backoff = Math.min(backoff * 2, 15_000);
                if (running && connect()) {
                    backoff = 500;
                    log.info("listening on {} again", CHANNEL);
                }
                continue;
            }
            try {
                PGNotification[] received = c.unwrap(PGConnection.class).getNotifications(1000);
                if (received == null) continue;
                for (PGNotification n : received) deliver(n.getParameter());
            } catch (SQLException e) {
                if (!running) break;
                log.warn("LISTEN connection on {} failed: {}", CHANNEL, e.toString());
                closeQuietly(c);
                listening = null;
            }
        }
    }

    private void deliver(String message) {
        for (Consumer<String> l : listeners) {
            try {
                l.accept(message);
            } catch (RuntimeException e) {
                log.error("cluster message listener failed", e);
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // already broken
        }
    }

    @Override
    public synchronized void close() {
        running = false;
        Connection c = listening;
        if (c != null) closeQuietly(c);
        listening = null;
        if (thread != null) {
            try {
                thread.join(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        listeners.clear();
    }
}
