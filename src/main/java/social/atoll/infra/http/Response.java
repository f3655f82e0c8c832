package social.atoll.infra.http;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A complete response of an outbound fetch.
 *
 * @param status   HTTP status of the last hop
 * @param headers  response headers by lower-case name, values in order received
 * @param body     the whole body (within the caller's size limit)
 * @param finalUri the URL that answered, after redirects
 */
public record Response(int status, Map<String, List<String>> headers, byte[] body, URI finalUri) {

    /** The first value of a header (case-insensitive name). */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public boolean ok() { return status >= 200 && status < 300; }

    /** The body as text, in the charset the Content-Type names (UTF-8 when none or unknown). */
    public String text() {
        Charset cs = StandardCharsets.UTF_8;
        String type = header("content-type").orElse("");
        int i = type.toLowerCase(java.util.Locale.ROOT).indexOf("charset=");
        if (i >= 0) {
            String name = type.substring(i + 8).split(";", 2)[0].trim().replace("\"", "");
            try {
                cs = Charset.forName(name);
            } catch (RuntimeException ignored) {
                // unknown charset: UTF-8 is the best guess on the web
            }
        }
        return new String(body, cs);
    }
}
