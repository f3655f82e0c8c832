package social.atoll.federation;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A minimal stand-in for another fediverse server on loopback ({@code http://127.0.0.1:port}): serves the JSON documents a
 * test puts at paths, with the ActivityPub content type, and 404 for anything else. Lets tests meet server shapes
 * Atoll itself never produces (GoToSocial's key stubs, keys claimed for other hosts).
 */
public final class DocumentServer implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, String> documents = new ConcurrentHashMap<>();

    public DocumentServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String body = documents.get(exchange.getRequestURI().getPath());
            byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            if (body != null) exchange.getResponseHeaders().add("Content-Type", "application/activity+json; charset=utf-8");
            exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
            exchange.close();
        });
        server.start();
    }

    /** {@code http://127.0.0.1:port} */
    public String baseUrl() { return "http://127.0.0.1:" + server.getAddress().getPort(); }

    /** Serves {@code json} at {@code path}; {@code $BASE} in it becomes {@link #baseUrl()}. */
    public DocumentServer put(String path, String json) {
        documents.put(path, json.replace("$BASE", baseUrl()));
        return this;
    }

    @Override
    public void close() { server.stop(0); }
}
