package social.atoll.api.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.junit.S3ProxyJunitCore;
import org.junit.jupiter.api.Test;
import social.atoll.config.StorageSettings;
import social.atoll.core.media.MediaAdmin;
import social.atoll.infra.storage.S3BlobStore;
import social.atoll.testing.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The operator's media commands: usage by kind, pruning the remote cache, moving local files to S3 and switching. */
class MediaAdminIT {

    @Test
    void usagePruneAndAResumableMoveToS3() throws Exception {
        S3ProxyJunitCore s3proxy = new S3ProxyJunitCore.Builder().withCredentials("a", "b").withBlobStoreProvider("transient")
                .ignoreUnknownHeaders().build();
        s3proxy.beforeEach();
        AtomicInteger hits = new AtomicInteger();
        byte[] png = TestImages.encode(TestImages.halves(10, 10), "png");
        HttpServer origin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        origin.createContext("/r.png", ex -> {
            hits.incrementAndGet();
            ex.getResponseHeaders().add("Content-Type", "image/png");
            ex.sendResponseHeaders(200, png.length);
            ex.getResponseBody().write(png);
            ex.close();
        });
        origin.start();
        String endpoint = s3proxy.getUri().toString().replaceAll("/+$", "");
        try (S3Client s3 = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
                .endpointOverride(s3proxy.getUri()).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b"))).build()) {
            s3.createBucket(b -> b.bucket("moved"));
            TestInstance local = TestInstance.start(Map.of("ATOLL_ALLOW_PRIVATE_ADDRESSES", "true"));
            TestInstance onS3 = null;
            try {
                String token = local.createUser("mover");
                var up = new Multipart().file("file", "a.jpg", "image/jpeg", TestImages.encode(TestImages.halves(300, 200), "jpg"))
                        .send("POST", local.baseUrl() + "/api/v2/media", token, local.app().infra.json);
                String mediaId = up.json().get("id").asText();
                String remote = "http://127.0.0.1:" + origin.getAddress().getPort() + "/r.png";
                assertThat(Multipart.fetch(local.app().core.mediaProxySigner.proxied(remote)).statusCode()).isEqualTo(200);

                MediaAdmin admin = new MediaAdmin(local.app().core.mediaStore, local.app().infra.clock);
                var usage = admin.usage();
                assertThat(usage).anySatisfy(u -> {
                    assertThat(u.kind()).isEqualTo("attachment");
                    assertThat(u.files()).isEqualTo(1);
                    assertThat(u.bytes()).isPositive();
                });
                assertThat(usage).anySatisfy(u -> {
                    assertThat(u.kind()).isEqualTo("remote cache");
                    assertThat(u.bytes()).isEqualTo(png.length);
                });

                StorageSettings target = new StorageSettings(StorageSettings.Driver.S3, endpoint, "moved", "us-east-1", "a", "b", true, null);
                try (S3BlobStore dst = new S3BlobStore(target)) {
                    var first = admin.move(local.app().infra.blobs, dst, (d, t) -> {});
                    assertThat(first.copied()).isEqualTo(3); // original, preview, cached remote file
                    var again = admin.move(local.app().infra.blobs, dst, (d, t) -> {});
                    assertThat(again.copied()).isZero();
                    assertThat(again.skipped()).isEqualTo(3);
                }

                onS3 = local.restart(Map.of("ATOLL_STORAGE", "s3", "ATOLL_S3_ENDPOINT", endpoint, "ATOLL_S3_BUCKET", "moved",
                        "ATOLL_S3_ACCESS_KEY", "a", "ATOLL_S3_SECRET_KEY", "b"), app -> {});
                String url = onS3.http().get("/api/v1/media/" + mediaId, token).json().get("url").asText();
                assertThat(url).startsWith(endpoint + "/moved/media_attachments/");
                try (InputStream in = onS3.app().infra.blobs.open(url.substring((endpoint + "/moved/").length())).orElseThrow()) {
                    assertThat(TestImages.decode(in.readAllBytes()).getWidth()).isEqualTo(300);
                }

                // pruning drops the cached remote copy; the proxy fetches it again on the next look
                int before = hits.get();
                var pruned = new MediaAdmin(onS3.app().core.mediaStore, onS3.app().infra.clock).pruneRemote(onS3.app().infra.blobs, Duration.ZERO);
                assertThat(pruned.files()).isEqualTo(1);
                assertThat(Multipart.fetch(onS3.app().core.mediaProxySigner.proxied(remote)).body()).isEqualTo(png);
                assertThat(hits.get()).isEqualTo(before + 1);
            } finally {
                if (onS3 != null) onS3.close();
                else local.close();
            }
        } finally {
            origin.stop(0);
            s3proxy.afterEach();
        }
    }
}
