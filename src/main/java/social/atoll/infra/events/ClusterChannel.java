package social.atoll.infra.events;

import java.util.function.Consumer;

/**
 * Small text messages that every node of a cluster receives, the publishing node included. Streaming (and later
 * cache invalidation) uses it to reach clients connected to other nodes. Messages are short (ids, not documents):
 * each node renders what it sends from its own database reads.
 *
 * <p>On SQLite there is one node, so {@link Local} hands messages straight to the listeners; on PostgreSQL
 * {@link PgNotifyChannel} carries them over {@code LISTEN/NOTIFY}.
 */
public interface ClusterChannel extends AutoCloseable {

    /** Longest message a channel carries; longer ones must be split by the caller. PostgreSQL allows < 8000 bytes. */
    int MAX_MESSAGE = 7000;

    /** Sends to every node; never throws for a delivery problem (it is logged), so callers need no error path. */
    void publish(String message);

    /** Registers a listener for messages from all nodes; call before {@link #start()}. */
    void listen(Consumer<String> listener);

    /** Starts receiving. */
    void start();

    @Override
    void close();

    /** The single-node channel: messages go straight to the listeners on the publishing thread. */
    final class Local implements ClusterChannel {
        private final java.util.List<Consumer<String>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void publish(String message) {
            for (Consumer<String> l : listeners) {
                try {
                    l.accept(message);
                } catch (RuntimeException e) {
                    org.slf4j.LoggerFactory.getLogger(ClusterChannel.class).error("cluster message listener failed", e);
                }
            }
        }

        @Override
        public void listen(Consumer<String> listener) { listeners.add(listener); }

        @Override
        public void start() {}

        @Override
        public void close() { listeners.clear(); }
    }
}
