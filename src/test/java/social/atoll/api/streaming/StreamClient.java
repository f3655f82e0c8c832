package social.atoll.api.streaming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A streaming client for tests: a real WebSocket ({@link java.net.http.WebSocket}) or a plain HTTP response read as
 * Server-Sent Events. Received events queue up as {@link Event}s; {@link #next} waits for one.
 */
final class StreamClient implements AutoCloseable {

    /** One event: the {@code stream} array (WebSocket only), name, and payload text. */
    record Event(JsonNode stream, String event, String payload) {
        JsonNode json(ObjectMapper m) {
            try {
                return m.readTree(payload);
            } catch (Exception e) {
                throw new AssertionError("payload is not JSON: " + payload, e);
            }
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final BlockingQueue<JsonNode> errors = new LinkedBlockingQueue<>();
    private volatile WebSocket ws;
    private Thread reader;
    private volatile java.io.InputStream body;

    /** The subprotocol the server accepted in the handshake (WebSocket). */
    String subprotocol() { return ws.getSubprotocol(); }

    /** Opens a WebSocket to {@code url} ({@code ws://…}); {@code protocolToken} goes in Sec-WebSocket-Protocol. */
    static StreamClient webSocket(String url, String bearer, String protocolToken) {
        var b = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (bearer != null) b.header("Authorization", "Bearer " + bearer);
        if (protocolToken != null) b.subprotocols(protocolToken);
        StreamClient c = new StreamClient();
        WebSocket.Listener listener = new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    c.received(partial.toString());
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }
        };
        c.ws = b.buildAsync(URI.create(url), listener).join();
        return c;
    }

    private void received(String text) {
        try {
            JsonNode m = JSON.readTree(text);
            if (m.has("error")) errors.add(m);
            else events.add(new Event(m.get("stream"), m.path("event").asText(), m.has("payload") ? m.get("payload").asText() : null));
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    /** Opens an SSE stream; returns the client, or throws with the status when the server refused. */
    static StreamClient sse(String url, String bearer) {
        var b = HttpRequest.newBuilder(URI.create(url)).GET();
        if (bearer != null) b.header("Authorization", "Bearer " + bearer);
        HttpResponse<java.io.InputStream> r;
        try {
            r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        if (r.statusCode() != 200) throw new AssertionError("SSE answered " + r.statusCode());
        if (!r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"))
            throw new AssertionError("not an event stream: " + r.headers().map());
        StreamClient c = new StreamClient();
        c.body = r.body();
        c.reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(c.body, StandardCharsets.UTF_8))) {
                String event = null;
                StringBuilder data = new StringBuilder();
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.isEmpty()) {
                        if (event != null) c.events.add(new Event(null, event, data.toString()));
                        event = null;
                        data.setLength(0);
                    } else if (line.startsWith("event: ")) {
                        event = line.substring(7);
                    } else if (line.startsWith("data: ")) {
                        data.append(line.substring(6));
                    }
                }
            } catch (Exception ignored) {
                // closed
            }
        });
        return c;
    }

    void sendText(String text) { ws.sendText(text, true).join(); }

    /** The next event matching {@code p} within 15 s (others before it are skipped and returned by none). */
    Event next(Predicate<Event> p) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) throw new AssertionError("no matching stream event");
            try {
                Event e = events.poll(left, TimeUnit.NANOSECONDS);
                if (e != null && p.test(e)) return e;
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** The next event of any kind. */
    Event next() { return next(e -> true); }

    /** The next error message (WebSocket). */
    JsonNode nextError() {
        try {
            JsonNode e = errors.poll(15, TimeUnit.SECONDS);
            if (e == null) throw new AssertionError("no error message");
            return e;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        if (ws != null) ws.abort();
        if (body != null) {
            try {
                body.close();
            } catch (Exception ignored) {
                // closing anyway
            }
        }
        if (reader != null) reader.interrupt();
    }
}
