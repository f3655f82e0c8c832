package social.atoll.api.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.testing.Await;
import social.atoll.testing.TestInstance;

/**
 * Profile links verified by {@code rel="me"}: a page linking back to the profile marks its field verified, a page
 * that does not leaves it unverified, and the mark stays across edits only while the value is unchanged.
 */
class LinkVerificationIT {

    private static HttpServer site;
    private static String siteUrl;
    private static TestInstance atoll;

    @BeforeAll
    static void start() throws Exception {
        atoll = TestInstance.start(Map.of("ATOLL_ALLOW_PRIVATE_ADDRESSES", "true"));
        String profile = atoll.baseUrl() + "/@verifier";
        site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        page("/home", "<html><head><title>Mine</title></head><body><a rel=\"nofollow me\" href=\"" + profile + "\">Mastodon</a></body></html>");
        page("/head", "<html><head><link rel=\"me\" href=\"" + profile.toUpperCase(java.util.Locale.ROOT).replace("HTTP://", "http://") + "\"></head><body></body></html>");
        page("/stranger", "<html><body><a href=\"" + profile + "\">not rel=me</a><a rel=\"me\" href=\"https://elsewhere.example/@verifier\">x</a></body></html>");
        site.start();
        siteUrl = "http://127.0.0.1:" + site.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        atoll.close();
        site.stop(0);
    }

    private static void page(String path, String html) {
        site.createContext(path, ex -> {
            byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            ex.sendResponseHeaders(200, bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
        });
    }

    private static JsonNode fields(String token) {
        return atoll.http().get("/api/v1/accounts/verify_credentials", token).json().get("fields");
    }

    private static JsonNode update(String token, List<Map<String, String>> fields) {
        var r = atoll.http().patchJson("/api/v1/accounts/update_credentials", token, Map.of("fields_attributes", fields));
        assertThat(r.status()).isEqualTo(200);
        return r.json().get("fields");
    }

    @Test
    void linksThatLinkBackAreVerifiedAndStaySoWhileUnchanged() {
        String token = atoll.createUser("verifier");
        update(token, List.of(Map.of("name", "Home", "value", siteUrl + "/home"),
                Map.of("name", "Stranger", "value", siteUrl + "/stranger"),
                Map.of("name", "Head", "value", siteUrl + "/head"),
                Map.of("name", "Words", "value", "see " + siteUrl + "/home")));
        Await.until("the links verified", () -> !fields(token).get(0).get("verified_at").isNull() && !fields(token).get(2).get("verified_at").isNull());
        JsonNode verified = fields(token);
        String at = verified.get(0).get("verified_at").asText();
        assertThat(at).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
        assertThat(verified.get(1).get("verified_at").isNull()).as("no rel=me link back").isTrue();
        assertThat(verified.get(3).get("verified_at").isNull()).as("a link inside text is not verified").isTrue();
        // the profile's source (Mastodon's CredentialAccount) and the public account show it too
        JsonNode source = atoll.http().get("/api/v1/accounts/verify_credentials", token).json().get("source").get("fields");
        assertThat(source.get(0).get("value").asText()).isEqualTo(siteUrl + "/home");
        assertThat(source.get(0).get("verified_at").asText()).isEqualTo(at);
        assertThat(source.get(1).get("verified_at").isNull()).isTrue();
        long id = atoll.app().core.accounts.byAcct("verifier", null).orElseThrow().id();
        assertThat(atoll.http().get("/api/v1/accounts/" + id).json().get("fields").get(0).get("verified_at").asText()).isEqualTo(at);
        // the profile page marks the verified fields, and only them
        String html = atoll.http().send("GET", "/@verifier", null, null, null, Map.of("Accept", "text/html")).body();
        assertThat(html).contains("<div class=\"field verified\"><dt>Home</dt>", "<div class=\"field verified\"><dt>Head</dt>",
                "<div class=\"field\"><dt>Stranger</dt>", "<div class=\"field\"><dt>Words</dt>");

        // renamed, same value: still verified; a changed value loses the mark (and the new page does not link back)
        JsonNode edited = update(token, List.of(Map.of("name", "My site", "value", siteUrl + "/home"),
                Map.of("name", "Head", "value", siteUrl + "/stranger")));
        assertThat(edited.get(0).get("verified_at").asText()).isEqualTo(at);
        assertThat(edited.get(1).get("verified_at").isNull()).isTrue();
        Await.until("the edit checked", () -> atoll.app().infra.jobs.pendingCounts().getOrDefault("account.verify_links", 0) == 0);
        assertThat(fields(token).get(1).get("verified_at").isNull()).isTrue();
        assertThat(fields(token).get(0).get("verified_at").asText()).isEqualTo(at);
    }
}
