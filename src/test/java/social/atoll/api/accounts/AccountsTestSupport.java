package social.atoll.api.accounts;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import social.atoll.core.auth.OAuthApp;
import social.atoll.core.auth.Scopes;
import social.atoll.testing.TestHttp;
import social.atoll.testing.TestInstance;

/** Small helpers shared by the account API tests. */
public final class AccountsTestSupport {
    private AccountsTestSupport() {}

    /** The account id of a local user, as the API shows it. */
    static String id(TestInstance atoll, String token) {
        return atoll.http().get("/api/v1/accounts/verify_credentials", token).json().get("id").asText();
    }

    /** A registered app and an app token (client_credentials) carrying {@code scopes}. */
    static String appToken(TestInstance atoll, String scopes) {
        OAuthApp app = atoll.app().core.oauth.register("Sign-up test app", List.of("urn:ietf:wg:oauth:2.0:oob"),
                Scopes.parse(scopes), null);
        return atoll.app().core.tokens.issue(app.id(), null, Scopes.parse(scopes)).token();
    }

    /** A multipart/form-data request, as masto.js sends profile updates. */
    static TestHttp.Response multipart(TestInstance atoll, String method, String path, String token, List<Map.Entry<String, String>> parts) {
        String boundary = "----atoll" + UUID.randomUUID();
        StringBuilder body = new StringBuilder();
        for (Map.Entry<String, String> p : parts) {
            body.append("--").append(boundary).append("\r\n")
                    .append("Content-Disposition: form-data; name=\"").append(p.getKey()).append("\"\r\n\r\n")
                    .append(p.getValue()).append("\r\n");
        }
        body.append("--").append(boundary).append("--\r\n");
        return atoll.http().send(method, path, token, new String(body.toString().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8),
                "multipart/form-data; boundary=" + boundary);
    }

    /** Fetches a URL and decodes it as an image; fails unless it is served as a PNG that decodes. */
    public static java.awt.image.BufferedImage image(String url) {
        try {
            var client = java.net.http.HttpClient.newHttpClient();
            var r = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) throw new AssertionError(url + " answered " + r.statusCode());
            if (!r.headers().firstValue("Content-Type").orElse("").equals("image/png")) throw new AssertionError(url + " is not image/png");
            var image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(r.body()));
            if (image == null) throw new AssertionError(url + " does not decode as an image");
            return image;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A form-encoded request with repeated keys allowed. */
    static TestHttp.Response form(TestInstance atoll, String method, String path, String token, List<Map.Entry<String, String>> pairs) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> p : pairs) {
            if (!b.isEmpty()) b.append('&');
            b.append(java.net.URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(java.net.URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
        }
        return atoll.http().send(method, path, token, b.toString(), "application/x-www-form-urlencoded");
    }
}
