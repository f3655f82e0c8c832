package social.atoll.core.card;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.atoll.core.auth.Tokens;
import social.atoll.core.media.ImageProcessor;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusEvents;
import social.atoll.infra.db.JsonColumns;
import social.atoll.infra.events.EventBus;
import social.atoll.infra.http.FetchFailedException;
import social.atoll.infra.http.Limits;
import social.atoll.infra.http.Response;
import social.atoll.infra.http.SafeHttpClient;
import social.atoll.infra.ids.IdGenerator;
import social.atoll.infra.jobs.JobQueue;
import social.atoll.infra.jobs.JobType;
import social.atoll.infra.storage.BlobKeys;
import social.atoll.infra.storage.BlobStore;

/**
 * Link previews, fetched once per URL for the whole server. A new status that links somewhere gets the URL's card
 * row (created on first sight) in its own transaction; only the status that created the row queues the fetch, so a
 * flood of statuses linking one page causes one request to it. A local author's link is fetched at once; one that
 * arrived from another server waits a random delay as Mastodon does, spread out from other servers doing the same.
 * The fetch reads the page's oEmbed endpoint when it names one (photo, video and rich cards) and its OpenGraph
 * tags, all through the SSRF-safe client, and stores the card's image through the media pipeline (re-encoded,
 * metadata stripped, blurhash), so readers load it from this server.
 */
public final class PreviewCardService {

    private static final Logger log = LoggerFactory.getLogger(PreviewCardService.class);

    /** Payload of the fetch job. */
    public record Fetch(long cardId) {}

    public static final JobType<Fetch> FETCH = new JobType<>("card.fetch", Fetch.class, 3, Duration.ofMinutes(1), Duration.ofMinutes(30), Duration.ofDays(1));
    private static final Limits PAGE = Limits.DEFAULT.withMaxBytes(1024 * 1024).withTotalTimeout(Duration.ofSeconds(15)).withMaxRedirects(3);
    private static final Limits IMAGE = Limits.DEFAULT.withMaxBytes(8L * 1024 * 1024).withTotalTimeout(Duration.ofSeconds(20)).withMaxRedirects(3);
    private static final Pattern LINK = Pattern.compile("<a\\s+href=\"([^\"]+)\"([^>]*)>", Pattern.CASE_INSENSITIVE);

    private final PreviewCardStore store;
    private final SafeHttpClient http;
    private final BlobStore blobs;
    private final ImageProcessor images;
    private final JobQueue jobs;
    private final IdGenerator ids;
    private final Clock clock;
    private final Duration maxDelay;
    /** Reads oEmbed documents. */
    private final JsonColumns json;

    /** {@code maxDelay}: the fetch of a remote status's link waits a random time up to this (Mastodon: up to a minute). */
    public PreviewCardService(PreviewCardStore store, SafeHttpClient http, BlobStore blobs, ImageProcessor images, JobQueue jobs,
                              IdGenerator ids, Clock clock, Duration maxDelay, JsonColumns json) {
        this.json = json;
        this.store = store;
        this.http = http;
        this.blobs = blobs;
        this.images = images;
        this.jobs = jobs;
        this.ids = ids;
        this.clock = clock;
        this.maxDelay = maxDelay;
    }

    public void register(EventBus events) {
        events.inTransaction(StatusEvents.StatusCreated.class, (h, e) -> linkStatus(h, e.status()));
        jobs.register(FETCH, job -> fetch(job.cardId()));
    }

    /** The first link of a status that is not a mention or a hashtag; empty when there is none. */
    static Optional<String> firstLink(String html) {
        if (html == null) return Optional.empty();
        Matcher m = LINK.matcher(html);
        while (m.find()) {
            String attrs = m.group(2).toLowerCase(Locale.ROOT);
            if (attrs.contains("mention") || attrs.contains("rel=\"tag\"")) continue;
            String url = OpenGraph.unescape(m.group(1));
            String lower = url.toLowerCase(Locale.ROOT);
            if (lower.startsWith("https://") || lower.startsWith("http://")) return Optional.of(url);
        }
        return Optional.empty();
    }

    private void linkStatus(Handle h, Status s) {
        if (s.isReblog()) return;
        Optional<String> link = firstLink(s.content());
        if (link.isEmpty()) return;
        String url = link.get();
        String hash = Tokens.sha256(url);
        Instant now = clock.instant();
        long newId = ids.next();
        PreviewCardStore.Linked linked = store.link(h, s.id(), hash, url, newId, now);
        long cardId = linked.cardId();
        if (linked.created()) jobs.enqueueAt(FETCH, "card-" + cardId, new Fetch(cardId), s.local() ? now : now.plus(jitter()));
        // a remote post's link may still wait for its jitter; the local author's post shows its card now all the same
        else if (s.local()) jobs.runNow(FETCH, "card-" + cardId);
    }

    /**
     * How long a link from another server waits: a random 1 s to {@code maxDelay}, as Mastodon crawls them, since
     * every server that received a popular post would otherwise fetch its page the same second.
     */
    private Duration jitter() {
        long max = maxDelay.toMillis();
        return max <= 1000 ? maxDelay : Duration.ofMillis(ThreadLocalRandom.current().nextLong(1000, max + 1));
    }

    public Optional<PreviewCard> byId(long id) {
        return store.byId(id);
    }

    /** Fetches a pending card (the job); a card already fetched or given up on is left alone. */
    public void fetch(long cardId) {
        PreviewCard card = byId(cardId).orElse(null);
        if (card == null || !"pending".equals(card.state())) return;
        URI uri;
        try {
            uri = URI.create(card.url());
        } catch (IllegalArgumentException e) {
            finish(card.id(), "failed", null, null, null, null, null);
            return;
        }
        Response page;
        try {
            page = http.get(uri, Map.of("Accept", "text/html,application/xhtml+xml"), PAGE);
        } catch (FetchFailedException e) {
            log.debug("link preview of {} failed: {}", card.url(), e.getMessage());
            finish(card.id(), "failed", null, null, null, null, null);
            return;
        }
        String type = page.header("content-type").orElse("").toLowerCase(Locale.ROOT);
        if (page.status() != 200 || !(type.startsWith("text/html") || type.startsWith("application/xhtml"))) {
            finish(card.id(), "failed", null, null, null, null, null);
            return;
        }
        OpenGraph og = OpenGraph.parse(page.text());
        OEmbed embed = og.oembed() == null ? null : oembed(page.finalUri(), og.oembed());
        String title = embed != null && !embed.title().isEmpty() ? embed.title() : og.title();
        if (title == null && (embed == null || "link".equals(embed.type()))) {
            finish(card.id(), "failed", null, null, null, null, null);
            return;
        }
        String imageUrl = embed != null && embed.image() != null ? embed.image() : og.image();
        ImageProcessor.Result image = null;
        if (imageUrl != null) {
            try {
                image = image(resolve(page.finalUri(), imageUrl));
            } catch (IllegalArgumentException e) {
                log.debug("link preview image {} skipped: {}", imageUrl, e.getMessage());
            }
        }
        String imageKey = null;
        if (image != null) {
            imageKey = "preview_cards/images/" + BlobKeys.partition(card.id()) + "/" + Long.toHexString(ids.next()) + "." + image.small().format().extension;
            try {
                blobs.put(imageKey, image.small().bytes(), image.small().format().contentType);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e); // retried by the job queue
            }
        }
        String provider = embed != null && !embed.providerName().isEmpty() ? embed.providerName()
                : og.siteName() != null ? og.siteName() : page.finalUri().getHost();
        finish(card.id(), "done", cut(title == null ? "" : title, 200), cut(og.description() == null ? "" : og.description(), 1000),
                cut(provider, 200), imageKey, image, embed);
    }

    /** The page's oEmbed document, fetched like the page; null when it cannot be had (the card falls back to OpenGraph). */
    private OEmbed oembed(URI page, String href) {
        try {
            Response r = http.get(resolve(page, href), Map.of("Accept", "application/json"), PAGE);
            if (r.status() != 200) return null;
            return OEmbed.parse(r.text(), json).map(e -> e.resolve(r.finalUri())).orElse(null);
        } catch (FetchFailedException | IllegalArgumentException e) {
            log.debug("oEmbed of {} skipped: {}", page, e.getMessage());
            return null;
        }
    }

    private static URI resolve(URI base, String ref) { return base.resolve(ref.strip().replace(" ", "%20")); }

    private ImageProcessor.Result image(URI uri) {
        try {
            Response r = http.get(uri, Map.of("Accept", "image/*"), IMAGE);
            if (r.status() != 200) return null;
            return images.thumbnail(r.body());
        } catch (FetchFailedException | RuntimeException e) {
            log.debug("link preview image {} skipped: {}", uri, e.getMessage());
            return null; // a card without its picture is still a card
        }
    }

    private void finish(long id, String state, String title, String description, String provider, String imageKey,
                        ImageProcessor.Result image) {
        finish(id, state, title, description, provider, imageKey, image, null);
    }

    /** Writes the fetched card; {@code embed} (null: a link card from OpenGraph) gives the type and the embed. */
    private void finish(long id, String state, String title, String description, String provider, String imageKey,
                        ImageProcessor.Result image, OEmbed embed) {
        store.finish(new PreviewCardStore.Fetched(id, state, embed == null ? "link" : embed.type(),
                title == null ? "" : title, description == null ? "" : description, provider == null ? "" : provider, imageKey,
                image == null ? 0 : image.small().width(), image == null ? 0 : image.small().height(),
                image == null ? null : image.blurhash(),
                embed == null ? "" : embed.html(), embed == null ? "" : cut(embed.embedUrl(), 2000),
                embed == null ? "" : cut(embed.authorName(), 200), embed == null ? "" : cut(embed.authorUrl(), 2000),
                embed == null ? "" : cut(embed.providerUrl(), 2000),
                embed == null ? 0 : embed.width(), embed == null ? 0 : embed.height(), clock.instant()));
    }

    private static String cut(String s, int max) { return s.length() <= max ? s : s.substring(0, max - 1) + "…"; }

    /** The link previews to show with these statuses, by status id (one query): fetched cards only. */
    public Map<Long, PreviewCard> shownFor(Collection<Long> statusIds) { return store.doneByStatusIds(statusIds); }
}
