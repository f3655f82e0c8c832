package social.atoll.core.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.atoll.core.common.ValidationException;
import social.atoll.core.status.StatusEvents;
import social.atoll.infra.db.JsonColumns;
import social.atoll.infra.events.EventBus;
import social.atoll.infra.http.FetchFailedException;
import social.atoll.infra.http.Limits;
import social.atoll.infra.http.Response;
import social.atoll.infra.http.SafeHttpClient;
import social.atoll.infra.jobs.JobQueue;
import social.atoll.infra.jobs.JobType;
import social.atoll.infra.storage.BlobKeys;
import social.atoll.infra.storage.BlobStore;

/**
 * Copies the images of remote statuses into the media store, as Mastodon caches remote media: fetched through the
 * SSRF-safe client, processed like an upload (so they get a preview, and a blurhash when the sender gave none),
 * kept under {@code cache/} so they can be pruned apart from local uploads. A remote server that does not answer
 * leaves {@code remote_url} in place (readers get the file through the media proxy) and the job is retried later
 * with back-off.
 */
public final class RemoteMediaFetcher {

    private static final Logger log = LoggerFactory.getLogger(RemoteMediaFetcher.class);

    /** Payload: the media row to fetch. */
    public record Fetch(long mediaId) {}

    public static final JobType<Fetch> FETCH = new JobType<>("media.remote", Fetch.class, 6, Duration.ofMinutes(1), Duration.ofHours(6), Duration.ofDays(2));
    private static final Limits LIMITS = Limits.DEFAULT.withMaxBytes(16L * 1024 * 1024).withTotalTimeout(Duration.ofSeconds(60)).withMaxRedirects(3);

    private final MediaStore store;
    private final BlobStore blobs;
    private final SafeHttpClient http;
    private final ImageProcessor images;
    private final Clock clock;
    private final JsonColumns json;

    private final social.atoll.core.moderation.FederationPolicy policy;

    public RemoteMediaFetcher(MediaStore store, BlobStore blobs, SafeHttpClient http, ImageProcessor images,
                              Clock clock, JsonColumns json,
                              social.atoll.core.moderation.FederationPolicy policy) {
        this.policy = policy;
        this.store = store;
        this.blobs = blobs;
        this.http = http;
        this.images = images;
        this.clock = clock;
        this.json = json;
    }

    /** Queues the images of each new remote status (in its transaction), and registers the job. */
    public void register(EventBus events, JobQueue jobs) {
        jobs.register(FETCH, job -> fetch(job.mediaId()));
        events.inTransaction(StatusEvents.StatusCreated.class, (h, e) -> {
            if (e.status().local() || e.status().isReblog()) return;
            List<Long> ids = store.uncachedRemoteImages(h, e.status().id());
            for (long id : ids) jobs.enqueue(FETCH, "remote-" + id, new Fetch(id));
        });
    }

    /** Fetches and stores one remote image; throws (and is retried) when the remote server cannot be reached. */
    public void fetch(long mediaId) throws FetchFailedException {
        MediaAttachment m = store.byId(mediaId).orElse(null);
        if (m == null || m.fileKey() != null || m.remoteUrl() == null) return;
        Response r;
        try {
            String host = URI.create(m.remoteUrl()).getAuthority();
            if (host == null || policy.rejectsMedia(host)) return; // a domain block with reject_media: not cached
            r = http.get(URI.create(m.remoteUrl()), Map.of("Accept", "image/*"), LIMITS);
        } catch (IllegalArgumentException e) {
            return; // not a URL: nothing to retry
        }
        if (r.status() == 404 || r.status() == 410) return; // gone for good; the row keeps its remote_url
        if (r.status() != 200) throw new FetchFailedException(m.remoteUrl() + " answered " + r.status());
        String type = r.header("content-type").orElse("").toLowerCase(Locale.ROOT);
        if (!type.startsWith("image/")) return;
        ImageProcessor.Result image;
        try {
            image = images.process(r.body());
        } catch (ValidationException e) {
            log.debug("remote image {} not cached: {}", m.remoteUrl(), e.getMessage());
            return;
        }
        String name = MediaService.randomName();
        String base = "cache/media_attachments/files/" + BlobKeys.partition(m.id());
        String originalKey = base + "/original/" + name + "." + image.original().format().extension;
        String smallKey = base + "/small/" + name + "." + image.small().format().extension;
        List<String> written = new ArrayList<>();
        try {
            blobs.put(originalKey, image.original().bytes(), image.original().format().contentType);
            written.add(originalKey);
            blobs.put(smallKey, image.small().bytes(), image.small().format().contentType);
            written.add(smallKey);
        } catch (IOException e) {
            deleteQuietly(written);
            throw new UncheckedIOException(e);
        }
        MediaMeta mt = MediaMeta.read(json, m.meta())
                .withOriginal(MediaMeta.Size.of(image.original().width(), image.original().height()))
                .withSmall(MediaMeta.Size.of(image.small().width(), image.small().height()));
        String blurhash = m.blurhash() != null && !m.blurhash().isBlank() ? m.blurhash() : image.blurhash();
        boolean updated = store.recordRemoteCopy(m.id(), originalKey, smallKey, image.original().bytes().length, mt.write(json),
                blurhash, image.original().format().contentType, clock.instant());
        if (!updated) deleteQuietly(written); // stored by another run meanwhile
    }

    private void deleteQuietly(List<String> keys) {
        for (String k : keys) {
            try {
                blobs.delete(k);
            } catch (IOException | RuntimeException e) {
                log.warn("could not delete blob {}: {}", k, e.getMessage());
            }
        }
    }
}
