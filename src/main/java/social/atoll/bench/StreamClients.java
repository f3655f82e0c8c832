package social.atoll.bench;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * The client side of {@link StreamingBench}, in a process of its own: ten thousand sockets on both ends of one
 * process would pass the usual limit of open files, and the clients' work would be counted as the server's. Opens
 * one user stream per token (a file, one token a line) and prints {@code ready} once all are open, then
 * {@code <status id> <System.nanoTime()>} for each {@code update} event (the monotonic clock is the machine's, so
 * the parent can compare it with its own).
 */
public final class StreamClients {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        List<String> tokens = Files.readAllLines(Path.of(args[1]));
        ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
        BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
        Thread writer = Thread.ofPlatform().daemon().start(() -> {
            try {
                while (true) {
                    String l;
                    boolean any = false;
                    while ((l = lines.poll()) != null) {
                        out.write(l);
                        out.write('\n');
                        any = true;
                    }
                    if (any) out.flush();
                    Thread.sleep(5);
                }
            } catch (Exception e) {
                System.exit(2);
            }
        });
        // several clients: each has one selector thread, which would read ten thousand sockets one after the other
        List<HttpClient> httpClients = new ArrayList<>();
        for (int i = 0; i < 4; i++) httpClients.add(HttpClient.newHttpClient());
        List<WebSocket> sockets = new ArrayList<>();
        // a few hundred handshakes at a time: ten thousand at once time out on a small machine
        for (int from = 0; from < tokens.size(); from += 250) {
            List<CompletableFuture<WebSocket>> opening = new ArrayList<>();
            for (String token : tokens.subList(from, Math.min(from + 250, tokens.size()))) {
                opening.add(httpClients.get(opening.size() % httpClients.size()).newWebSocketBuilder().header("Authorization", "Bearer " + token)
                        .buildAsync(URI.create(url), new Recorder(lines)));
            }
            for (var f : opening) sockets.add(f.get(120, TimeUnit.SECONDS));
        }
        lines.add("ready " + sockets.size());
        // runs until the parent closes our input
        while (System.in.read() >= 0) { /* nothing */ }
        for (WebSocket w : sockets) w.abort();
        writer.interrupt();
    }

    /** Notes when each update event arrives on one socket. */
    private static final class Recorder implements WebSocket.Listener {
        private static final String ID = "\\\"id\\\":\\\"";
        private final ConcurrentLinkedQueue<String> lines;
        private final StringBuilder partial = new StringBuilder();

        Recorder(ConcurrentLinkedQueue<String> lines) { this.lines = lines; }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            long at = System.nanoTime();
            partial.append(data);
            ws.request(1);
            if (!last) return null;
            String text = partial.toString();
            partial.setLength(0);
            // {"stream":["user"],"event":"update","payload":"{\"id\":\"123\",…}": the payload's first field is the id
            if (!text.contains("\"event\":\"update\"")) return null;
            int i = text.indexOf(ID);
            if (i < 0) return null;
            int from = i + ID.length();
            int to = text.indexOf('\\', from);
            lines.add(text.substring(from, to) + " " + at);
            return null;
        }
    }

    private StreamClients() {}
}
