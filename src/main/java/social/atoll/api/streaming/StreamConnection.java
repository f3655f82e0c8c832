package social.atoll.api.streaming;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One client connection (a WebSocket or an SSE response) of a signed-in account, with its subscriptions. The
 * dispatcher calls {@link #send} from its own thread; implementations must not block it for long.
 */
public abstract class StreamConnection {

    private final long viewerId;
    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();

    protected StreamConnection(long viewerId) { this.viewerId = viewerId; }

    public long viewerId() { return viewerId; }

    Set<Subscription> subscriptions() { return subscriptions; }

    /** Sends one event; {@code payload} is the already-encoded JSON text (or the bare id for deletes), null for none. */
    public abstract void send(Subscription sub, String event, String payload);

    /** Ends the connection from the server side (shutdown). */
    void close() {}
}
