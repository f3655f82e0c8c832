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
        // the dispatcher sends one payload to many sockets in a row: the message text is encoded once for all of them
        Encoded last = LAST.get();
        String text;
        if (last != null && last.payload() == payload && last.event().equals(event) && last.stream().equals(sub.streamArray())) {
            text = last.text();
        } else {
            ObjectNode m = json.createObjectNode();
            var stream = m.putArray("stream");
            for (String s : sub.streamArray()) stream.add(s);
            m.put("event", event);
            if (payload != null) m.put("payload", payload);
            text = encode(m);
            LAST.set(new Encoded(sub.streamArray(), event, payload, text));
        }
        sendText(text);
    }

    /** The last message encoded; {@code payload} is compared by identity (the dispatcher's one string per rendering). */
    private record Encoded(java.util.List<String> stream, String event, String payload, String text) {}

    private static final java.util.concurrent.atomic.AtomicReference<Encoded> LAST = new java.util.concurrent.atomic.AtomicReference<>();

    /** An error message on the socket (bad subscribe request); the connection stays open. */
    void sendError(String error, int status) {
        ObjectNode m = json.createObjectNode();
        m.put("error", error);
        m.put("status", status);
        sendText(encode(m));
    }

    private String encode(ObjectNode m) {
        try {
            return json.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private synchronized void sendText(String text) {
        if (!ws.session.isOpen()) return;
        try {
            ws.send(text);
        } catch (RuntimeException e) {
            // the socket closed under us; onClose unregisters it
        }
    }
}
