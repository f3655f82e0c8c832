package social.atoll.api.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gaul.s3proxy.junit.S3ProxyJunitCore;
import org.junit.jupiter.api.Test;
import social.atoll.core.media.MediaAdmin;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusEvents;
import social.atoll.core.status.StatusStore;
import social.atoll.testing.Await;
import social.atoll.testing.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code media usage} counts the copies of remote statuses' images that the server keeps in its store (under
 * {@code cache/}), on local disk and on S3, next to uploads and the proxy's cache.
 */
class MediaUsageIT {

    private static final byte[] PNG = TestImages.encode(TestImages.halves(40, 30), "png");

    @Test
    void remoteMediaCopiesAreCountedOnLocalDisk() throws Exception {
        countsRemoteCopies(Map.of());
    }

    @Test
    void remoteMediaCopiesAreCountedOnS3() throws Exception {
        S3ProxyJunitCore s3proxy = new S3ProxyJunitCore.Builder().withCredentials("a", "b").withBlobStoreProvider("transient")
                .ignoreUnknownHeaders().build();
        s3proxy.beforeEach();
        try (S3Client s3 = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
                .endpointOverride(s3proxy.getUri()).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b"))).build()) {
            s3.createBucket(b -> b.bucket("usage"));
            countsRemoteCopies(Map.of("ATOLL_STORAGE", "s3", "ATOLL_S3_ENDPOINT", s3proxy.getUri().toString().replaceAll("/+$", ""),
                    "ATOLL_S3_BUCKET", "usage", "ATOLL_S3_ACCESS_KEY", "a", "ATOLL_S3_SECRET_KEY", "b"));
        } finally {
            s3proxy.afterEach();
        }
    }

    private static void countsRemoteCopies(Map<String, String> storage) throws Exception {
        HttpServer origin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        origin.createContext("/", ex -> {
            ex.getResponseHeaders().add("Content-Type", "image/png");
            ex.sendResponseHeaders(200, PNG.length);
            ex.getResponseBody().write(PNG);
            ex.close();
        });
        origin.start();
        Map<String, String> env = new HashMap<>(storage);
        env.put("ATOLL_ALLOW_PRIVATE_ADDRESSES", "true");
        env.put("ATOLL_CACHE_REMOTE_MEDIA", "true");
        try (TestInstance atoll = TestInstance.start(env)) {
            String base = "http://127.0.0.1:" + origin.getAddress().getPort();
            List<Long> media = List.of(remoteImage(atoll, base + "/a.png"), remoteImage(atoll, base + "/b.png"));
            Await.until("both remote images cached", () -> atoll.app().infra.db.read(h -> h.createQuery(
                            "SELECT COUNT(*) FROM media_attachments WHERE id IN (<ids>) AND file_key IS NOT NULL")
                    .bindList("ids", media).mapTo(Integer.class).one()) == 2);
            long stored = atoll.app().infra.db.read(h -> h.createQuery("SELECT SUM(file_size) FROM media_attachments WHERE id IN (<ids>)")
                    .bindList("ids", media).mapTo(Long.class).one());

            var usage = new MediaAdmin(atoll.app().core.mediaStore, atoll.app().infra.clock).usage();
            assertThat(usage).anySatisfy(u -> {
                assertThat(u.kind()).isEqualTo("remote media");
                assertThat(u.files()).isEqualTo(2);
                assertThat(u.bytes()).isEqualTo(stored).isPositive();
            });
            assertThat(usage).noneSatisfy(u -> assertThat(u.kind()).isEqualTo("attachment"));
        } finally {
            origin.stop(0);
        }
    }

    /** A remote account's status with one image at {@code url}, announced as created (the fetcher copies it). */
    private static long remoteImage(TestInstance atoll, String url) {
        long account = atoll.app().infra.ids.next();
        long status = atoll.app().infra.ids.next();
        long media = atoll.app().infra.ids.next();
        atoll.app().infra.db.write(h -> {
            h.createUpdate("""
                            INSERT INTO accounts (id, username, domain, acct_key, uri, created_at, updated_at)
                            VALUES (:id, :u, 'remote.example', :k, :uri, 0, 0)""")
                    .bind("id", account).bind("u", "r" + account).bind("k", "r" + account + "@remote.example")
                    .bind("uri", "https://remote.example/users/r" + account).execute();
            h.createUpdate("""
                            INSERT INTO statuses (id, uri, account_id, local, text, content, visibility, created_at, updated_at)
                            VALUES (:id, :uri, :a, FALSE, '', '<p>look</p>', 'public', 0, 0)""")
                    .bind("id", status).bind("uri", "https://remote.example/statuses/" + status).bind("a", account).execute();
            h.createUpdate("""
                            INSERT INTO media_attachments (id, account_id, status_id, type, remote_url, created_at, updated_at)
                            VALUES (:id, :a, :s, 'image', :url, 0, 0)""")
                    .bind("id", media).bind("a", account).bind("s", status).bind("url", url).execute();
            Status s = h.createQuery("SELECT * FROM statuses WHERE id = :id").bind("id", status).map(StatusStore.STATUS).one();
            atoll.app().infra.events.publish(new StatusEvents.StatusCreated(s, null, List.of()));
            return null;
        });
        return media;
    }
}
