package social.atoll.api.streaming;

import social.atoll.core.auth.AccessToken;
import social.atoll.core.auth.WebSessions;
import social.atoll.server.Cookies;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import social.atoll.server.ApiException;
import social.atoll.api.Auth;
import social.atoll.server.Controller;
import social.atoll.api.Viewer;
import social.atoll.core.streaming.StreamAudience;

/**
 * Mastodon's streaming API on the main host: {@code /api/v1/streaming} as a multiplexed WebSocket, the same path and
 * its sub-paths ({@code /user}, {@code /public/local}, {@code /hashtag?tag=} …) as Server-Sent Events, and
 * {@code /api/v1/streaming/health}.
 *
 * <p>The token comes from {@code Authorization: Bearer}, the {@code Sec-WebSocket-Protocol} header (browsers cannot
 * set headers on a WebSocket; Javalin echoes the offered protocol in the handshake, which browsers require) or the
 * {@code access_token} parameter. Every stream needs a user token (Mastodon 4.2+): public streams any scope, the
 * others {@code read} or {@code read:statuses}, {@code user:notification} also {@code read:notifications}.
 */
public final class StreamingController implements Controller {

    private static final String VIEWER = "atoll.stream.viewer";
    private static final long HEARTBEAT_MILLIS = 15_000;

    private final Auth auth;
    private final ObjectMapper json;
    private final StreamRegistry registry;
    private final StreamAudience audience;
    /** Open WebSockets by session id, with the account and scopes they authenticated as. */
    private final Map<String, Socket> sockets = new ConcurrentHashMap<>();

    private record Socket(WebSocketConnection connection, Viewer viewer) {}

    private final WebSessions sessions;

    public StreamingController(Auth auth, ObjectMapper json, StreamRegistry registry, StreamAudience audience, WebSessions sessions) {
        this.auth = auth;
        this.sessions = sessions;
        this.json = json;
        this.registry = registry;
        this.audience = audience;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/api/v1/streaming/health", ctx -> ctx.contentType("text/plain").result("OK"));
        r.wsBeforeUpgrade("/api/v1/streaming", ctx -> ctx.attribute(VIEWER, viewer(ctx.header("Authorization"),
                ctx.header("Sec-WebSocket-Protocol"), ctx.queryParam("access_token"))));
        r.ws("/api/v1/streaming", ws -> {
            ws.onConnect(this::connected);
            ws.onMessage(ctx -> message(ctx, ctx.message()));
            ws.onBinaryMessage(ctx -> message(ctx, StandardCharsets.UTF_8.decode(ctx.data()).toString()));
            ws.onClose(this::closed);
            ws.onError(this::closed);
        });
        r.get("/api/v1/streaming", ctx -> sse(ctx, ctx.queryParam("stream")));
        r.get("/api/v1/streaming/user", ctx -> sse(ctx, "user"));
        r.get("/api/v1/streaming/user/notification", ctx -> sse(ctx, "user:notification"));
        r.get("/api/v1/streaming/public", ctx -> sse(ctx, media(ctx, "public")));
        r.get("/api/v1/streaming/public/local", ctx -> sse(ctx, media(ctx, "public:local")));
        r.get("/api/v1/streaming/public/remote", ctx -> sse(ctx, media(ctx, "public:remote")));
        r.get("/api/v1/streaming/hashtag", ctx -> sse(ctx, "hashtag"));
        r.get("/api/v1/streaming/hashtag/local", ctx -> sse(ctx, "hashtag:local"));
        r.get("/api/v1/streaming/list", ctx -> sse(ctx, "list"));
        r.get("/api/v1/streaming/direct", ctx -> sse(ctx, "direct"));
        r.get("/api/v1/streaming/<rest>", ctx -> {
            throw new ApiException(400, "Unknown channel requested");
        });
    }

    private static String media(Context ctx, String name) {
        String m = ctx.queryParam("only_media");
        return m != null && (m.equals("true") || m.equals("1")) ? name + ":media" : name;
    }

    /** The signed-in account behind the first token found; 401 without one. */
    private Viewer viewer(String authorization, String protocol, String query) {
        String token = null;
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) token = authorization.substring(7).trim();
        if ((token == null || token.isEmpty()) && protocol != null) token = protocol.split(",")[0].trim();
        if ((token == null || token.isEmpty()) && query != null) token = query.trim();
        if (token == null || token.isEmpty()) throw new ApiException(401, "Missing access token");
        Viewer v = auth.viewerOf(token);
        if (!v.hasUser()) throw ApiException.unauthenticated();
        return v;
    }

    /**
     * The web app's own pages read the streams with their sign-in cookie (an {@code EventSource} cannot send a
     * header), with read scope only. Only for SSE, whose answers another site cannot read: the CORS headers here
     * allow no credentials, so a cross-site {@code EventSource} with cookies is refused by the browser.
     */
    private Viewer browserViewer(String secret) {
        var session = sessions.resume(secret).orElseThrow(() -> new ApiException(401, "The access token is invalid"));
        var person = session.person();
        if (!person.user().active() || person.account().suspended()) throw new ApiException(401, "The access token is invalid");
        var readOnly = new AccessToken(0, null, person.account().id(), "read", session.session().createdAt());
        return new Viewer(readOnly, person.account(), person.user());
    }

    /** Parses and authorizes a subscription for this viewer. */
    private Subscription subscription(Viewer v, String name, String tag, String list) {
        Subscription s = Subscription.of(name, tag, list, v.accountId());
        boolean allowed = s.isPublic() || v.has("read:statuses")
                || (s.name().equals("user:notification") && v.has("read:notifications"));
        if (!allowed) throw ApiException.outsideScopes();
        if (s.name().equals("list")) {
            Long owner = audience.listOwner(Long.parseLong(s.param()));
            // equals, not !=: both are Longs, and ids past the small-value cache are different objects
            if (owner == null || !owner.equals(v.accountId())) throw new ApiException(404, "Record not found");
        }
        return s;
    }

    // --- WebSocket ---

    private void connected(WsConnectContext ctx) {
        Viewer v = ctx.attribute(VIEWER);
        if (v == null) { // no before-upgrade attribute carried over: authenticate again from the handshake
            v = viewer(ctx.header("Authorization"), ctx.header("Sec-WebSocket-Protocol"), ctx.queryParam("access_token"));
        }
        WebSocketConnection c = new WebSocketConnection(v.accountId(), ctx, json);
        sockets.put(ctx.sessionId(), new Socket(c, v));
        ctx.enableAutomaticPings(30, java.util.concurrent.TimeUnit.SECONDS);
        ctx.session.setIdleTimeout(java.time.Duration.ofMinutes(5));
        String stream = ctx.queryParam("stream");
        if (stream != null) subscribe(c, v, stream, ctx.queryParam("tag"), ctx.queryParam("list"));
    }

    private void message(WsContext ctx, String text) {
        Socket socket = sockets.get(ctx.sessionId());
        if (socket == null) return;
        WebSocketConnection c = socket.connection();
        JsonNode m;
        try {
            m = json.readTree(text);
        } catch (IOException e) {
            c.sendError("Could not parse message", 400);
            return;
        }
        if (m == null || !m.isObject()) {
            c.sendError("Could not parse message", 400);
            return;
        }
        String type = m.path("type").asText("");
        String stream = m.path("stream").asText(null);
        String tag = m.hasNonNull("tag") ? m.get("tag").asText() : null;
        String list = m.hasNonNull("list") ? m.get("list").asText() : null;
        switch (type) {
            case "subscribe" -> subscribe(c, socket.viewer(), stream, tag, list);
            case "unsubscribe" -> {
                try {
                    registry.remove(c, Subscription.of(stream, tag, list, c.viewerId()));
                } catch (ApiException e) {
                    c.sendError(e.error(), e.status());
                }
            }
            default -> c.sendError("Unknown message type", 400);
        }
    }

    private void subscribe(WebSocketConnection c, Viewer v, String stream, String tag, String list) {
        try {
            registry.add(c, subscription(v, stream, tag, list));
        } catch (ApiException e) {
            c.sendError(e.error(), e.status());
        }
    }

    private void closed(WsContext ctx) {
        Socket socket = sockets.remove(ctx.sessionId());
        if (socket != null) registry.removeAll(socket.connection());
    }

    // --- Server-Sent Events ---

    private void sse(Context ctx, String stream) throws IOException {
        Viewer v = ctx.header("Authorization") == null && ctx.queryParam("access_token") == null && ctx.cookie(Cookies.SESSION) != null
                ? browserViewer(ctx.cookie(Cookies.SESSION))
                : viewer(ctx.header("Authorization"), null, ctx.queryParam("access_token"));
        if (stream == null || !Subscription.NAMES.contains(stream)) throw new ApiException(400, "Unknown channel requested");
        Subscription s = subscription(v, stream, ctx.queryParam("tag"), ctx.queryParam("list"));
        SseConnection c = new SseConnection(v.accountId());
        var res = ctx.res();
        res.setStatus(200);
        res.setContentType("text/event-stream; charset=utf-8");
        res.setHeader("Cache-Control", "no-store");
        res.setHeader("X-Accel-Buffering", "no");
        // Jetty's chunked framing sends a chunk's closing CRLF only in front of the next chunk, and clients that
        // decode chunks strictly (Python's urllib3, under requests and Mastodon.py) hold the whole chunk until that
        // CRLF: each event would wait for the next heartbeat. Without Content-Length a response that does not keep
        // the connection is framed by its end instead, so every flush reaches the client whole. The stream ends
        // only when the connection does, so there is nothing to keep it for. HTTP/2 frames each flush itself.
        if ("HTTP/1.1".equals(ctx.req().getProtocol())) res.setHeader("Connection", "close");
        registry.add(c, s);
        try {
            c.pump(res.getOutputStream(), HEARTBEAT_MILLIS);
        } catch (IOException gone) {
            // the client went away
        } finally {
            registry.removeAll(c);
        }
    }
}
