package social.atoll.federation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import social.atoll.federation.signatures.HttpSignatures;

/**
 * A fake remote fediverse server on loopback: serves actors (with RSA keys), WebFinger and objects, records what is
 * delivered to it, and posts signed activities to Atoll inboxes.
 */
public final class FakeRemote implements AutoCloseable {

    /** A remote actor of this server. */
    public record Actor(String name, String uri, KeyPair keys) {
        public String keyId() { return uri + "#main-key"; }

        public String followers() { return uri + "/followers"; }

        public String inbox() { return uri + "/inbox"; }
    }

    /** One POST received. */
    public record Received(String path, Map<String, List<String>> headers, JsonNode body) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final String base;
    private final Map<String, Actor> actors = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> actorDocs = new ConcurrentHashMap<>();
    private final Map<String, JsonNode> objects = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private FakeRemote() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        base = "http://localhost:" + server.getAddress().getPort();
        server.createContext("/", this::serve);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    public static FakeRemote start() {
        try {
            return new FakeRemote();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String base() { return base; }

    public String domain() { return base.substring("http://".length()); }

    /** Creates an actor {@code name} with a fresh RSA key and serves its document. */
    public Actor actor(String name) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            Actor a = new Actor(name, base + "/users/" + name, g.generateKeyPair());
            actors.put(a.uri(), a);
            actorDocs.put(a.uri(), actorDocument(a));
            return a;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The served document of an actor (mutable: tests change it to simulate profile updates). */
    public ObjectNode document(Actor a) { return actorDocs.get(a.uri()); }

    private ObjectNode actorDocument(Actor a) {
        ObjectNode d = JSON.createObjectNode();
        d.putArray("@context").add("https://www.w3.org/ns/activitystreams").add("https://w3id.org/security/v1");
        d.put("id", a.uri());
        d.put("type", "Person");
        d.put("preferredUsername", a.name());
        d.put("name", a.name() + " remote");
        d.put("summary", "<p>I live elsewhere</p>");
        d.put("url", base + "/@" + a.name());
        d.put("inbox", a.inbox());
        d.put("outbox", a.uri() + "/outbox");
        d.put("followers", a.followers());
        d.put("following", a.uri() + "/following");
        d.put("featured", a.uri() + "/collections/featured");
        d.put("manuallyApprovesFollowers", false);
        d.putObject("endpoints").put("sharedInbox", base + "/inbox");
        ObjectNode key = d.putObject("publicKey");
        key.put("id", a.keyId());
        key.put("owner", a.uri());
        key.put("publicKeyPem", pem(a.keys().getPublic().getEncoded()));
        return d;
    }

    static String pem(byte[] der) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END PUBLIC KEY-----\n";
    }

    /** Serves an object at its {@code id}. */
    public void serve(JsonNode object) { objects.put(object.get("id").asText(), object); }

    public void remove(String id) { objects.remove(id); }

    public List<Received> received() { return List.copyOf(received); }

    /** Bodies of received activities of one type. */
    public List<JsonNode> received(String type) {
        List<JsonNode> out = new ArrayList<>();
        for (Received r : received) if (type.equals(r.body().path("type").asText())) out.add(r.body());
        return out;
    }

    /** POSTs {@code body} to {@code inbox}, signed by {@code actor}; returns the status. */
    public int post(String inbox, Actor actor, String body) {
        return post(inbox, actor.keyId(), actor.keys(), body.getBytes(StandardCharsets.UTF_8), null);
    }

    public int post(String inbox, Actor actor, JsonNode body) {
        try {
            return post(inbox, actor, JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** POSTs {@code signedBody} signed with {@code keys}, but sends {@code sentBody} when given (tampering tests). */
    public int post(String inbox, String keyId, KeyPair keys, byte[] signedBody, byte[] sentBody) {
        URI uri = URI.create(inbox);
        Map<String, String> headers = HttpSignatures.signPost(uri, signedBody, "application/activity+json", keyId, keys.getPrivate());
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(sentBody != null ? sentBody : signedBody));
        // the JDK client sets Host itself (to the same value)
        headers.forEach((k, v) -> {
            if (!k.equalsIgnoreCase("host")) b.header(k, v);
        });
        return send(b.build());
    }

    public int postUnsigned(String inbox, String body) {
        return send(HttpRequest.newBuilder(URI.create(inbox)).header("Content-Type", "application/activity+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private int send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (exchange.getRequestMethod().equals("POST")) {
                byte[] bytes = exchange.getRequestBody().readAllBytes();
                JsonNode body;
                try {
                    body = JSON.readTree(bytes);
                } catch (IOException e) {
                    body = JSON.createObjectNode();
                }
                received.add(new Received(path, Map.copyOf(exchange.getRequestHeaders()), body));
                exchange.sendResponseHeaders(202, -1);
                return;
            }
            if (path.equals("/.well-known/webfinger")) {
                String query = exchange.getRequestURI().getQuery() == null ? "" : exchange.getRequestURI().getQuery();
                String resource = URLDecoder.decode(query.replaceFirst("^.*resource=", "").replaceFirst("&.*$", ""), StandardCharsets.UTF_8);
                String name = resource.replaceFirst("^acct:", "").replaceFirst("@.*$", "");
                Actor a = actors.get(base + "/users/" + name);
                if (a == null) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                ObjectNode jrd = JSON.createObjectNode();
                jrd.put("subject", "acct:" + a.name() + "@" + domain());
                ObjectNode self = jrd.putArray("links").addObject();
                self.put("rel", "self").put("type", "application/activity+json").put("href", a.uri());
                respond(exchange, "application/jrd+json", jrd);
                return;
            }
            String url = base + path;
            JsonNode doc = actorDocs.containsKey(url) ? actorDocs.get(url) : objects.get(url);
            if (doc == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            respond(exchange, "application/activity+json; charset=utf-8", doc);
        }
    }

    private static void respond(HttpExchange exchange, String type, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() { server.stop(0); }
}
