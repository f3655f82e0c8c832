package social.atoll.server;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors that Jetty answers before any route runs — a URI or headers too long (414, 431), a path with a NUL or a
 * broken {@code %}-escape (400) — in Mastodon's shape, {@code {"error": "…"}}, as every other API error. A browser
 * asking for a page outside {@code /api/} keeps Jetty's HTML page.
 */
final class JsonErrorHandler extends ErrorHandler {

    @Override
    protected boolean generateAcceptableResponse(Request request, Response response, Callback callback, String contentType,
                                                 List<Charset> charsets, int code, String message, Throwable cause)
            throws java.io.IOException {
        // a request Jetty could not parse leaves the connection unusable, and Jetty closes it after this answer
        // without saying so: a client that pooled the connection would send its next request into the void
        // ("header parser received no bytes"). Say so.
        if (code == 400 || code == 414 || code == 431) response.getHeaders().put(HttpHeader.CONNECTION, "close");
        String accept = request.getHeaders().get(HttpHeader.ACCEPT);
        boolean page = accept != null && accept.contains("text/html") && !Request.getPathInContext(request).startsWith("/api/");
        if (page) return super.generateAcceptableResponse(request, response, callback, contentType, charsets, code, message, cause);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body(code, message)), callback);
        return true;
    }

    private static byte[] body(int status, String reason) {
        String text = reason == null || reason.isBlank() ? HttpStatus.getMessage(status) : reason;
        return ("{\"error\":\"" + escape(text) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** A JSON string's content: Jetty's reasons are short ASCII phrases, but nothing unescaped reaches the body. */
    private static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.toString();
    }
}
