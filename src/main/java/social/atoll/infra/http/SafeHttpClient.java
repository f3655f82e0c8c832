package social.atoll.infra.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.Scheduler;
import social.atoll.Version;
import social.atoll.config.Settings;
import social.atoll.infra.http.CheckingResolver.ConnectPolicy;
import social.atoll.infra.http.CheckingResolver.HostResolver;

/**
 * The one way Atoll makes outbound HTTP requests (federation, link previews, remote media). Blocking by design:
 * callers run on virtual threads.
 *
 * <p>Every hop is checked before it connects: http/https only, no user info, no ambiguous numeric hosts, and
 * every address the host resolves to must be permitted by {@link AddressPolicy}; the connection then goes to the
 * checked address (see {@link CheckingResolver}). Redirects are followed here, not by Jetty, so each target is
 * checked the same way; credentials and signatures are not forwarded to another origin. Bodies are capped and
 * reading stops at the cap; the connect time and the whole exchange are bounded per call. Headers are sent as
 * given (an HTTP signature covers them); only a missing {@code User-Agent} is filled in.
 */
public final class SafeHttpClient implements AutoCloseable {

    /** Headers for one hop; lets a caller re-sign a request for each redirect target. */
    @FunctionalInterface
    public interface HeaderSource {
        Map<String, String> headersFor(String method, URI uri);
    }

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    /** Headers that authenticate the request to its origin: never sent on to another origin. */
    private static final Set<String> ORIGIN_BOUND = Set.of("authorization", "proxy-authorization", "cookie", "signature", "signature-input");
    /** Headers that describe a body: dropped when a redirect turns the request into a GET. */
    private static final Set<String> BODY_HEADERS = Set.of("content-type", "content-length", "digest", "content-digest", "content-encoding");

    private final String userAgent;
    private final HostResolver resolver;
    private final ConnectPolicy policy;
    private final ExecutorService lookups;
    /** Null until the first request (see {@link #client()}). */
    private volatile HttpClient client;
    private boolean closed;

    /** The production client: the system resolver and the address policy of {@code settings}. */
    public SafeHttpClient(Settings settings) {
        this("Atoll/" + Version.ATOLL + " (+" + settings.baseUrl() + ")", HostResolver.system(),
                ConnectPolicy.of(new AddressPolicy(settings.allowPrivateAddresses())));
    }

    /**
     * For tests only: a resolver and a connect policy of the test's choosing (for instance one test host name
     * pointed at a local server and permitted, everything else under the normal rules).
     */
    SafeHttpClient(String userAgent, HostResolver resolver, ConnectPolicy policy) {
        this.userAgent = userAgent;
        this.resolver = resolver;
        this.policy = policy;
        this.lookups = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("atoll-http-dns-", 0).factory());
    }

    /**
     * Jetty's client, built and started on the first request rather than at start: starting it loads a few hundred
     * classes and a thread pool that an admin command, or a server that has not federated yet, never uses.
     */
    private HttpClient client() throws FetchFailedException {
        HttpClient c = client;
        if (c != null) return c;
        synchronized (this) {
            if (closed) throw new FetchFailedException("the outbound HTTP client is closed (shutting down)");
            if (client == null) client = startClient();
            return client;
        }
    }

    private HttpClient startClient() {
        HttpClient client = new HttpClient();
        client.setName("atoll-http");
        QueuedThreadPool threads = new QueuedThreadPool(64, 1);
        threads.setName("atoll-http");
        client.setExecutor(threads);
        SslContextFactory.Client tls = new SslContextFactory.Client();
        tls.setEndpointIdentificationAlgorithm("HTTPS"); // Jetty's default too; certificates must name the host
        client.setSslContextFactory(tls);
        client.setFollowRedirects(false);
        client.setRedirectCache(null);
        client.setHttpCookieStore(new HttpCookieStore.Empty());
        client.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, userAgent));
        // A backstop; the per-call connect limit is enforced in exchange().
        client.setConnectTimeout(Duration.ofSeconds(30).toMillis());
        client.setIdleTimeout(Duration.ofSeconds(60).toMillis());
        client.setMaxConnectionsPerDestination(16);
        client.setSocketAddressResolver(new CheckingResolver(resolver, policy, lookups));
        try {
            client.start();
            return client;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the outbound HTTP client", e);
        }
    }

    public Response get(URI uri, Map<String, String> headers, Limits limits) throws FetchFailedException {
        return send("GET", uri, sameOrigin(uri, "GET", headers), null, limits);
    }

    public Response get(URI uri, Map<String, String> headers) throws FetchFailedException { return get(uri, headers, Limits.DEFAULT); }

    public Response post(URI uri, Map<String, String> headers, byte[] body, Limits limits) throws FetchFailedException {
        return send("POST", uri, sameOrigin(uri, "POST", headers), body, limits);
    }

    /**
     * Sends a request and follows redirects. {@code headers} is asked for the headers of every hop; 303 (and 301/302
     * after a POST) continue as a GET without body, 307/308 repeat method and body.
     */
    public Response send(String method, URI uri, HeaderSource headers, byte[] body, Limits limits) throws FetchFailedException {
        long deadline = System.nanoTime() + limits.totalTimeout().toNanos();
        URI current = uri;
        String m = method.toUpperCase(Locale.ROOT);
        byte[] content = body;
        for (int redirects = 0; ; redirects++) {
            checkUrl(current);
            Hop hop = exchange(m, current, headers.headersFor(m, current), content, limits, deadline);
            if (hop.location == null) return hop.response;
            if (redirects >= limits.maxRedirects())
                throw new FetchFailedException("too many redirects (more than " + limits.maxRedirects() + ") starting at " + uri);
            current = resolveLocation(current, hop.location);
            int status = hop.response.status();
            if ((status == 303 && !m.equals("HEAD")) || ((status == 301 || status == 302) && m.equals("POST"))) {
                m = "GET";
                content = null;
            }
        }
    }

    /**
     * The given headers, as given, while the request stays on its first origin and method; on another origin
     * without credentials and signatures, and without body headers once a redirect has dropped the body.
     */
    private static HeaderSource sameOrigin(URI first, String firstMethod, Map<String, String> headers) {
        return (method, uri) -> {
            boolean same = sameOrigin(first, uri);
            Map<String, String> out = new LinkedHashMap<>();
            headers.forEach((k, v) -> {
                String name = k.toLowerCase(Locale.ROOT);
                if (!same && ORIGIN_BOUND.contains(name)) return;
                if (!method.equals(firstMethod) && BODY_HEADERS.contains(name)) return;
                out.put(k, v);
            });
            return out;
        };
    }

    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost()) && port(a) == port(b);
    }

    private static int port(URI u) {
        if (u.getPort() != -1) return u.getPort();
        return u.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }

    /** Refusals that need no lookup. The addresses themselves are checked when Jetty asks to connect. */
    static void checkUrl(URI uri) throws FetchFailedException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) throw new FetchFailedException("only http and https URLs can be fetched: " + uri);
        if (uri.getRawUserInfo() != null) throw new FetchFailedException("URLs with user info are refused");
        if (uri.getHost() == null) throw new FetchFailedException("URL has no valid host: " + uri);
        String host = uri.getHost();
        if (!host.startsWith("[") && AddressPolicy.isAmbiguousNumericHost(host)) throw new BlockedAddressException("ambiguous numeric host " + host);
    }

    private static URI resolveLocation(URI base, String location) throws FetchFailedException {
        try {
            return base.resolve(new URI(location.trim()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new FetchFailedException("redirect to an invalid URL: " + location);
        }
    }

    /** One request and its response; a redirect comes back with its location and no body. */
    private record Hop(Response response, String location) {}

    private Hop exchange(String method, URI uri, Map<String, String> headers, byte[] body, Limits limits, long deadline) throws FetchFailedException {
        long remainingMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (remainingMs <= 0) throw new FetchTimeoutException("no answer from " + uri.getHost() + " within " + limits.totalTimeout().toMillis() + " ms");
        HttpClient client = client();
        Request request = client.newRequest(uri).method(method).followRedirects(false).timeout(remainingMs, TimeUnit.MILLISECONDS);
        String contentType = null;
        for (Map.Entry<String, String> e : headers.entrySet()) {
            checkHeader(e.getKey(), e.getValue());
            if (e.getKey().equalsIgnoreCase("content-type")) contentType = e.getValue();
        }
        request.headers(h -> headers.forEach(h::put));
        if (body != null) request.body(new BytesRequestContent(contentType != null ? contentType : "application/octet-stream", body));

        InputStreamResponseListener listener = new InputStreamResponseListener();
        long connectMs = Math.min(limits.connectTimeout().toMillis(), remainingMs);
        // "Begin" fires once a connection has been obtained; until then the connect limit applies.
        Scheduler.Task connectTimer = client.getScheduler().schedule(() -> request.abort(
                new FetchTimeoutException("no connection to " + uri.getHost() + " within " + connectMs + " ms")), connectMs, TimeUnit.MILLISECONDS);
        request.onRequestBegin(r -> connectTimer.cancel());
        org.eclipse.jetty.client.Response head;
        try {
            request.send(listener);
            head = listener.get(remainingMs + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw translate(e.getCause(), uri);
        } catch (TimeoutException e) {
            request.abort(e);
            throw new FetchTimeoutException("no answer from " + uri.getHost() + " within " + limits.totalTimeout().toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            request.abort(e);
            throw new FetchFailedException("interrupted while fetching " + uri);
        } finally {
            connectTimer.cancel();
        }

        Map<String, List<String>> responseHeaders = new LinkedHashMap<>();
        for (HttpField f : head.getHeaders()) {
            responseHeaders.computeIfAbsent(f.getLowerCaseName(), k -> new ArrayList<>()).add(f.getValue());
        }
        int status = head.getStatus();
        String location = head.getHeaders().get(HttpHeader.LOCATION);
        if (REDIRECTS.contains(status) && location != null && !location.isBlank()) {
            closeQuietly(listener);
            return new Hop(new Response(status, responseHeaders, new byte[0], uri), location);
        }
        byte[] bytes = readBody(head, listener, uri, limits);
        return new Hop(new Response(status, responseHeaders, bytes, uri), null);
    }

    private static byte[] readBody(org.eclipse.jetty.client.Response head, InputStreamResponseListener listener, URI uri, Limits limits)
            throws FetchFailedException {
        long max = limits.maxBytes();
        long declared = head.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
        if (declared > max) {
            head.abort(new ResponseTooLargeException("declared " + declared + " bytes"));
            closeQuietly(listener);
            throw new ResponseTooLargeException(uri.getHost() + " answered with " + declared + " bytes, more than the limit of " + max);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(declared > 0 ? declared : 8192, Math.max(max, 1)));
        try (InputStream in = listener.getInputStream()) {
            byte[] buf = new byte[16 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(buf)) != -1) {
                total += n;
                if (total > max) {
                    head.abort(new ResponseTooLargeException("over " + max + " bytes"));
                    throw new ResponseTooLargeException(uri.getHost() + " sent more than the limit of " + max + " bytes");
                }
                out.write(buf, 0, n);
            }
        } catch (FetchFailedException e) {
            throw e;
        } catch (IOException e) {
            throw translate(e, uri);
        }
        return out.toByteArray();
    }

    /** Finds the reason in Jetty's wrapping and names it in our terms. */
    private static FetchFailedException translate(Throwable failure, URI uri) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof FetchFailedException f) return f;
            if (t instanceof TimeoutException) return new FetchTimeoutException("no answer from " + uri.getHost() + " in time");
            if (t instanceof UnknownHostException) return new FetchFailedException("unknown host " + uri.getHost(), t);
            if (t instanceof ConnectException) return new FetchFailedException("cannot connect to " + uri.getHost() + ": " + t.getMessage(), t);
            if (t.getCause() == t) break;
        }
        return new FetchFailedException("fetching " + uri + " failed: " + failure, failure);
    }

    /** Header names and values go on the wire verbatim, so they must not be able to start a new line. */
    private static void checkHeader(String name, String value) {
        if (name.isEmpty() || !name.chars().allMatch(c -> c > 32 && c < 127 && c != ':'))
            throw new IllegalArgumentException("invalid header name '" + name + "'");
        if (value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0))
            throw new IllegalArgumentException("header " + name + " contains a line break");
    }

    private static void closeQuietly(InputStreamResponseListener listener) {
        try {
            listener.getInputStream().close();
        } catch (IOException ignored) {
            // the connection is being dropped anyway
        }
    }

    @Override
    public void close() {
        HttpClient started;
        synchronized (this) {
            closed = true;
            started = client;
        }
        try {
            if (started != null) started.stop();
        } catch (Exception ignored) {
            // shutting down
        } finally {
            lookups.shutdownNow(); // a lookup stuck in DNS must not hold up shutdown
        }
    }
}
