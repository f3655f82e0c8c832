package social.atoll.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import social.atoll.federation.signatures.CavageSignature;
import social.atoll.federation.signatures.Digests;
import social.atoll.federation.signatures.SignatureException;

/**
 * Stand-in for {@code n} remote servers: one small HTTP server per loopback port, each with a shared inbox at
 * {@code /inbox}. Every POST is checked as a receiving server would (draft-cavage signature covering
 * {@code (request-target) host date digest} by the expected key, and a Digest matching the body) and counted;
 * a request that fails the check is answered 401 and counted apart.
 */
final class InboxSink implements AutoCloseable {

    private final List<HttpServer> servers = new ArrayList<>();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicInteger verified = new AtomicInteger();
    private final AtomicInteger rejected = new AtomicInteger();
    private final AtomicReference<String> firstRejection = new AtomicReference<>();
    private final String keyId;
    private final PublicKey key;

    /** Starts {@code n} servers on free loopback ports, accepting only signatures by {@code keyId} ({@code key}). */
    InboxSink(int n, String keyId, PublicKey key) throws IOException {
        this.keyId = keyId;
        this.key = key;
        try {
            for (int i = 0; i < n; i++) {
                HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
                s.createContext("/inbox", this::receive);
                s.setExecutor(executor);
                s.start();
                servers.add(s);
            }
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    /** The {@code host:port} of each server, in the order they were started. */
    List<String> authorities() {
        return servers.stream().map(s -> "127.0.0.1:" + s.getAddress().getPort()).toList();
    }

    int verified() { return verified.get(); }

    int rejected() { return rejected.get(); }

    String firstRejection() { return firstRejection.get(); }

    private void receive(HttpExchange ex) throws IOException {
        try (ex; InputStream in = ex.getRequestBody()) {
            byte[] body = in.readAllBytes();
            String problem = check(ex, body);
            if (problem == null) {
                verified.incrementAndGet();
                ex.sendResponseHeaders(202, -1);
            } else {
                rejected.incrementAndGet();
                firstRejection.compareAndSet(null, problem);
                ex.sendResponseHeaders(401, -1);
            }
        }
    }

    /** Null when the request is a correctly signed POST; otherwise what is wrong with it. */
    private String check(HttpExchange ex, byte[] body) {
        if (!ex.getRequestMethod().equals("POST")) return "method " + ex.getRequestMethod();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        ex.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
        List<String> signature = headers.get("signature");
        if (signature == null || signature.size() != 1) return "no single Signature header";
        try {
            CavageSignature sig = CavageSignature.parse(signature.get(0));
            if (!keyId.equals(sig.keyId())) return "signed by " + sig.keyId();
            if (!sig.headers().containsAll(List.of("(request-target)", "host", "date", "digest"))) return "covers only " + sig.headers();
            List<String> digest = headers.get("digest");
            if (digest == null || !Digests.digestMatches(digest.get(0), body)) return "Digest missing or not the body's";
            String target = ex.getRequestURI().getRawPath()
                    + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery());
            if (!sig.verify(key, sig.signingString("POST", target, headers))) return "signature does not verify";
            return null;
        } catch (SignatureException e) {
            return e.getMessage();
        }
    }

    @Override
    public void close() {
        for (HttpServer s : servers) s.stop(0);
        executor.close();
    }
}
