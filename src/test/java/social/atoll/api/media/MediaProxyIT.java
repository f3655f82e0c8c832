package social.atoll.api.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.atoll.testing.TestInstance;

/**
 * The privacy media proxy against a loopback "remote" server: only signed URLs are fetched, only media types are
 * relayed, a fetched file is served from the cache afterwards, and private addresses stay unreachable unless
 * {@code ATOLL_ALLOW_PRIVATE_ADDRESSES} says otherwise.
 */
class MediaProxyIT {

    private static HttpServer origin;
    private static String originUrl;
    private static final AtomicInteger catHits = new AtomicInteger();
    private static final byte[] CAT = TestImages.encode(TestImages.halves(30, 20), "png");
    private static TestInstance atoll;

    @BeforeAll
    static void start() throws Exception {
        origin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        origin.createContext("/cat.png", ex -> {
            catHits.incrementAndGet();
            ex.getResponseHeaders().add("Content-Type", "image/png");
            ex.getResponseHeaders().add("Set-Cookie", "tracker=1");
            ex.sendResponseHeaders(200, CAT.length);
            ex.getResponseBody().write(CAT);
            ex.close();
        });
        origin.createContext("/page.html", ex -> {
            byte[] html = "<html><script>steal()</script></html>".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/html");
            ex.sendResponseHeaders(200, html.length);
            ex.getResponseBody().write(html);
            ex.close();
        });
        origin.createContext("/huge.png", ex -> {
            // claims an image, sends no length, and does not stop: the proxy must cut it off at its cap
            ex.getResponseHeaders().add("Content-Type", "image/png");
            ex.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[1024 * 1024];
            try {
                for (int i = 0; i < 64; i++) ex.getResponseBody().write(chunk);
            } catch (java.io.IOException cutOff) {
                // the proxy hung up: expected
            }
            ex.close();
        });
        origin.start();
        originUrl = "http://127.0.0.1:" + origin.getAddress().getPort();
        atoll = TestInstance.start(Map.of("ATOLL_ALLOW_PRIVATE_ADDRESSES", "true"));
    }

    @AfterAll
    static void stop() {
        atoll.close();
        origin.stop(0);
    }

    private static String signed(TestInstance instance, String url) { return instance.app().core.mediaProxySigner.proxied(url); }

    @Test
    void aSignedImageIsRelayedByteForByteAndThenServedFromTheCache() {
        String url = signed(atoll, originUrl + "/cat.png");
        assertThat(url).startsWith(atoll.baseUrl() + "/media_proxy/");
        int before = catHits.get();
        HttpResponse<byte[]> first = Multipart.fetch(url);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).isEqualTo(CAT);
        assertThat(first.headers().firstValue("Content-Type").orElse("")).isEqualTo("image/png");
        assertThat(first.headers().firstValue("Cache-Control").orElse("")).contains("max-age");
        assertThat(first.headers().firstValue("Set-Cookie")).isEmpty();
        HttpResponse<byte[]> second = Multipart.fetch(url);
        assertThat(second.body()).isEqualTo(CAT);
        assertThat(catHits.get()).isEqualTo(before + 1);
    }

    @Test
    void aTamperedSignatureIsRefusedWithoutFetching() {
        String url = signed(atoll, originUrl + "/cat.png?x=1");
        String path = url.substring(url.indexOf("/media_proxy/") + "/media_proxy/".length());
        String digest = path.substring(0, path.indexOf('/'));
        String encoded = path.substring(path.indexOf('/') + 1);
        String flipped = (digest.charAt(0) == 'A' ? "B" : "A") + digest.substring(1);
        String otherUrl = signed(atoll, originUrl + "/page.html");
        String otherEncoded = otherUrl.substring(otherUrl.lastIndexOf('/') + 1);
        int before = catHits.get();
        assertThat(Multipart.fetch(atoll.baseUrl() + "/media_proxy/" + flipped + "/" + encoded).statusCode()).isEqualTo(403);
        assertThat(Multipart.fetch(atoll.baseUrl() + "/media_proxy/" + digest + "/" + otherEncoded).statusCode()).isEqualTo(403);
        assertThat(Multipart.fetch(atoll.baseUrl() + "/media_proxy/nonsense/" + encoded).statusCode()).isEqualTo(403);
        assertThat(catHits.get()).isEqualTo(before);
    }

    @Test
    void somethingThatIsNotMediaIsNotRelayed() {
        HttpResponse<byte[]> r = Multipart.fetch(signed(atoll, originUrl + "/page.html"));
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).doesNotContain("steal");
    }

    @Test
    void anOversizedFileIsCutOffAndNotCached() {
        String url = signed(atoll, originUrl + "/huge.png");
        HttpResponse<byte[]> r = Multipart.fetch(url);
        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(r.body().length).isLessThan(1024 * 1024);
        long cached = atoll.app().infra.db.read(h -> h.createQuery("SELECT COUNT(*) FROM media_proxy_cache WHERE url = :u")
                .bind("u", originUrl + "/huge.png").mapTo(Long.class).one());
        assertThat(cached).isZero();
    }

    @Test
    void remoteAvatarsAndAttachmentsAreShownThroughTheProxy() {
        String token = atoll.createUser("proxied");
        String id = atoll.http().get("/api/v1/accounts/verify_credentials", token).json().get("id").asText();
        atoll.app().infra.db.write(h -> h.createUpdate("UPDATE accounts SET avatar_remote_url = :u, header_remote_url = :u WHERE id = :id")
                .bind("u", originUrl + "/cat.png").bind("id", Long.parseLong(id)).execute());
        String avatar = atoll.http().get("/api/v1/accounts/" + id, null).json().get("avatar").asText();
        assertThat(avatar).startsWith(atoll.baseUrl() + "/media_proxy/");
        assertThat(Multipart.fetch(avatar).body()).isEqualTo(CAT);

        String statusId = atoll.http().postJson("/api/v1/statuses", token, Map.of("status", "with a remote file")).json().get("id").asText();
        atoll.app().infra.db.write(h -> h.createUpdate("""
                        INSERT INTO media_attachments (id, account_id, status_id, type, remote_url, meta, created_at, updated_at)
                        VALUES (:id, :a, :s, 'image', :u, '{}', 0, 0)""")
                .bind("id", atoll.app().infra.ids.next()).bind("a", Long.parseLong(id)).bind("s", Long.parseLong(statusId))
                .bind("u", originUrl + "/cat.png").execute());
        var media = atoll.http().get("/api/v1/statuses/" + statusId, null).json().get("media_attachments").get(0);
        assertThat(media.get("url").asText()).startsWith(atoll.baseUrl() + "/media_proxy/");
        assertThat(media.get("remote_url").asText()).startsWith(atoll.baseUrl() + "/media_proxy/");
        assertThat(media.get("preview_url").asText()).startsWith(atoll.baseUrl() + "/media_proxy/");
    }

    @Test
    void imagesOfRemoteStatusesAreCopiedProcessedAndCanBePruned() throws Exception {
        String token = atoll.createUser("remotecopy");
        long accountId = atoll.http().get("/api/v1/accounts/verify_credentials", token).json().get("id").asLong();
        long statusId = atoll.app().infra.ids.next();
        long mediaId = atoll.app().infra.ids.next();
        // a status as the inbox stores one from another server: not local, its image only a remote URL
        atoll.app().infra.db.write(h -> {
            h.createUpdate("INSERT INTO statuses (id, uri, account_id, local, text, content, visibility, created_at, updated_at) "
                            + "VALUES (:id, :uri, :a, FALSE, '', '<p>remote</p>', 'public', 0, 0)")
                    .bind("id", statusId).bind("uri", "https://remote.example/notes/" + statusId).bind("a", accountId).execute();
            h.createUpdate("INSERT INTO media_attachments (id, account_id, status_id, type, remote_url, meta, created_at, updated_at) "
                            + "VALUES (:id, :a, :s, 'image', :u, '{}', 0, 0)")
                    .bind("id", mediaId).bind("a", accountId).bind("s", statusId).bind("u", originUrl + "/cat.png").execute();
            var s = h.createQuery("SELECT * FROM statuses WHERE id = :id").bind("id", statusId).map(social.atoll.core.status.StatusStore.STATUS).one();
            atoll.app().infra.events.publish(new social.atoll.core.status.StatusEvents.StatusCreated(s, null, java.util.List.of()));
            return null;
        });
        String path = "/api/v1/statuses/" + statusId;
        social.atoll.testing.Await.until("remote image copied", () ->
                atoll.http().get(path, null).json().at("/media_attachments/0/url").asText().startsWith(atoll.baseUrl() + "/system/cache/"));
        var m = atoll.http().get(path, null).json().at("/media_attachments/0");
        assertThat(m.get("blurhash").asText()).isNotEmpty();
        assertThat(m.at("/meta/small/width").asInt()).isEqualTo(30);
        assertThat(m.get("preview_url").asText()).startsWith(atoll.baseUrl() + "/system/cache/");
        assertThat(m.get("remote_url").asText()).startsWith(atoll.baseUrl() + "/media_proxy/");
        assertThat(TestImages.decode(Multipart.fetch(m.get("url").asText()).body()).getWidth()).isEqualTo(30);

        var pruned = new social.atoll.core.media.MediaAdmin(atoll.app().core.mediaStore, atoll.app().infra.clock).pruneRemote(atoll.app().infra.blobs, java.time.Duration.ZERO);
        assertThat(pruned.files()).isPositive();
        var after = atoll.http().get(path, null).json().at("/media_attachments/0");
        assertThat(after.get("url").asText()).startsWith(atoll.baseUrl() + "/media_proxy/");
        assertThat(Multipart.fetch(m.get("url").asText()).statusCode()).isEqualTo(404);
    }

    @Test
    void privateAddressesAreRefusedUnlessAllowed() {
        try (TestInstance strict = TestInstance.start()) {
            int before = catHits.get();
            HttpResponse<byte[]> r = Multipart.fetch(signed(strict, originUrl + "/cat.png"));
            assertThat(r.statusCode()).isEqualTo(502);
            assertThat(catHits.get()).isEqualTo(before);
            // an IPv4-mapped IPv6 loopback and a "localhost" name are refused too
            assertThat(Multipart.fetch(signed(strict, "http://[::ffff:127.0.0.1]:" + origin.getAddress().getPort() + "/cat.png")).statusCode()).isEqualTo(502);
            assertThat(Multipart.fetch(signed(strict, "http://localhost:" + origin.getAddress().getPort() + "/cat.png")).statusCode()).isEqualTo(502);
            assertThat(catHits.get()).isEqualTo(before);
        }
    }
}
