package social.atoll.infra.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import social.atoll.config.StorageSettings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Any S3-compatible store, through the AWS SDK v2 with its JDK {@code HttpURLConnection} client (no Netty, no
 * Apache client). Objects are written with long cache headers: a key never changes content, a changed file gets
 * a new key.
 */
public final class S3BlobStore implements BlobStore {

    static final String CACHE_CONTROL = "public, max-age=315576000, immutable";

    private final S3Client s3;
    private final StorageSettings settings;
    private final String publicBase;

    public S3BlobStore(StorageSettings settings) {
        this.settings = settings;
        var builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofSeconds(60))
                        .build())
                .region(Region.of(settings.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKey(), settings.secretKey())))
                .serviceConfiguration(S3Configuration.builder()
                        .pathStyleAccessEnabled(settings.pathStyle())
                        // many S3 clones reject or mangle the newer checksum headers
                        .checksumValidationEnabled(false)
                        .build());
        if (settings.endpoint() != null) builder.endpointOverride(URI.create(settings.endpoint()));
        this.s3 = builder.build();
        this.publicBase = settings.publicUrl() != null ? settings.publicUrl() : defaultPublicBase(settings);
    }

    private static String defaultPublicBase(StorageSettings s) {
        if (s.endpoint() == null) return "https://" + s.bucket() + ".s3." + s.region() + ".amazonaws.com";
        if (s.pathStyle()) return s.endpoint() + "/" + s.bucket();
        URI u = URI.create(s.endpoint());
        return u.getScheme() + "://" + s.bucket() + "." + u.getAuthority();
    }

    private PutObjectRequest putRequest(String key, String contentType) {
        return PutObjectRequest.builder().bucket(settings.bucket()).key(BlobKeys.check(key))
                .contentType(contentType).cacheControl(CACHE_CONTROL).build();
    }

    @Override
    public void put(String key, byte[] bytes, String contentType) throws IOException {
        try {
            s3.putObject(putRequest(key, contentType), RequestBody.fromBytes(bytes));
        } catch (SdkException e) {
            throw new StorageWriteException("S3 put " + key + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void put(String key, Path file, String contentType) throws IOException {
        try {
            s3.putObject(putRequest(key, contentType), RequestBody.fromFile(file));
        } catch (SdkException e) {
            throw new StorageWriteException("S3 put " + key + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<InputStream> open(String key) throws IOException {
        try {
            return Optional.of(s3.getObject(b -> b.bucket(settings.bucket()).key(BlobKeys.check(key))));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw new IOException("S3 get " + key + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean exists(String key) throws IOException {
        try {
            s3.headObject(b -> b.bucket(settings.bucket()).key(BlobKeys.check(key)));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) return false;
            throw new IOException("S3 head " + key + " failed: " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new IOException("S3 head " + key + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        try {
            s3.deleteObject(b -> b.bucket(settings.bucket()).key(BlobKeys.check(key)));
        } catch (SdkException e) {
            throw new IOException("S3 delete " + key + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void forEachKey(KeyVisitor visitor) throws IOException {
        try {
            var pages = s3.listObjectsV2Paginator(software.amazon.awssdk.services.s3.model.ListObjectsV2Request.builder()
                    .bucket(settings.bucket()).build());
            for (var object : pages.contents()) visitor.visit(object.key(), object.size());
        } catch (SdkException e) {
            throw new IOException("cannot list bucket " + settings.bucket() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String url(String key) { return publicBase + "/" + BlobKeys.check(key); }

    @Override
    public String name() { return "s3"; }

    @Override
    public void close() { s3.close(); }
}
