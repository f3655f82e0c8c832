package social.atoll.infra.http;

import java.time.Duration;

/**
 * Per-request bounds of an outbound fetch.
 *
 * @param maxBytes       largest response body accepted (after content decoding)
 * @param connectTimeout time allowed to obtain a connection (name resolution, TCP and TLS handshakes)
 * @param totalTimeout   time allowed for the whole fetch, all redirects and the body included
 * @param maxRedirects   redirects followed before giving up
 */
public record Limits(long maxBytes, Duration connectTimeout, Duration totalTimeout, int maxRedirects) {

    public static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024;
    public static final int DEFAULT_MAX_REDIRECTS = 5;

    public static final Limits DEFAULT = new Limits(DEFAULT_MAX_BYTES, Duration.ofSeconds(10), Duration.ofSeconds(30), DEFAULT_MAX_REDIRECTS);

    public Limits {
        if (maxBytes < 0) throw new IllegalArgumentException("maxBytes < 0");
        if (connectTimeout.isNegative() || connectTimeout.isZero()) throw new IllegalArgumentException("connectTimeout must be positive");
        if (totalTimeout.isNegative() || totalTimeout.isZero()) throw new IllegalArgumentException("totalTimeout must be positive");
        if (maxRedirects < 0 || maxRedirects > DEFAULT_MAX_REDIRECTS)
            throw new IllegalArgumentException("maxRedirects must be between 0 and " + DEFAULT_MAX_REDIRECTS);
    }

    public Limits withMaxBytes(long n) { return new Limits(n, connectTimeout, totalTimeout, maxRedirects); }

    public Limits withConnectTimeout(Duration d) { return new Limits(maxBytes, d, totalTimeout, maxRedirects); }

    public Limits withTotalTimeout(Duration d) { return new Limits(maxBytes, connectTimeout, d, maxRedirects); }

    public Limits withMaxRedirects(int n) { return new Limits(maxBytes, connectTimeout, totalTimeout, n); }
}
