package social.atoll.core.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import social.atoll.core.auth.Tokens;
import social.atoll.infra.http.FetchFailedException;
import social.atoll.infra.http.Limits;
import social.atoll.infra.http.Response;
import social.atoll.infra.http.SafeHttpClient;
import social.atoll.infra.storage.BlobStore;

/**
 * Remote files behind the privacy media proxy: fetched once through the SSRF-safe client (which refuses private
 * addresses and re-checks every redirect), only when the remote answers with an image, video or audio type and
 * within the size cap, then kept in the BlobStore under {@code cache/proxy/…} and served from there. Requests for
 * the same URL arriving together on one node wait for one fetch.
 */
public final class RemoteMediaCache {

    /** Largest remote file the proxy relays (Mastodon's video limit would be 99 MB; proxied files stay in memory once). */
    public static final long MAX_BYTES = 40L * 1024 * 1024;
    static final Limits LIMITS = new Limits(MAX_BYTES, Duration.ofSeconds(5), Duration.ofSeconds(60), 3);
    /**
     * Types the proxy relays. SVG is left out on purpose: it is a document that can carry script, and nothing a
     * Mastodon client shows needs it.
     */
    private static final List<String> ALLOWED_PREFIXES = List.of("image/", "video/", "audio/");

    /** One cached file. */
    public record Entry(String blobKey, String contentType, long size) {}

    /** Why a file cannot be relayed; the proxy answers 404 or 502 with it, and never the remote's body. */
    public static final class Refused extends Exception {
        public final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private final MediaStore store;
    private final BlobStore blobs;
    private final SafeHttpClient http;
    private final Clock clock;
    private final Map<String, Object> inFlight = new ConcurrentHashMap<>();

    private final social.atoll.core.moderation.FederationPolicy policy;

    public RemoteMediaCache(MediaStore store, BlobStore blobs, SafeHttpClient http, Clock clock,
                            social.atoll.core.moderation.FederationPolicy policy) {
        this.policy = policy;
        this.store = store;
        this.blobs = blobs;
        this.http = http;
        this.clock = clock;
    }

    /** The cached copy of {@code url}, fetching it first when needed. */
    public Entry get(URI url) throws Refused {
        // a domain block with reject_media (or suspend): its media are neither proxied nor cached
        if (url.getAuthority() == null || policy.rejectsMedia(url.getAuthority())) throw new Refused(404, "media of a blocked domain");
        String hash = Tokens.sha256(url.toString());
        Optional<Entry> cached = lookup(hash);
        if (cached.isPresent()) return cached.get();
        Object lock = inFlight.computeIfAbsent(hash, k -> new Object());
        try {
            synchronized (lock) {
                cached = lookup(hash);
                if (cached.isPresent()) return cached.get();
                return fetch(url, hash);
            }
        } finally {
            inFlight.remove(hash, lock);
        }
    }

    /** Opens a cached file. */
    public Optional<InputStream> open(Entry e) {
        try {
            return blobs.open(e.blobKey());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private Optional<Entry> lookup(String hash) {
        return store.cachedFile(hash);
    }

    private Entry fetch(URI url, String hash) throws Refused {
        Response r;
        try {
            r = http.get(url, Map.of("Accept", "image/*, video/*, audio/*"), LIMITS);
        } catch (FetchFailedException e) {
            throw new Refused(502, "the remote file could not be fetched: " + e.getMessage());
        }
        if (r.status() != 200) throw new Refused(r.status() == 404 || r.status() == 410 ? 404 : 502, "the remote server answered " + r.status());
        String type = r.header("content-type").orElse("").split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (ALLOWED_PREFIXES.stream().noneMatch(type::startsWith) || type.equals("image/svg+xml") || !type.matches("[a-z]+/[a-z0-9.+\\-]+"))
            throw new Refused(404, "the remote file is not an image, video or audio file (" + (type.isEmpty() ? "no type" : type) + ")");
        String key = "cache/proxy/" + hash.substring(0, 2) + "/" + hash.substring(2, 4) + "/" + hash + ".bin";
        try {
            blobs.put(key, r.body(), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Entry entry = new Entry(key, type, r.body().length);
        store.insertCachedFile(hash, url.toString(), entry, clock.instant());
        return entry;
    }

}
