package social.atoll.server;

import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The body limits of {@link BodyLimits} for bodies that declare no length (chunked): the bytes are counted as they
 * are read, and the read that passes the route's limit fails with a 413, which {@link HttpServer} answers as
 * Mastodon-style JSON. Without it a chunked JSON or form body was read whole, whatever its size, before any check.
 * It sits in front of Javalin's servlet context, so every reader of the body (Javalin, form and multipart parsing)
 * reads through it.
 */
final class StreamedBodyLimit extends Handler.Wrapper {

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long limit = BodyLimits.forPath(Request.getPathInContext(request));
        return super.handle(new Limited(request, limit), response, callback);
    }

    private static final class Limited extends Request.Wrapper {
        private final long limit;
        private long read;
        private Content.Chunk failure;

        Limited(Request request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public Content.Chunk read() {
            // a declared length is checked before the body is read, and Jetty holds the body to it; counting here
            // would also fail the drain of a body refused by its declared length
            if (getLength() >= 0) return super.read();
            if (failure != null) return failure;
            Content.Chunk chunk = super.read();
            if (chunk == null || Content.Chunk.isFailure(chunk)) return chunk;
            read += chunk.remaining();
            if (read <= limit) return chunk;
            chunk.release();
            failure = Content.Chunk.from(new HttpException.RuntimeException(413, BodyLimits.tooLarge(limit)), true);
            return failure;
        }
    }
}
