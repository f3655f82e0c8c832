package social.atoll.api.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import org.gaul.s3proxy.junit.S3ProxyJunitCore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import social.atoll.testing.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;

/** The media contract on the S3 driver, against an in-process s3proxy with its in-memory backend. */
class MediaS3IT extends MediaContract {

    private static final String BUCKET = "atoll-media";
    private static S3ProxyJunitCore s3proxy;
    private static S3Client s3;
    private static String endpoint;
    private static TestInstance atoll;

    @BeforeAll
    static void start() throws Exception {
        s3proxy = new S3ProxyJunitCore.Builder().withCredentials("test-access", "test-secret")
                .withBlobStoreProvider("transient").ignoreUnknownHeaders().build();
        s3proxy.beforeEach();
        endpoint = s3proxy.getUri().toString().replaceAll("/+$", "");
        s3 = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
                .endpointOverride(s3proxy.getUri()).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test-access", "test-secret"))).build();
        s3.createBucket(b -> b.bucket(BUCKET));
        atoll = TestInstance.start(Map.of("ATOLL_STORAGE", "s3", "ATOLL_S3_ENDPOINT", endpoint, "ATOLL_S3_BUCKET", BUCKET,
                "ATOLL_S3_ACCESS_KEY", "test-access", "ATOLL_S3_SECRET_KEY", "test-secret"));
    }

    @AfterAll
    static void stop() {
        if (atoll != null) atoll.close();
        if (s3 != null) s3.close();
        if (s3proxy != null) s3proxy.afterEach();
    }

    @Override
    TestInstance atoll() { return atoll; }

    /** Media URLs point into the bucket ({@code endpoint/bucket/key}, path style); the bytes are read back from it. */
    @Override
    byte[] download(String url) {
        String prefix = endpoint + "/" + BUCKET + "/";
        assertThat(url).startsWith(prefix);
        try {
            Optional<InputStream> in = atoll.app().infra.blobs.open(url.substring(prefix.length()));
            if (in.isEmpty()) return null;
            try (InputStream stream = in.get()) {
                return stream.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    long storedObjects() {
        return s3.listObjectsV2Paginator(b -> b.bucket(BUCKET)).contents().stream().count();
    }
}
