package social.atoll.infra.jobs;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Hands db-scheduler the connection of the caller's open transaction, so the job row is written inside it.
 * Closing the borrowed connection does nothing (the transaction owner closes it); with auto-commit off,
 * db-scheduler leaves the commit to the owner.
 */
final class BorrowedConnectionDataSource implements DataSource {

    private final Connection connection;

    BorrowedConnectionDataSource(Connection target) {
        this.connection = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close")) return null;
                    try {
                        return method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Override public Connection getConnection() { return connection; }

    @Override public Connection getConnection(String username, String password) { return connection; }

    @Override public PrintWriter getLogWriter() { return null; }

    @Override public void setLogWriter(PrintWriter out) {}

    @Override public void setLoginTimeout(int seconds) {}

    @Override public int getLoginTimeout() { return 0; }

    @Override public Logger getParentLogger() throws SQLFeatureNotSupportedException { throw new SQLFeatureNotSupportedException(); }

    @Override public <T> T unwrap(Class<T> iface) { return null; }

    @Override public boolean isWrapperFor(Class<?> iface) { return false; }
}
