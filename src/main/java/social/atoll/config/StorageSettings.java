package social.atoll.config;

/**
 * Where media bytes live ({@code ATOLL_STORAGE} and the {@code ATOLL_S3_*} settings).
 *
 * @param driver    {@code local} (files under {@code <data dir>/media}, served by Atoll at {@code /system/…}) or {@code s3}
 * @param endpoint  S3 endpoint URL for S3-compatible stores (MinIO, Garage, R2…); null for AWS itself
 * @param bucket    bucket name
 * @param region    signing region ({@code us-east-1} when not given)
 * @param accessKey access key id
 * @param secretKey secret access key
 * @param pathStyle path-style addressing ({@code endpoint/bucket/key}) instead of virtual hosts ({@code bucket.endpoint/key})
 * @param publicUrl base URL readers fetch objects from (a CDN or the bucket's public URL); null builds it from endpoint and bucket
 */
public record StorageSettings(Driver driver, String endpoint, String bucket, String region, String accessKey,
                              String secretKey, boolean pathStyle, String publicUrl) {

    public enum Driver { LOCAL, S3 }

    public static StorageSettings local() { return new StorageSettings(Driver.LOCAL, null, null, null, null, null, false, null); }

    @Override
    public String toString() {
        // never print the secret key
        return "StorageSettings[" + driver + ", endpoint=" + endpoint + ", bucket=" + bucket + ", region=" + region
                + ", pathStyle=" + pathStyle + ", publicUrl=" + publicUrl + "]";
    }
}
