package social.atoll.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.testing.TestInstance;

/**
 * Every error an API client can meet is Mastodon's {@code {"error": "…"}} with a fitting status, also those that
 * Jetty answers before any route runs, and bad input from a client is a 4xx, never a 500.
 */
class ErrorShapesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestInstance atoll;
    private static String token;

    @BeforeAll
    static void start() {
        atoll = TestInstance.start();
        token = atoll.createUser("error_shapes");
    }

    @AfterAll
    static void stop() { atoll.close(); }

    private record Answer(int status, String contentType, String body) {
        JsonNode json() throws IOException { return JSON.readTree(body); }
    }

    /** Sends bytes as they are (no client library would send these) and reads the answer up to the close. */
    private static Answer raw(String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", atoll.app().port())) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String all = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int headEnd = all.indexOf("\r\n\r\n");
            String head = all.substring(0, headEnd);
            String contentType = head.lines().filter(l -> l.regionMatches(true, 0, "Content-Type:", 0, 13))
                    .map(l -> l.substring(13).trim()).findFirst().orElse(null);
            return new Answer(Integer.parseInt(head.substring(9, 12)), contentType, all.substring(headEnd + 4));
        }
    }

    private static String get(String path, String headers) {
        return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n" + headers + "Connection: close\r\n\r\n";
    }

    private static String post(String path, String contentType, String body) {
        return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token + "\r\nContent-Type: " + contentType
                + "\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + body;
    }

    private static void assertMastodonError(Answer a, int status) throws IOException {
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        assertThat(a.contentType()).startsWith("application/json");
        assertThat(a.json().get("error").asText()).isNotBlank();
    }

    @Test
    void errorsJettyAnswersBeforeAnyRouteAreJson() throws IOException {
        assertMastodonError(raw(get("/api/v1/instance/" + "a".repeat(20_000), "")), 414);
        assertMastodonError(raw(get("/api/v1/instance", "X-Big: " + "a".repeat(20_000) + "\r\n")), 431);
        assertMastodonError(raw(get("/api/v1/%zz", "")), 400);
        assertMastodonError(raw(get("/api/v1/a%00b", "")), 400);
    }

    @Test
    void unknownApiRoutesAreJson404s() throws IOException {
        assertMastodonError(raw(get("/api/v9/nothing", "")), 404);
        assertMastodonError(raw(post("/api/v9/nothing", "application/json", "{}")), 404);
    }

    @Test
    void anUnknownCharsetIs415NotA500() throws IOException {
        for (String path : new String[] {"/api/v1/apps", "/oauth/token", "/oauth/revoke", "/api/v1/accounts", "/api/v1/statuses"}) {
            assertMastodonError(raw(post(path, "application/x-www-form-urlencoded; charset=klingon", "a=b")), 415);
            assertMastodonError(raw(post(path, "application/json; charset=klingon", "{}")), 415);
        }
    }

    @Test
    void brokenMultipartIs400NotA500() throws IOException {
        for (String path : new String[] {"/api/v1/apps", "/api/v1/statuses", "/api/v1/accounts"}) {
            assertMastodonError(raw(post(path, "multipart/form-data; boundary=zz", "--zz\r\nbroken")), 400);
        }
    }

    /** Headers announcing a large body, and only a little of it: the answer must come without waiting for the rest. */
    private static String announcing(String path, String contentType, long length) {
        return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token + "\r\nContent-Type: " + contentType
                + "\r\nContent-Length: " + length + "\r\n\r\n{\"status\": \"";
    }

    @Test
    void bodiesLargerThanTheirRouteTakesAre413BeforeBeingRead() throws IOException {
        assertMastodonError(raw(announcing("/api/v1/statuses", "application/json", 15L * 1024 * 1024)), 413);
        assertMastodonError(raw(announcing("/api/v1/apps", "application/x-www-form-urlencoded", 100L * 1024 * 1024)), 413);
        assertMastodonError(raw(announcing("/inbox", "application/activity+json", 2L * 1024 * 1024)), 413);
        assertMastodonError(raw(announcing("/api/v2/media", "multipart/form-data; boundary=x", 200L * 1024 * 1024)), 413);
    }

    /**
     * A keep-alive connection left idle for longer than Java's client keeps its own (30 s) is still open: the server
     * must not close it at the very moment such a client decides to reuse it.
     */
    @Test
    void anIdleKeepAliveConnectionOutlivesTheClientsTimers() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(social.atoll.testing.TestDatabases.postgres(), "HTTP only: once is enough");
        try (Socket s = new Socket("127.0.0.1", atoll.app().port())) {
            s.setSoTimeout(10_000);
            var in = new java.io.BufferedInputStream(s.getInputStream());
            for (int i = 0; i < 2; i++) {
                s.getOutputStream().write("GET /api/v1/instance HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                s.getOutputStream().flush();
                String head = readHead(in);
                assertThat(head).startsWith("HTTP/1.1 200");
                int length = Integer.parseInt(head.lines().filter(l -> l.regionMatches(true, 0, "Content-Length:", 0, 15))
                        .findFirst().orElseThrow().substring(15).trim());
                assertThat(in.readNBytes(length)).hasSize(length);
                if (i == 0) Thread.sleep(32_000);
            }
        }
    }

    private static String readHead(java.io.InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) throw new IOException("the server closed the connection; read so far: " + head);
            head.append((char) c);
        }
        return head.toString();
    }

    /**
     * A route that answers without reading the body (a 401 before parsing, a 404 for its path) leaves the rest of a
     * large body unread; the connection then cannot be reused, and the answer must say so, or a pooled client sends
     * its next request into a connection the server is closing (the route fuzzer found it).
     */
    @Test
    void anAnswerThatLeftTheBodyUnreadClosesTheConnectionOpenly() throws Exception {
        var client = java.net.http.HttpClient.newHttpClient();
        String big = "{\"status\": \"" + "a".repeat(400 * 1024) + "\"}";
        for (int i = 0; i < 20; i++) {
            var refused = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(atoll.baseUrl() + "/api/v1/statuses"))
                    .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(big)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(401);
            var next = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(atoll.baseUrl() + "/api/v1/lists/1"))
                    .DELETE().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(next.statusCode()).isEqualTo(401);
        }
    }

    /**
     * Deterministic form of the above, on one socket: a route that answers without reading a body of ordinary size
     * neither resets the connection under the client still sending it nor closes it: the body is read and discarded,
     * and the same connection answers the next request.
     */
    @Test
    void aBodyTheRouteDidNotReadIsDiscardedAndTheConnectionServesTheNextRequest() throws Exception {
        String small = "{\"status\": \"" + "a".repeat(400 * 1024) + "\"}";
        String noBoundary = "--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n\r\n" + "b".repeat(100 * 1024);
        String[][] cases = {
                {"POST /api/v1/statuses HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: " + small.length() + "\r\n\r\n", small},
                {"POST /api/v2/media HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                        + "\r\nContent-Type: multipart/form-data\r\nContent-Length: " + noBoundary.length() + "\r\n\r\n", noBoundary},
                {"DELETE /api/v1/lists/1 HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: " + small.length() + "\r\n\r\n", small},
        };
        for (String[] c : cases) {
            try (Socket s = new Socket("127.0.0.1", atoll.app().port())) {
                s.setSoTimeout(20_000);
                var in = new java.io.BufferedInputStream(s.getInputStream());
                // most of the body is still on its way when the route has decided, as with a client sending a large body
                var out = s.getOutputStream();
                out.write((c[0] + c[1].substring(0, 8 * 1024)).getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                var sendFailure = new java.util.concurrent.atomic.AtomicReference<Exception>();
                var sender = Thread.startVirtualThread(() -> {
                    try {
                        Thread.sleep(300);
                        out.write(c[1].substring(8 * 1024).getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                    } catch (Exception e) {
                        sendFailure.set(e);
                    }
                });
                String head = readHead(in);
                sender.join();
                assertThat(sendFailure.get()).as("sending the rest of the body of " + c[0]).isNull();
                assertThat(head).as(c[0]).matches("(?s)HTTP/1.1 4\\d\\d.*");
                int length = Integer.parseInt(head.lines().filter(l -> l.regionMatches(true, 0, "Content-Length:", 0, 15))
                        .findFirst().orElseThrow().substring(15).trim());
                in.readNBytes(length);
                assertThat(head.toLowerCase(java.util.Locale.ROOT)).doesNotContain("connection: close");
                s.getOutputStream().write("GET /api/v1/instance HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                s.getOutputStream().flush();
                assertThat(readHead(in)).as("the answer after " + c[0]).startsWith("HTTP/1.1 200");
            }
        }
    }

    /**
     * After a request Jetty cannot parse (URI or headers too long), the next request of a client that pools its
     * connections still gets its answer: the refusal says the connection closes, so the client does not reuse it.
     */
    @Test
    void aPooledConnectionIsNotReusedAfterARequestTooLongToParse() throws Exception {
        var client = java.net.http.HttpClient.newHttpClient();
        for (int i = 0; i < 5; i++) {
            var tooLong = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(atoll.baseUrl() + "/api/v1/instance?q=" + "a".repeat(20_000)))
                    .DELETE().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(tooLong.statusCode()).isEqualTo(414);
            assertThat(tooLong.headers().firstValue("Connection")).hasValue("close");
            var next = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(atoll.baseUrl() + "/api/v1/lists/1"))
                    .DELETE().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(next.statusCode()).isEqualTo(401);
        }
    }

    /**
     * A client that sends its whole over-limit body at once, as Java's client and Mastodon's do, reads the 413: the
     * server must not reset the connection under it while the body is still coming (it once did, under load).
     */
    @Test
    void aClientStillSendingItsBodyReadsThe413() throws Exception {
        var client = java.net.http.HttpClient.newHttpClient();
        byte[] body = new byte[(int) BodyLimits.INBOX + 256 * 1024];
        java.util.Arrays.fill(body, (byte) 'x');
        for (int i = 0; i < 40; i++) {
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(atoll.baseUrl() + "/inbox"))
                    .header("Content-Type", "application/activity+json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build();
            var response = client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(JSON.readTree(response.body()).get("error").asText()).contains("too large");
        }
    }

    /** A body without Content-Length, in chunks of 8 KB, {@code bytes} long in all (the last chunk ends it). */
    private static String chunked(String path, String contentType, String start, int bytes) {
        StringBuilder body = new StringBuilder(start);
        while (body.length() < bytes) body.append('a');
        StringBuilder out = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: " + contentType + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
        for (int i = 0; i < body.length(); i += 8192) {
            String piece = body.substring(i, Math.min(body.length(), i + 8192));
            out.append(Integer.toHexString(piece.length())).append("\r\n").append(piece).append("\r\n");
        }
        return out.append("0\r\n\r\n").toString();
    }

    @Test
    void chunkedBodiesAreCountedAgainstTheirRoutesLimit() throws IOException {
        int over = (int) BodyLimits.DEFAULT + 64 * 1024;
        Answer json = raw(chunked("/api/v1/statuses", "application/json", "{\"status\": \"", over));
        assertMastodonError(json, 413);
        assertThat(json.json().get("error").asText()).isEqualTo("Request body is too large (at most 512 KB here)");
        assertMastodonError(raw(chunked("/api/v1/apps", "application/x-www-form-urlencoded", "client_name=", over)), 413);
        assertMastodonError(raw(chunked("/api/v1/statuses", "multipart/form-data; boundary=zz",
                "--zz\r\nContent-Disposition: form-data; name=\"status\"\r\n\r\n", over)), 413);
        assertMastodonError(raw(chunked("/inbox", "application/activity+json", "{\"type\": \"", (int) BodyLimits.INBOX + 64 * 1024)), 413);
        // under the limit, a chunked body is read as any other
        String small = "{\"status\": \"chunked and fine\"}";
        Answer ok = raw("POST /api/v1/statuses HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + Integer.toHexString(small.length()) + "\r\n" + small + "\r\n0\r\n\r\n");
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.json().get("content").asText()).isEqualTo("<p>chunked and fine</p>");
    }

    @Test
    void mediaRoutesTakeLargeBodies() {
        assertThat(BodyLimits.forPath("/api/v2/media")).isGreaterThan(99L * 1024 * 1024);
        assertThat(BodyLimits.forPath("/api/v1/media/123")).isEqualTo(BodyLimits.MEDIA);
        assertThat(BodyLimits.forPath("/users/alice/inbox")).isEqualTo(BodyLimits.INBOX);
        assertThat(BodyLimits.forPath("/api/v1/statuses")).isEqualTo(BodyLimits.DEFAULT);
    }
}
