package social.atoll.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.io.EofException;
import io.javalin.json.JavalinJackson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.atoll.config.Settings;
import social.atoll.core.common.ForbiddenException;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.common.ValidationException;
import social.atoll.infra.db.Database;
import social.atoll.infra.db.StatementCounter;
import social.atoll.infra.metrics.Metrics;
import social.atoll.infra.storage.StorageWriteException;

/**
 * The HTTP server: Javalin on Jetty with virtual threads. Holds what every route shares — JSON, CORS, the one
 * exception-to-response table, JSON 404s for unknown API routes, one log line per request — and registers the
 * controllers it is given.
 */
public final class HttpServer {

    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);
    private static final Logger access = LoggerFactory.getLogger("atoll.access");

    /** How long an idle keep-alive connection stays open: longer than the clients that reuse theirs for 30–60 s. */
    static final java.time.Duration KEEP_ALIVE = java.time.Duration.ofSeconds(75);
    private final Javalin app;

    public HttpServer(Settings settings, ObjectMapper json, List<Controller> controllers, Metrics metrics, StatementCounter statements) {
        this(settings, json, controllers, metrics, statements, ErrorPages.NONE);
    }

    /** With {@code errorPages} drawing the errors that browsers get instead of JSON. */
    public HttpServer(Settings settings, ObjectMapper json, List<Controller> controllers, Metrics metrics, StatementCounter statements,
                      ErrorPages errorPages) {
        this.app = Javalin.create(config -> {
            config.concurrency.useVirtualThreads = true;
            config.router.ignoreTrailingSlashes = true;
            config.router.treatMultipleSlashesAsSingleSlash = true;
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.maxRequestSize = 110L * 1024 * 1024; // a 99 MB video upload (Mastodon's limit) and its form
            // a multipart part beyond 64 KB goes to a temporary file as it arrives, never whole into memory
            config.jetty.multipartConfig.maxInMemoryFileSize(64, io.javalin.config.SizeUnit.KB);
            config.jsonMapper(new JavalinJackson(json, true));
            config.jetty.host = settings.bindAddress();
            config.jetty.port = settings.port();
            config.jetty.modifyServer(server -> {
                server.setErrorHandler(new JsonErrorHandler());
                server.setHandler(new StreamedBodyLimit()); // Javalin puts its servlet context inside this wrapper
                // Jetty closes an idle keep-alive connection after 30 s, exactly when Java's HTTP client (30 s) and
                // others stop reusing theirs: a request sent into the connection as the server closes it fails
                // with "header parser received no bytes". Outlive the clients' timers, as nginx does (75 s).
                server.addEventListener(new org.eclipse.jetty.util.component.LifeCycle.Listener() {
                    @Override
                    public void lifeCycleStarting(org.eclipse.jetty.util.component.LifeCycle event) {
                        for (var connector : server.getConnectors()) {
                            if (connector instanceof org.eclipse.jetty.server.AbstractConnector c) c.setIdleTimeout(KEEP_ALIVE.toMillis());
                        }
                    }
                });
            });
            config.requestLogger.http((ctx, ms) -> {
                access.info("{} {} {} {}ms", ctx.method(), ctx.path(), ctx.statusCode(), Math.round(ms));
                String route = routeTemplate(ctx);
                metrics.recordRequest(ctx.method().name(), route, ctx.statusCode(), ms);
                statements.end(ctx.method().name() + " " + route);
            });

            var routes = config.routes;
            routes.before(ctx -> statements.begin());
            routes.before(HttpServer::cors);
            routes.before(HttpServer::bodyLimit);
            routes.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.error(), e.description()));
            routes.exception(NotFoundException.class, (e, ctx) -> error(ctx, 404, "Record not found", null));
            routes.exception(ValidationException.class, (e, ctx) -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("error", e.isBare() ? e.getMessage() : "Validation failed: " + e.getMessage());
                if (!e.details().isEmpty()) body.put("details", e.details());
                ctx.status(422).json(body);
            });
            routes.exception(ForbiddenException.class, (e, ctx) -> error(ctx, 403, e.getMessage(), null));
            routes.exception(social.atoll.core.common.TooManyRequestsException.class, (e, ctx) -> error(ctx, 429, e.getMessage(), null));
            routes.exception(Exception.class, HttpServer::unexpected);
            routes.error(404, ctx -> {
                String body = ctx.result();
                if (body == null || body.isEmpty() || body.startsWith("Endpoint ")) error(ctx, 404, "Record not found", null);
            });
            routes.error(405, ctx -> error(ctx, 404, "Record not found", null));
            routes.after(HttpServer::finishUnreadBody);
            // last of all: a browser that asked for a page gets the error as a page, whoever answered it in JSON
            routes.after(ctx -> {
                String type = ctx.res().getContentType();
                if (ctx.statusCode() >= 400 && type != null && type.startsWith("application/json") && ErrorPages.wantsPage(ctx))
                    errorPages.render(ctx, ctx.statusCode(), errorText(ctx));
            });
            // Javalin picks the first matching route: controllers with catch-all paths (order > 0) go last.
            for (Controller c : controllers.stream().sorted(java.util.Comparator.comparingInt(Controller::order)).toList()) c.routes(routes);
        });
    }

    /**
     * What no handler expected. Most of it is still the client's doing and gets a 4xx with one log line: a charset
     * Java does not know (415), a body Jetty could not parse, such as broken multipart (its 400), a client that went
     * away mid-body (nothing to answer). The rest is a bug: 500, with the stack trace in the log.
     */
    private static void unexpected(Exception e, Context ctx) {
        // a body over its limit, found while reading (StreamedBodyLimit), even where a parser wrapped it in its own 400
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HttpException tooLarge && tooLarge.getCode() == 413) {
                log.info("{} {}: {}", ctx.method(), ctx.path(), tooLarge.getReason());
                ctx.header("Connection", "close");
                error(ctx, 413, tooLarge.getReason(), null);
                return;
            }
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnsupportedCharsetException || t instanceof IllegalCharsetNameException) {
                log.info("{} {}: unsupported charset in {}", ctx.method(), ctx.path(), ctx.header("Content-Type"));
                error(ctx, 415, "Unsupported charset", null);
                return;
            }
            if (t instanceof HttpException bad && bad.getCode() >= 400 && bad.getCode() < 500) {
                log.info("{} {}: bad request body: {}", ctx.method(), ctx.path(), bad.getReason());
                error(ctx, bad.getCode(), bad.getReason() == null ? "Bad request" : bad.getReason(), null);
                return;
            }
            if (t instanceof StorageWriteException) {
                log.warn("{} {}: the media store refused a write: {}", ctx.method(), ctx.path(), t.getMessage());
                ctx.header("Retry-After", "30");
                error(ctx, 503, "The media storage cannot be written now, try again later", null);
                return;
            }
            if (Database.isUnavailable(t)) {
                log.warn("{} {}: the database cannot be reached: {}", ctx.method(), ctx.path(), t.getMessage());
                ctx.header("Retry-After", "5");
                error(ctx, 503, "The database cannot be reached, try again in a moment", null);
                return;
            }
            if (Database.isBusy(t)) {
                log.warn("{} {}: the database stayed locked by another process: {}", ctx.method(), ctx.path(), t.getMessage());
                ctx.header("Retry-After", "5");
                error(ctx, 503, "The database is busy, try again in a moment", null);
                return;
            }
            if (t instanceof EofException || t instanceof EOFException) {
                log.info("{} {}: the client went away before its request was read", ctx.method(), ctx.path());
                error(ctx, 400, "Incomplete request", null);
                return;
            }
        }
        log.error("unhandled error on {} {}", ctx.method(), ctx.path(), e);
        error(ctx, 500, "Internal server error", null);
    }

    /**
     * An answer given without reading the request's body (a 401 before parsing, a 404 for its path, a multipart body
     * its parser gave up on) leaves the rest of the body in the connection. Jetty then closes the connection after
     * the answer, which said keep-alive: a pooled client sends its next request into it and reads nothing ("header
     * parser received no bytes"), or the client, still sending, has the connection reset under it before it reads the
     * answer. A remainder up to {@link BodyLimits#DRAIN} is read and discarded before answering, so the connection
     * stays usable; a larger one is not worth reading, and the answer says {@code Connection: close}.
     */
    private static void finishUnreadBody(Context ctx) {
        long length = ctx.contentLength();
        boolean chunked = ctx.header("Transfer-Encoding") != null;
        if ((length <= 0 && !chunked) || ctx.res().isCommitted()) return;
        boolean finished = false;
        if (length <= BodyLimits.DRAIN) {
            try {
                var in = ctx.req().getInputStream();
                byte[] buffer = new byte[16 * 1024];
                long left = BodyLimits.DRAIN;
                int n;
                while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0) left -= n;
                finished = left > 0 || in.read() < 0;
            } catch (IOException | RuntimeException e) {
                // read through a reader, refused by its limit, or the client went away: not reusable
            }
        }
        if (!finished) ctx.header("Connection", "close");
    }

    /**
     * Refuses a body larger than its route takes, from its declared length, before a byte of it is read: the 413
     * leaves at once, also to a client that waits for it before sending more. A client that sends its whole body
     * anyway (Java's client, Mastodon's http.rb) would have the connection reset under it if the server closed with
     * the body still arriving, and the reset can destroy the 413 before the client reads it ("header parser received
     * no bytes"). So for a body at most {@link BodyLimits#DRAIN} over the limit the answer is sent, the server's side
     * of the connection is half-closed, and the rest of the body is read and thrown away — nginx's lingering close.
     * A larger body is not worth the bandwidth: the connection just closes.
     */
    private static void bodyLimit(Context ctx) throws IOException {
        long length = ctx.contentLength();
        long limit = BodyLimits.forPath(ctx.path());
        if (length <= limit) return;
        ctx.header("Connection", "close");
        // a browser gets its error page the usual way (browsers read an early answer while still sending)
        if (length - limit > BodyLimits.DRAIN || ErrorPages.wantsPage(ctx)) throw new ApiException(413, BodyLimits.tooLarge(limit));
        log.info("{} {}: {}", ctx.method(), ctx.path(), BodyLimits.tooLarge(limit));
        var res = ctx.res();
        byte[] body = ("{\"error\":\"" + BodyLimits.tooLarge(limit) + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        res.setStatus(413);
        res.setContentType("application/json; charset=utf-8");
        res.setContentLength(body.length);
        res.getOutputStream().write(body);
        res.flushBuffer();
        var endPoint = org.eclipse.jetty.ee10.servlet.ServletContextRequest.getServletContextRequest(ctx.req())
                .getConnectionMetaData().getConnection().getEndPoint();
        endPoint.shutdownOutput();
        try (var in = ctx.req().getInputStream()) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException | RuntimeException e) {
            // the client closed first: nothing left to drain
        }
        ctx.skipRemainingHandlers();
    }

    /** The matched route's template ({@code /api/v1/accounts/{id}}), so metrics do not grow a series per id. */
    private static String routeTemplate(Context ctx) {
        var endpoint = ctx.endpoints().matchedHttpEndpoint();
        return endpoint == null ? "unmatched" : endpoint.path;
    }

    /** The {@code error} of the JSON body already written, for the page that replaces it. */
    private static String errorText(Context ctx) {
        String body = ctx.result();
        if (body == null) return null;
        var m = java.util.regex.Pattern.compile("\"error\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(body);
        return m.find() ? m.group(1) : null;
    }

    public void start() { app.start(); }

    public int port() { return app.port(); }

    /** Every HTTP route served, as {@code "GET /api/v1/statuses/{id}"} (for the route fuzz suite and diagnostics). */
    public List<String> routes() {
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .map(e -> e.endpoint.method.name() + " " + e.endpoint.path).distinct().toList();
    }

    public void stop() { app.stop(); }

    /** Writes Mastodon's error JSON. */
    public static void error(Context ctx, int status, String error, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        if (description != null) body.put("error_description", description);
        ctx.status(status).json(body);
    }

    /**
     * CORS as Mastodon sends it for browser clients on other origins: any origin, no credentials. Preflight
     * requests are answered here, before any authentication.
     */
    private static void cors(Context ctx) {
        String path = ctx.path();
        boolean cors = path.startsWith("/api/") || path.startsWith("/oauth/token") || path.startsWith("/oauth/revoke")
                || path.startsWith("/oauth/userinfo") || path.startsWith("/nodeinfo/") || path.startsWith("/.well-known/");
        if (path.startsWith("/api/")) ctx.header("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate");
        if (!cors) return;
        ctx.header("Access-Control-Allow-Origin", "*");
        ctx.header("Access-Control-Expose-Headers", "Link, X-RateLimit-Reset, X-RateLimit-Limit, X-RateLimit-Remaining, X-Request-Id, Idempotency-Key");
        if (ctx.method() == HandlerType.OPTIONS) {
            ctx.header("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE, OPTIONS");
            String requested = ctx.header("Access-Control-Request-Headers");
            ctx.header("Access-Control-Allow-Headers", requested != null ? requested : "Authorization, Content-Type, Idempotency-Key");
            ctx.header("Access-Control-Max-Age", "86400");
            ctx.status(200).result("");
            ctx.skipRemainingHandlers();
        }
    }
}
