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
 * A remote ActivityPub server that cannot run here (a Mastodon, a Misskey…), played by a small HTTP server on
 * loopback speaking the real wire format: actor documents with real RSA keys, WebFinger, objects at their ids, inboxes
 * that record what they receive, and activities POSTed with draft-cavage signatures. (For single documents of odd
 * shapes, see {@link DocumentServer}.)
 */
public final class FakeFediServer implements AutoCloseable {

    /** One actor served here. */
    public record Actor(String name, String uri, KeyPair keys) {
        public String keyId() { return uri + "#main-key"; }

        public String followers() { return uri + "/followers"; }

        public String inbox() { return uri + "/inbox"; }
    }

    /** A POST this server received. */
    public record Received(String path, Map<String, List<String>> headers, JsonNode body) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final String base;
    private final Map<String, Actor> actors = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> actorDocs = new ConcurrentHashMap<>();
    private final Map<String, JsonNode> objects = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    /** The paths of the documents other servers fetched (GET), in order. */
    private final List<String> fetched = new CopyOnWriteArrayList<>();
    private record Answer(int status, String retryAfter) {}

    private final java.util.Queue<Answer> answers = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private volatile int answer = 202;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private FakeFediServer(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        base = "http://localhost:" + server.getAddress().getPort();
        server.createContext("/", this::serve);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    public static FakeFediServer start() { return start(0); }

    /** Starts on {@code port} (0: any free one); a server restarted on its old port answers at the same URLs. */
    public static FakeFediServer start(int port) {
        try {
            return new FakeFediServer(port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String base() { return base; }

    public int port() { return server.getAddress().getPort(); }

    /** {@code localhost:port}, the domain Atoll stores for this server's accounts. */
    public String domain() { return base.substring("http://".length()); }

    /** Adds an actor with a fresh RSA-2048 key. */
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

    /** The actor's document, to change before Atoll fetches it again (profile updates, alsoKnownAs). */
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

    /** The status every inbox POST is answered with from now on (202 by default). */
    public void answerPostsWith(int status) { this.answer = status; }

    /** Answers the next inbox POSTs with these statuses, one each, before going back to the default. */
    public void answerNextPostsWith(int... statuses) { for (int st : statuses) answers.add(new Answer(st, null)); }

    /** Answers the next inbox POST with {@code status} and a {@code Retry-After} header. */
    public void answerNextPostWith(int status, String retryAfter) { answers.add(new Answer(status, retryAfter)); }

    /** Serves {@code object} at its {@code id}. */
    public void serve(JsonNode object) { objects.put(object.get("id").asText(), object); }

    public void remove(String id) { objects.remove(id); }

    public List<Received> received() { return List.copyOf(received); }

    /** How many times the document at {@code id} was fetched. */
    public long fetchCount(String id) { return fetched.stream().filter(p -> (base + p).equals(id)).count(); }

    /** Activities of {@code type} received so far. */
    public List<JsonNode> received(String type) {
        List<JsonNode> out = new ArrayList<>();
        for (Received r : received) if (type.equals(r.body().path("type").asText())) out.add(r.body());
        return out;
    }

    /** POSTs {@code activity} to {@code inbox}, signed by {@code signer}; returns the status. */
    public int post(String inbox, Actor signer, String activity) {
        return post(inbox, signer.keyId(), signer.keys(), activity.getBytes(StandardCharsets.UTF_8), null);
    }

    public int post(String inbox, Actor signer, JsonNode activity) {
        try {
            return post(inbox, signer, JSON.writeValueAsString(activity));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * POSTs {@code body} signed with {@code keys} under {@code keyId}; {@code sentBody} (if not null) is sent instead of
     * the signed bytes, to test tampering.
     */
    public int post(String inbox, String keyId, KeyPair keys, byte[] body, byte[] sentBody) {
        URI target = URI.create(inbox);
        Map<String, String> headers = HttpSignatures.signPost(target, body, "application/activity+json", keyId, keys.getPrivate());
        HttpRequest.Builder b = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(sentBody != null ? sentBody : body));
        headers.forEach((k, v) -> { if (!k.equalsIgnoreCase("host")) b.header(k, v); });
        return send(b.build());
    }

    /** POSTs without any signature. */
    public int postUnsigned(String inbox, String activity) {
        return send(HttpRequest.newBuilder(URI.create(inbox)).header("Content-Type", "application/activity+json")
                .POST(HttpRequest.BodyPublishers.ofString(activity)).build());
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

    private void serve(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            if (ex.getRequestMethod().equals("POST")) {
                byte[] body = ex.getRequestBody().readAllBytes();
                JsonNode parsed;
                try {
                    parsed = JSON.readTree(body);
                } catch (IOException e) {
                    parsed = JSON.createObjectNode();
                }
                received.add(new Received(path, Map.copyOf(ex.getRequestHeaders()), parsed));
                Answer next = answers.poll();
                if (next != null && next.retryAfter() != null) ex.getResponseHeaders().add("Retry-After", next.retryAfter());
                ex.sendResponseHeaders(next != null ? next.status() : answer, -1);
                return;
            }
            if (path.equals("/.well-known/webfinger")) {
                String query = ex.getRequestURI().getQuery() == null ? "" : ex.getRequestURI().getQuery();
                String resource = java.net.URLDecoder.decode(query.replaceFirst("^.*resource=", "").replaceFirst("&.*$", ""), StandardCharsets.UTF_8);
                String user = resource.replaceFirst("^acct:", "").replaceFirst("@.*$", "");
                Actor a = actors.get(base + "/users/" + user);
                if (a == null) {
                    ex.sendResponseHeaders(404, -1);
                    return;
                }
                ObjectNode jrd = JSON.createObjectNode();
                jrd.put("subject", "acct:" + a.name() + "@" + domain());
                ObjectNode self = jrd.putArray("links").addObject();
                self.put("rel", "self").put("type", "application/activity+json").put("href", a.uri());
                respond(ex, "application/jrd+json", jrd);
                return;
            }
            String id = base + path;
            fetched.add(path);
            JsonNode doc = actorDocs.containsKey(id) ? actorDocs.get(id) : objects.get(id);
            if (doc == null) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            respond(ex, "application/activity+json; charset=utf-8", doc);
        }
    }

    private static void respond(HttpExchange ex, String type, JsonNode doc) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(doc);
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(200, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    @Override
    public void close() { server.stop(0); }
}
