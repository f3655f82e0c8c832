package social.atoll.api.streaming;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Server-Sent Events response with one stream: {@code event: update\ndata: <payload>\n\n} per event and a
 * {@code :thump} comment when nothing was sent for a while, so proxies keep the connection and a gone client is
 * noticed. The request's (virtual) thread writes; the dispatcher only queues. A client that falls
 * {@value #BACKLOG} events behind is dropped rather than buffered without end.
 */
final class SseConnection extends StreamConnection {

    static final int BACKLOG = 1000;

    private final BlockingQueue<String> frames = new ArrayBlockingQueue<>(BACKLOG);
    /** Queued to wake the writer for shutdown; compared by identity. */
    @SuppressWarnings("StringOperationCanBeSimplified")
    private static final String CLOSE = new String();
    private volatile boolean overflowed;
    private volatile boolean closed;

    SseConnection(long viewerId) { super(viewerId); }

    @Override
    public void send(Subscription sub, String event, String payload) {
        // Mastodon writes "undefined" for events without payload (filters_changed)
        String frame = "event: " + event + "\ndata: " + (payload == null ? "undefined" : payload) + "\n\n";
        if (!frames.offer(frame)) overflowed = true;
    }

    @Override
    void close() {
        closed = true;
        frames.offer(CLOSE); // wakes the writing thread at once
    }

    /** Writes queued events until the client goes away or falls too far behind. */
    void pump(OutputStream out, long heartbeatMillis) throws IOException {
        out.write(":)\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        while (!overflowed && !closed) {
            String frame;
            try {
                frame = frames.poll(heartbeatMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (frame == CLOSE) return;
            out.write((frame == null ? ":thump\n" : frame).getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }
}
