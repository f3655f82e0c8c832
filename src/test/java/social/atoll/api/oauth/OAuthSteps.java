package social.atoll.api.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import social.atoll.testing.TestHttp;
import social.atoll.testing.TestInstance;

/** The steps of the OAuth tests: registering apps, authorizing in a browser, talking to the token endpoint. */
final class OAuthSteps {

    private final TestInstance atoll;
    private final TestHttp http;

    OAuthSteps(TestInstance atoll) {
        this.atoll = atoll;
        this.http = atoll.http();
    }


    JsonNode registerApp(String name, String redirectUri, String scopes) {
        var r = http.postJson("/api/v1/apps", null, Map.of("client_name", name, "redirect_uris", redirectUri, "scopes", scopes));
        assertThat(r.status()).isEqualTo(200);
        return r.json();
    }

    String registerError(Map<String, String> form) {
        var r = http.postForm("/api/v1/apps", null, form);
        assertThat(r.status()).isEqualTo(422);
        return r.json().get("error").asText();
    }

    static String authorizeUrl(JsonNode app, String redirectUri, String scope, Map<String, String> extra) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("response_type", "code");
        q.put("client_id", app.get("client_id").asText());
        q.put("redirect_uri", redirectUri);
        q.put("scope", scope);
        q.putAll(extra);
        return "/oauth/authorize?" + TestHttp.form(q);
    }

    Browser signedInBrowser(String username) {
        Browser browser = new Browser(atoll.baseUrl());
        HttpResponse<String> page = browser.get("/auth/sign_in");
        HttpResponse<String> r = browser.submit(Browser.form(page.body(), "/auth/sign_in"),
                Map.of("email", username + "@example.test", "password", "password-" + username));
        assertThat(r.statusCode()).isEqualTo(303);
        return browser;
    }

    /** Opens the consent page for {@code authorizeUrl}, approves, and returns the code from the redirect. */
    static String approve(Browser browser, String authorizeUrl) {
        HttpResponse<String> consent = browser.get(authorizeUrl);
        assertThat(consent.statusCode()).as(consent.body()).isEqualTo(200);
        HttpResponse<String> approved = browser.submit(Browser.form(consent.body(), "/oauth/authorize"), Map.of("decision", "approve"));
        assertThat(approved.statusCode()).isEqualTo(302);
        return queryParam(approved.headers().firstValue("Location").orElseThrow(), "code");
    }

    TestHttp.Response exchange(JsonNode app, String code, String redirectUri, String verifier, String scope) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri);
        if (verifier != null) form.put("code_verifier", verifier);
        if (scope != null) form.put("scope", scope);
        return tokenRequest(app, form);
    }

    TestHttp.Response tokenRequest(JsonNode app, Map<String, String> params) {
        return tokenRequest(app, params, "/oauth/token");
    }

    TestHttp.Response tokenRequest(JsonNode app, Map<String, String> params, String path) {
        Map<String, String> form = new LinkedHashMap<>(params);
        form.put("client_id", app.get("client_id").asText());
        form.put("client_secret", app.get("client_secret").asText());
        return http.postForm(path, null, form);
    }

    static String queryParam(String url, String name) {
        String query = URI.create(url).getRawQuery();
        if (query == null) return null;
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name))
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        }
        return null;
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static String part(String boundary, String name, String value) {
        return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    }

    static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }
}
