package social.atoll.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import social.atoll.testing.TestHttp;

/**
 * A browser without JavaScript for HTTP tests of the web app: keeps cookies, follows no redirect (tests look at
 * each), signs in through the sign-in form and reads the CSRF token from a page as a form would send it.
 */
public final class FormClient {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private final String baseUrl;
    private final HttpClient client;

    public FormClient(String baseUrl) {
        this.baseUrl = baseUrl;
        this.client = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** Signs in with the password a {@code TestInstance.createUser} account has. */
    public FormClient signIn(String username) {
        String token = csrf("/auth/sign_in");
        var r = post("/auth/sign_in", Map.of("email", username, "password", "password-" + username, "csrf", token, "return_to", "/home"));
        if (r.statusCode() != 303 && r.statusCode() != 302) throw new AssertionError("sign-in answered " + r.statusCode() + ": " + r.body());
        return this;
    }

    /** The CSRF token the page at {@code path} puts in its forms. */
    String csrf(String path) {
        var page = get(path);
        Matcher m = CSRF.matcher(page.body());
        if (!m.find()) throw new AssertionError("no csrf token on " + path + " (" + page.statusCode() + ")");
        return m.group(1);
    }

    public HttpResponse<String> get(String path) { return send(HttpRequest.newBuilder(uri(path)).GET()); }

    HttpResponse<String> post(String path, Map<String, String> form) { return post(path, form, Map.of()); }

    HttpResponse<String> post(String path, Map<String, String> form, Map<String, String> headers) {
        var b = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(TestHttp.form(form)));
        headers.forEach(b::header);
        return send(b);
    }

    /** One file of a multipart form. */
    record FilePart(String name, String filename, String type, byte[] bytes) {}

    /** A multipart form (fields may repeat: each entry is name, value). */
    HttpResponse<String> postMultipart(String path, List<Map.Entry<String, String>> fields, List<FilePart> files) {
        String boundary = "----atoll" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (var f : fields) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n" + f.getValue()
                    + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        for (var f : files) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.name() + "\"; filename=\"" + f.filename()
                    + "\"\r\nContent-Type: " + f.type() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(f.bytes());
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    private URI uri(String path) { return URI.create(path.startsWith("http") ? path : baseUrl + path); }

    private HttpResponse<String> send(HttpRequest.Builder b) {
        try {
            return client.send(b.header("Accept", "text/html").timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
