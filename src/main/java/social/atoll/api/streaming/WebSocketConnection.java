package social.atoll.api.streaming;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.websocket.WsContext;

/**
 * A multiplexed WebSocket: {@code {"stream":["hashtag","x"],"event":"update","payload":"<JSON text>"}} per event.
 * Sends are asynchronous (Jetty queues the frames), so a slow client never holds up the dispatcher; they are
 * serialized per connection to keep the order.
 */
final class WebSocketConnection extends StreamConnection {

    private final WsContext ws;
    private final ObjectMapper json;

    WebSocketConnection(long viewerId, WsContext ws, ObjectMapper json) {
        super(viewerId);
        this.ws = ws;
        this.json = json;
    }

    @Override
    public void send(Subscription sub, String event, String payload) {
        ObjectNode m = json.createObjectNode();
        var stream = m.putArray("stream");
        for (String s : sub.streamArray()) stream.add(s);
        m.put("event", event);
        if (payload != null) m.put("payload", payload);
        sendText(m);
    }

    /** An error message on the socket (bad subscribe request); the connection stays open. */
    void sendError(String error, int status) {
        ObjectNode m = json.createObjectNode();
        m.put("error", error);
        m.put("status", status);
        sendText(m);
    }

    private synchronized void sendText(ObjectNode m) {
        if (!ws.session.isOpen()) return;
        try {
            ws.send(json.writeValueAsString(m));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (RuntimeException e) {
            // the socket closed under us; onClose unregisters it
        }
    }
}
