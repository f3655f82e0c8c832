package social.atoll.core.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.atoll.infra.db.Database;
import social.atoll.infra.db.JsonColumns;
import social.atoll.infra.storage.BlobKeys;
import social.atoll.infra.storage.BlobStore;

/**
 * The second half of a video, audio or animated-GIF upload: reads the raw upload back from the BlobStore (so any
 * worker node can do it), converts it with ffmpeg, stores the result and its preview, and removes the raw upload.
 */
final class MediaTranscoder {

    private static final Logger log = LoggerFactory.getLogger(MediaTranscoder.class);

    private final Database db;
    private final BlobStore blobs;
    private final MediaStore store;
    private final ImageProcessor images;
    private final Optional<VideoProcessor> video;
    private final Clock clock;
    private final JsonColumns json;
    private final Consumer<List<String>> deleteQuietly;

    MediaTranscoder(Database db, BlobStore blobs, MediaStore store, ImageProcessor images, Optional<VideoProcessor> video,
                    Clock clock, JsonColumns json, Consumer<List<String>> deleteQuietly) {
        this.db = db;
        this.blobs = blobs;
        this.store = store;
        this.images = images;
        this.video = video;
        this.clock = clock;
        this.json = json;
        this.deleteQuietly = deleteQuietly;
    }

    private void deleteQuietly(List<String> keys) { deleteQuietly.accept(keys); }

    private void put(List<String> written, String key, byte[] bytes, String contentType) throws IOException {
        blobs.put(key, bytes, contentType);
        written.add(key);
    }

    /**
     * The processing job: transcodes a queued upload, stores the result, removes the raw upload. Idempotent: a row
     * that is already processed or gone is left alone. A file ffmpeg cannot convert marks the row {@code failed}
     * (no retry can help); storage or database errors throw, and the job is retried.
     */
    MediaAttachment process(long id) {
        MediaAttachment m = store.byId(id).orElse(null);
        if (m == null || m.processed() || m.failed()) return m;
        VideoProcessor vp = video.orElseThrow(() -> new IllegalStateException("ffmpeg is not installed"));
        Path dir;
        try {
            dir = Files.createTempDirectory("atoll-media-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> written = new ArrayList<>();
        try {
            Path input = dir.resolve("upload.bin");
            try (InputStream in = blobs.open(m.fileKey()).orElseThrow(() -> new IOException("upload " + m.fileKey() + " is missing"))) {
                Files.copy(in, input, StandardCopyOption.REPLACE_EXISTING);
            }
            VideoProcessor.Output out;
            try {
                out = vp.process(input, "gifv".equals(m.type()) && "image/gif".equals(m.contentType()), dir);
            } catch (IOException e) {
                log.info("media {} could not be converted: {}", id, e.getMessage());
                markFailed(m);
                return store.byId(id).orElse(null);
            }
            String name = MediaService.randomName();
            String base = "media_attachments/files/" + BlobKeys.partition(id);
            String fileKey = base + "/original/" + name + "." + out.extension();
            blobs.put(fileKey, out.file(), out.contentType());
            written.add(fileKey);
            MediaMeta mt = MediaMeta.read(json, m.meta());
            String thumbKey = m.thumbnailKey();
            String blurhash = m.blurhash();
            if (out.frame() != null) {
                mt = mt.withOriginal(new MediaMeta.Size(out.width(), out.height(), VideoProcessor.frameRate(out.frameRate()),
                        out.duration(), out.bitrate()));
                if (thumbKey == null) {
                    ImageProcessor.Result frame = images.thumbnail(Files.readAllBytes(out.frame()));
                    thumbKey = base + "/small/" + name + "." + frame.small().format().extension;
                    put(written, thumbKey, frame.small().bytes(), frame.small().format().contentType);
                    mt = mt.withSmall(MediaMeta.Size.of(frame.small().width(), frame.small().height()));
                    blurhash = frame.blurhash();
                }
            } else {
                mt = mt.withOriginal(new MediaMeta.Size(null, null, null, out.duration(), out.bitrate()));
            }
            MediaAttachment done = new MediaAttachment(m.id(), m.accountId(), m.statusId(), out.type(), fileKey, thumbKey,
                    m.remoteUrl(), out.contentType(), Files.size(out.file()), mt.write(json), m.description(), blurhash,
                    MediaAttachment.DONE, m.position(), m.purpose(), m.createdAt(), clock.instant());
            boolean updated = db.write(h -> MediaStore.finish(h, done));
            if (!updated) {
                deleteQuietly(written); // deleted (or finished by another run) meanwhile
                return store.byId(id).orElse(null);
            }
            deleteQuietly(List.of(m.fileKey()));
            return done;
        } catch (IOException e) {
            deleteQuietly(written);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            deleteQuietly(written);
            throw e;
        } finally {
            deleteTree(dir);
        }
    }

    private void markFailed(MediaAttachment m) {
        store.markFailed(m.id(), clock.instant());
        deleteQuietly(List.of(m.fileKey()));
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir; the OS cleans up
        }
    }
}
