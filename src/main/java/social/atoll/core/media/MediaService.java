package social.atoll.core.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.atoll.core.common.UserText;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.common.ValidationException;
import social.atoll.core.instance.InstanceLimits;
import social.atoll.infra.db.Database;
import social.atoll.infra.db.JsonColumns;
import social.atoll.infra.ids.IdGenerator;
import social.atoll.infra.jobs.JobQueue;
import social.atoll.infra.jobs.JobType;
import social.atoll.infra.storage.BlobKeys;
import social.atoll.infra.storage.BlobStore;

/**
 * Local media uploads: checks, processing and storage. Images are processed in the request (Mastodon does the
 * same); video, audio and animated GIFs are checked in the request and transcoded by a durable job
 * ({@code POST /api/v2/media} answers 202 meanwhile). A refused or failed upload leaves nothing behind: files
 * written before the failure are removed, and the row is written last.
 */
public final class MediaService {

    private static final Logger log = LoggerFactory.getLogger(MediaService.class);

    /** Payload of the processing job. */
    public record ProcessJob(long mediaId) {}

    public static final JobType<ProcessJob> PROCESS = JobType.local("media.process", ProcessJob.class);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database db;
    private final BlobStore blobs;
    private final MediaStore store;
    private final ImageProcessor images;
    private final Optional<VideoProcessor> video;
    private final JobQueue jobs;
    private final IdGenerator ids;
    private final Clock clock;
    private final JsonColumns json;
    private final MediaTranscoder transcoder;

    /** HEIC → JPEG, when libheif's heif-convert is installed. */
    private final Optional<HeifDecoder> heif;

    public MediaService(Database db, BlobStore blobs, MediaStore store, ImageProcessor images, Optional<Ffmpeg> ffmpeg,
                        JobQueue jobs, IdGenerator ids, Clock clock, JsonColumns json) {
        this.db = db;
        this.blobs = blobs;
        this.store = store;
        this.images = images;
        this.video = ffmpeg.map(VideoProcessor::new);
        this.heif = HeifDecoder.find();
        this.jobs = jobs;
        this.ids = ids;
        this.clock = clock;
        this.json = json;
        this.transcoder = new MediaTranscoder(db, blobs, store, images, video, clock, json, this::deleteQuietly);
        if (video.isEmpty())
            log.warn("ffmpeg/ffprobe not found on PATH: video and audio uploads are refused, animated GIFs are kept as still images");
    }

    /** Registers the job that processes queued video, audio and GIF uploads. */
    public void register() { jobs.register(PROCESS, job -> processQueued(job.mediaId())); }

    public boolean videoSupported() { return video.isPresent(); }

    /**
     * Stores a new upload of {@code accountId}. With {@code async}, video and audio are queued and come back with
     * {@code processing = queued}; without it they are processed before this returns.
     */
    public MediaAttachment upload(long accountId, MediaUpload file, MediaUpload thumbnail, String description, String focus, boolean async) {
        return upload(accountId, file, thumbnail, description, focus, null, async);
    }

    /**
     * As {@link #upload(long, MediaUpload, MediaUpload, String, String, boolean)}, for a photo the browser already
     * filtered: {@code filterName} ({@link PhotoFilter#parse}) is kept with a still image; another kind of file
     * refuses it, since nothing was applied to it.
     */
    public MediaAttachment upload(long accountId, MediaUpload file, MediaUpload thumbnail, String description, String focus,
                                  String filterName, boolean async) {
        String filter = PhotoFilter.parse(filterName).map(PhotoFilter::name).orElse(null);
        String desc = description(description);
        Focus f = focus == null || focus.isBlank() ? null : Focus.parse(focus);
        byte[] head = head(file.file());
        if (HeifDecoder.isHeif(head)) return uploadHeif(accountId, file, thumbnail, description, focus, filterName, async);
        MediaKind kind = MediaKind.sniff(head).orElseThrow(() -> new ValidationException("File content type is invalid"));
        if (kind == MediaKind.IMAGE) {
            checkSize(file.size(), InstanceLimits.IMAGE_SIZE_LIMIT);
            ImageProcessor.Result r = images.process(read(file.file()));
            if (!r.animated()) return storeImage(accountId, r, desc, f, filter, "attachment");
            if (filter != null) throw new ValidationException("Filter name applies to still photos only");
            if (video.isEmpty()) {
                log.info("animated GIF of account {} kept as a still image: ffmpeg is not installed", accountId);
                return storeImage(accountId, r, desc, f, "attachment");
            }
            return queueAudioVideo(accountId, file, "gifv", "image/gif", thumbnail, desc, f, async);
        }
        if (filter != null) throw new ValidationException("Filter name applies to still photos only");
        checkSize(file.size(), InstanceLimits.VIDEO_SIZE_LIMIT);
        VideoProcessor vp = video.orElseThrow(() -> new ValidationException(
                "Video and audio uploads are not available: ffmpeg is not installed on this server"));
        Ffmpeg.Probe probe;
        try {
            probe = vp.check(file.file());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String type = probe.hasVideo() ? (probe.hasAudio() ? "video" : "gifv") : "audio";
        return queueAudioVideo(accountId, file, type, file.declaredType(), thumbnail, desc, f, async);
    }

    /** Whether HEIC photos can be taken here ({@code heif-convert} is installed). */
    public boolean heifSupported() { return heif.isPresent(); }

    /** A HEIC photo: converted to JPEG by {@link HeifDecoder}, then stored as any photo; refused when it cannot be. */
    private MediaAttachment uploadHeif(long accountId, MediaUpload file, MediaUpload thumbnail, String description, String focus,
                                       String filterName, boolean async) {
        checkSize(file.size(), InstanceLimits.IMAGE_SIZE_LIMIT);
        HeifDecoder decoder = heif.orElseThrow(() -> new ValidationException(
                "HEIC photos are not available: heif-convert (libheif) is not installed on this server"));
        Path jpeg = null;
        try {
            jpeg = Files.createTempFile("atoll-heif-", ".jpg");
            Files.delete(jpeg);
            try {
                decoder.toJpeg(file.file(), jpeg);
            } catch (IOException e) {
                throw new ValidationException("HEIC could not be converted: libheif cannot read this file");
            }
            return upload(accountId, new MediaUpload(jpeg, file.filename(), "image/jpeg", Files.size(jpeg)), thumbnail, description, focus,
                    filterName, async);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (jpeg != null) {
                try {
                    Files.deleteIfExists(jpeg);
                } catch (IOException ignored) {
                    // a temp file left behind is swept with the temp directory
                }
            }
        }
    }

    private static void checkSize(long size, long limit) {
        if (size > limit) throw new ValidationException("File file size must be less than " + (limit / (1024 * 1024)) + " MB");
        if (size == 0) throw new ValidationException("File is empty");
    }

    private static String description(String raw) {
        if (raw == null) return null;
        String d = UserText.multiLine(raw);
        if (d.codePointCount(0, d.length()) > InstanceLimits.MEDIA_DESCRIPTION_LIMIT)
            throw new ValidationException("Description is too long (maximum is " + InstanceLimits.MEDIA_DESCRIPTION_LIMIT + " characters)");
        return d.isBlank() ? null : d;
    }

    /** Stores a processed image as a new row ({@code purpose} attachment, avatar or header). */
    MediaAttachment storeImage(long accountId, ImageProcessor.Result r, String description, Focus focus, String purpose) {
        return storeImage(accountId, r, description, focus, null, purpose);
    }

    private MediaAttachment storeImage(long accountId, ImageProcessor.Result r, String description, Focus focus, String filter, String purpose) {
        MediaAttachment row = stageImage(accountId, r, description, focus, filter, purpose);
        try {
            db.write(h -> {
                MediaStore.insert(h, row);
                return null;
            });
        } catch (RuntimeException e) {
            deleteFiles(row);
            throw e;
        }
        return row;
    }

    /**
     * Writes the files of a processed image and returns the row to insert; the caller inserts it in its own
     * transaction, or calls {@link #deleteFiles} when that fails.
     */
    MediaAttachment stageImage(long accountId, ImageProcessor.Result r, String description, Focus focus, String purpose) {
        return stageImage(accountId, r, description, focus, null, purpose);
    }

    private MediaAttachment stageImage(long accountId, ImageProcessor.Result r, String description, Focus focus, String filter, String purpose) {
        long id = ids.next();
        String name = randomName();
        String base = "media_attachments/files/" + BlobKeys.partition(id);
        String originalKey = base + "/original/" + name + "." + r.original().format().extension;
        String smallKey = base + "/small/" + name + "." + r.small().format().extension;
        MediaMeta m = new MediaMeta(MediaMeta.Size.of(r.original().width(), r.original().height()),
                MediaMeta.Size.of(r.small().width(), r.small().height()), focus, filter);
        Instant now = clock.instant();
        MediaAttachment row = new MediaAttachment(id, accountId, null, "image", originalKey, smallKey, null,
                r.original().format().contentType, (long) r.original().bytes().length, m.write(json), description,
                r.blurhash(), MediaAttachment.DONE, 0, purpose, now, now);
        List<String> written = new ArrayList<>();
        try {
            put(written, originalKey, r.original().bytes(), r.original().format().contentType);
            put(written, smallKey, r.small().bytes(), r.small().format().contentType);
        } catch (RuntimeException | IOException e) {
            deleteQuietly(written);
            if (e instanceof RuntimeException re) throw re;
            throw new UncheckedIOException((IOException) e);
        }
        return row;
    }

    private MediaAttachment queueAudioVideo(long accountId, MediaUpload file, String type, String declaredType,
                                            MediaUpload thumbnail, String description, Focus focus, boolean async) {
        ImageProcessor.Result cover = thumbnail == null ? null : coverImage(thumbnail);
        long id = ids.next();
        String name = randomName();
        String base = "media_attachments/files/" + BlobKeys.partition(id);
        String uploadKey = base + "/upload/" + name + ".bin";
        String thumbKey = cover == null ? null : base + "/small/" + name + "_cover." + cover.small().format().extension;
        MediaMeta m = new MediaMeta(null, cover == null ? null : MediaMeta.Size.of(cover.small().width(), cover.small().height()), focus);
        Instant now = clock.instant();
        MediaAttachment row = new MediaAttachment(id, accountId, null, type, uploadKey, thumbKey, null,
                declaredType == null ? "application/octet-stream" : declaredType, file.size(), m.write(json), description,
                cover == null ? null : cover.blurhash(), MediaAttachment.QUEUED, 0, "attachment", now, now);
        List<String> written = new ArrayList<>();
        try {
            blobs.put(uploadKey, file.file(), "application/octet-stream");
            written.add(uploadKey);
            if (cover != null) put(written, thumbKey, cover.small().bytes(), cover.small().format().contentType);
            db.write(h -> {
                MediaStore.insert(h, row);
                if (async) jobs.enqueue(PROCESS, Long.toString(id), new ProcessJob(id));
                return null;
            });
        } catch (RuntimeException | IOException e) {
            deleteQuietly(written);
            if (e instanceof RuntimeException re) throw re;
            throw new UncheckedIOException((IOException) e);
        }
        if (async) return row;
        MediaAttachment done = processQueued(id);
        if (done == null || !done.processed()) {
            delete(store.byId(id).orElse(row));
            throw new ValidationException("File could not be processed: ffmpeg could not read or convert it");
        }
        return done;
    }

    private ImageProcessor.Result coverImage(MediaUpload thumbnail) {
        checkSize(thumbnail.size(), InstanceLimits.IMAGE_SIZE_LIMIT);
        return images.thumbnail(read(thumbnail.file()));
    }

    /** Transcodes a queued upload now (the processing job, or v1's synchronous upload). */
    MediaAttachment processQueued(long id) { return transcoder.process(id); }

    /** An upload of {@code accountId} (any state), else not found: other people's media do not exist for them. */
    public MediaAttachment own(long accountId, long id) {
        return store.byId(id).filter(m -> m.accountId() == accountId && m.remoteUrl() == null)
                .orElseThrow(() -> new NotFoundException("media"));
    }

    /**
     * Changes description, focus or the custom thumbnail of an own upload. Once attached to a status only the
     * status's edit may change it (Mastodon answers 404 here then, too).
     */
    public MediaAttachment update(long accountId, long id, String description, String focus, MediaUpload thumbnail) {
        MediaAttachment m = own(accountId, id);
        if (m.attached()) throw new NotFoundException("media");
        String desc = description == null ? m.description() : description(description);
        MediaMeta read = MediaMeta.read(json, m.meta());
        MediaMeta mt = focus != null && !focus.isBlank() ? read.withFocus(Focus.parse(focus)) : read;
        String thumbKey = m.thumbnailKey();
        String blurhash = m.blurhash();
        String oldThumb = null;
        List<String> written = new ArrayList<>();
        if (thumbnail != null && !"image".equals(m.type())) {
            ImageProcessor.Result cover = coverImage(thumbnail);
            oldThumb = thumbKey;
            thumbKey = "media_attachments/files/" + BlobKeys.partition(id) + "/small/" + randomName() + "_cover." + cover.small().format().extension;
            try {
                put(written, thumbKey, cover.small().bytes(), cover.small().format().contentType);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            mt = mt.withSmall(MediaMeta.Size.of(cover.small().width(), cover.small().height()));
            blurhash = cover.blurhash();
        }
        String finalMeta = mt.write(json);
        String finalThumb = thumbKey;
        String finalBlurhash = blurhash;
        try {
            db.write(h -> {
                MediaStore.updateDetails(h, id, desc, finalMeta, finalThumb, finalBlurhash, clock.instant());
                return null;
            });
        } catch (RuntimeException e) {
            deleteQuietly(written);
            throw e;
        }
        if (oldThumb != null) deleteQuietly(List.of(oldThumb));
        return store.byId(id).orElseThrow(() -> new NotFoundException("media"));
    }

    /**
     * An edit's {@code media_attributes[]}: description and focus of an attachment, in the edit's transaction.
     * Null leaves a value as it is. Returns true when something changed.
     */
    boolean describe(org.jdbi.v3.core.Handle h, long id, String description, String focus) {
        MediaAttachment m = MediaStore.stored(h, id);
        String desc = description == null ? m.description() : description(description);
        MediaMeta before = MediaMeta.read(json, m.meta());
        MediaMeta after = focus != null && !focus.isBlank() ? before.withFocus(Focus.parse(focus)) : before;
        if (java.util.Objects.equals(desc, m.description()) && before.equals(after)) return false;
        MediaStore.updateDetails(h, id, desc, after.write(json), m.thumbnailKey(), m.blurhash(), clock.instant());
        return true;
    }

    /** {@code DELETE /api/v1/media/:id}: an own upload not attached to a status. */
    public void deleteUnattached(long accountId, long id) {
        MediaAttachment m = own(accountId, id);
        // media kept for a scheduled status or an edit history belong to that status as much as attached ones do
        if (m.attached() || m.scheduledStatusId() != null || m.editedOutOf() != null)
            throw new ValidationException("Media attachment is attached to a status and cannot be deleted");
        delete(m);
    }

    /** Removes a row and its files (files last: a reader never gets a row whose file is gone). */
    public void delete(MediaAttachment m) {
        db.write(h -> {
            MediaStore.delete(h, m.id());
            return null;
        });
        deleteFiles(m);
    }

    /** Removes the files of a row (already deleted, or never inserted). */
    void deleteFiles(MediaAttachment m) {
        List<String> keys = new ArrayList<>();
        if (m.fileKey() != null) keys.add(m.fileKey());
        if (m.thumbnailKey() != null) keys.add(m.thumbnailKey());
        deleteQuietly(keys);
    }

    /**
     * Removes up to {@code limit} of an account's media rows and their files (uploads, attachments, avatar and
     * header, cached remote copies); answers how many went, so a caller repeats until none is left.
     */
    public int deleteBatchOf(long accountId, int limit) {
        List<MediaAttachment> batch = store.ofAccount(accountId, limit);
        if (batch.isEmpty()) return 0;
        db.write(h -> {
            for (MediaAttachment m : batch) MediaStore.delete(h, m.id());
            return null;
        });
        for (MediaAttachment m : batch) deleteFiles(m);
        return batch.size();
    }

    /** Removes unattached uploads created before {@code cutoff}; returns how many. */
    public int sweepOrphans(Instant cutoff) {
        int removed = 0;
        while (true) {
            List<MediaAttachment> batch = store.orphans(cutoff, 200);
            for (MediaAttachment m : batch) delete(m);
            removed += batch.size();
            if (batch.size() < 200) return removed;
        }
    }

    private void put(List<String> written, String key, byte[] bytes, String contentType) throws IOException {
        blobs.put(key, bytes, contentType);
        written.add(key);
    }

    void deleteQuietly(List<String> keys) {
        for (String k : keys) {
            try {
                blobs.delete(k);
            } catch (IOException | RuntimeException e) {
                log.warn("could not delete blob {}: {}", k, e.getMessage());
            }
        }
    }

    private static byte[] head(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String randomName() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** The attachments of these statuses, by status id in posted order, in one query (rendering a page of statuses). */
    public Map<Long, List<MediaAttachment>> byStatusIds(Collection<Long> statusIds) { return store.byStatusIds(statusIds); }

    /** Attachments by id, in one query, whatever they are attached to. */
    public Map<Long, MediaAttachment> byIds(Collection<Long> ids) { return store.byIds(ids); }

    /** The sizes, timing and focal point stored with an attachment. */
    public MediaMeta meta(MediaAttachment m) { return MediaMeta.read(json, m.meta()); }
}
