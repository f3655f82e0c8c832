package social.atoll.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** A small HTTP client for tests: JSON in and out, bearer tokens, nothing hidden. */
public final class TestHttp {

    /** A response: status, headers, body as text and as JSON (null when the body is not JSON). */
    public record Response(int status, java.net.http.HttpHeaders headers, String body, JsonNode json) {
        public String header(String name) { return headers.firstValue(name).orElse(null); }
    }

    private final String baseUrl;
    private final ObjectMapper json;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public TestHttp(String baseUrl, ObjectMapper json) {
        this.baseUrl = baseUrl;
        this.json = json;
    }

    public Response get(String path, String token) { return send("GET", path, token, null, null); }

    public Response get(String path) { return get(path, null); }

    public Response delete(String path, String token) { return send("DELETE", path, token, null, null); }

    /** POST with a JSON body ({@code body} is serialized; null sends no body). */
    public Response postJson(String path, String token, Object body) { return json("POST", path, token, body); }

    public Response putJson(String path, String token, Object body) { return json("PUT", path, token, body); }

    public Response patchJson(String path, String token, Object body) { return json("PATCH", path, token, body); }

    public Response json(String method, String path, String token, Object body) {
        try {
            return send(method, path, token, body == null ? null : json.writeValueAsString(body), "application/json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** POST with an application/x-www-form-urlencoded body. */
    public Response postForm(String path, String token, Map<String, String> form) {
        return send("POST", path, token, form(form), "application/x-www-form-urlencoded");
    }

    public static String form(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** Sends any request; {@code extraHeaders} may add e.g. Idempotency-Key. */
    public Response send(String method, String path, String token, String body, String contentType, Map<String, String> extraHeaders) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) b.header("Authorization", "Bearer " + token);
        if (contentType != null) b.header("Content-Type", contentType);
        extraHeaders.forEach(b::header);
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode parsed = null;
            String ct = r.headers().firstValue("Content-Type").orElse("");
            if (ct.contains("json") && !r.body().isEmpty()) parsed = json.readTree(r.body());
            return new Response(r.statusCode(), r.headers(), r.body(), parsed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Response send(String method, String path, String token, String body, String contentType) {
        return send(method, path, token, body, contentType, new LinkedHashMap<>());
    }
}
