package social.atoll.api.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.api.statuses.Fixtures;
import social.atoll.api.statuses.Fixtures.User;
import social.atoll.testing.Await;
import social.atoll.testing.TestInstance;

/**
 * Server-Sent Events as a strict HTTP/1.1 reader sees them over a raw socket. Python clients (requests and
 * urllib3, as Mastodon.py streams) decode a chunk as its size line, its data, then its trailing CRLF, and hand the
 * data on only after the CRLF; when a server sends that CRLF with the next chunk, each event waits for the next
 * heartbeat. The 10 s read timeout (below the 15 s heartbeat) is what fails the test then.
 */
class SseFramingIT {

    private static TestInstance atoll;
    private static Fixtures f;

    @BeforeAll
    static void start() {
        atoll = TestInstance.start();
        f = new Fixtures(atoll);
    }

    @AfterAll
    static void stop() { atoll.close(); }

    @Test
    void eachEventReachesAStrictHttp11ReaderWhole() throws IOException {
        User reader = f.user("strict_reader");
        User author = f.user("strict_author");
        f.follow(reader, author);
        URI base = URI.create(atoll.baseUrl());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/v1/streaming/user HTTP/1.1\r\nHost: " + base.getAuthority() + "\r\nAuthorization: Bearer "
                    + reader.token() + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            StrictBody body = StrictBody.open(socket.getInputStream());
            assertThat(body.status).isEqualTo(200);
            Await.until("the stream subscribed", () -> !atoll.app().streamRegistry.on(Subscription.userTopic(reader.id())).isEmpty());

            for (int i = 0; i < 2; i++) {
                String id = f.post(author, "event " + i, "public").get("id").asText();
                String event = body.nextEvent();
                assertThat(event).startsWith("event: update\ndata: ").contains("\"id\":\"" + id + "\"");
            }
        }
    }

    /**
     * A response body read the way CPython's http.client and urllib3 read it: chunked framing decoded exactly
     * (size line, data, CRLF) with the data passed on after the CRLF, or, without Transfer-Encoding and
     * Content-Length, the bytes until EOF as they come.
     */
    private static final class StrictBody {
        final int status;
        private final InputStream in;
        private final boolean chunked;
        private final StringBuilder text = new StringBuilder();

        private StrictBody(int status, InputStream in, boolean chunked) {
            this.status = status;
            this.in = in;
            this.chunked = chunked;
        }

        static StrictBody open(InputStream in) throws IOException {
            String statusLine = line(in);
            Map<String, String> headers = new HashMap<>();
            for (String h = line(in); !h.isEmpty(); h = line(in)) {
                int colon = h.indexOf(':');
                headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
            }
            boolean chunked = headers.getOrDefault("transfer-encoding", "").equalsIgnoreCase("chunked");
            if (!chunked) {
                assertThat(headers).as("a body framed by EOF has no length and closes the connection")
                        .doesNotContainKey("content-length").containsEntry("connection", "close");
            }
            return new StrictBody(Integer.parseInt(statusLine.split(" ")[1]), in, chunked);
        }

        /** The next complete event (up to its blank line), comments skipped. */
        String nextEvent() throws IOException {
            while (true) {
                int end;
                while ((end = text.indexOf("\n\n")) < 0) text.append(read());
                String block = text.substring(0, end + 1);
                text.delete(0, end + 2);
                String event = block.lines().filter(l -> !l.startsWith(":")).reduce("", (a, l) -> a + l + "\n");
                if (!event.isEmpty()) return event;
            }
        }

        private String read() throws IOException {
            try {
                if (!chunked) {
                    byte[] buf = new byte[8192];
                    int n = in.read(buf);
                    if (n < 0) throw new IOException("the stream ended");
                    return new String(buf, 0, n, StandardCharsets.UTF_8);
                }
                int size = Integer.parseInt(line(in).split(";")[0].trim(), 16);
                if (size == 0) throw new IOException("the stream ended");
                byte[] data = in.readNBytes(size);
                String crlf = new String(in.readNBytes(2), StandardCharsets.US_ASCII);
                assertThat(crlf).as("the CRLF that ends a chunk").isEqualTo("\r\n");
                return new String(data, StandardCharsets.UTF_8);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no complete event within 10 s; received so far: " + text, e);
            }
        }

        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) throw new IOException("the connection closed");
                b.write(c);
            }
            String s = b.toString(StandardCharsets.US_ASCII);
            return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
        }
    }
}
