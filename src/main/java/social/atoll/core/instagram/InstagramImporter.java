package social.atoll.core.instagram;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.atoll.config.Settings;
import social.atoll.core.common.ValidationException;
import social.atoll.core.media.Ffmpeg;
import social.atoll.core.media.MediaAttachment;
import social.atoll.core.media.MediaService;
import social.atoll.core.media.MediaUpload;
import social.atoll.core.notification.NotificationStore;
import social.atoll.core.status.PostStatusService;
import social.atoll.core.status.Status;
import social.atoll.core.status.Visibility;
import social.atoll.infra.db.Database;
import social.atoll.infra.db.JsonColumns;
import social.atoll.infra.ids.IdGenerator;
import social.atoll.infra.jobs.JobQueue;
import social.atoll.infra.jobs.JobType;
import social.atoll.infra.jobs.PermanentJobFailure;

/**
 * Imports an Instagram export into a local account, as a durable job that resumes after a restart.
 *
 * <p>{@link #start} unpacks and reads the whole export first, so a bad archive is refused before anything is written;
 * then it stores the import and its first job in one transaction. Each job imports a batch of posts and enqueues the
 * next. A post is one transaction: its status (through {@link PostStatusService#importPost}), the record that this
 * account has it (so importing the export again adds nothing) and the record that this import is past it (so a
 * restart carries on after it). Media go through the same {@link MediaService} as every upload, metadata stripped.
 * A crash between a post's media and its status leaves unattached uploads, which the media sweep removes.
 */
public final class InstagramImporter {

    private static final Logger log = LoggerFactory.getLogger(InstagramImporter.class);

    /** Instagram's own caption limit: an imported caption is kept whole up to it, whatever the local limit. */
    public static final int CAPTION_LIMIT = 2200;

    public record Step(long importId, int step) {}

    public static final JobType<Step> JOB = JobType.local("instagram.import", Step.class);

    /** Posts per job: small enough that a restart repeats little, large enough that job overhead does not count. */
    static final int BATCH = 25;

    public record Options(Visibility visibility, boolean announce) {}

    /** What {@link #start} found: the import (null for a dry run), and the posts it holds. */
    public record Started(Long importId, boolean resumed, InstagramExport.Plan plan, List<String> wouldSkip) {}

    public record Progress(int done, int total, String state) {
        public boolean finished() { return !"running".equals(state); }
    }

    public record Report(String state, String error, int posts, int postsImported, int mediaImported, int skipped, List<String> notes) {}

    private final Database db;
    private final InstagramImportStore store;
    private final MediaService media;
    private final PostStatusService posting;
    private final Optional<Ffmpeg> ffmpeg;
    private final JobQueue jobs;
    private final IdGenerator ids;
    private final Clock clock;
    private final Settings settings;
    private final JsonColumns json;
    private final Map<Long, InstagramExport.Plan> plans = new ConcurrentHashMap<>();
    private volatile ExportArchive.Limits limits = ExportArchive.Limits.DEFAULT;
    private volatile NotificationStore notifications;

    public InstagramImporter(Database db, InstagramImportStore store, MediaService media, PostStatusService posting,
                             Optional<Ffmpeg> ffmpeg, JobQueue jobs, IdGenerator ids, Clock clock, Settings settings, JsonColumns json) {
        this.db = db;
        this.store = store;
        this.media = media;
        this.posting = posting;
        this.ffmpeg = ffmpeg;
        this.jobs = jobs;
        this.ids = ids;
        this.clock = clock;
        this.settings = settings;
        this.json = json;
    }

    public void register() {
        jobs.register(JOB, job -> {
            Progress p;
            try {
                p = step(job.importId(), BATCH);
            } catch (ImportException e) {
                store.finish(job.importId(), "failed", e.getMessage(), clock.millis());
                store.byId(job.importId()).ifPresent(i -> ended(i.accountId()));
                throw new PermanentJobFailure(e.getMessage(), e);
            }
            if (!p.finished())
                jobs.enqueueAtInOwnTransaction(JOB, job.importId() + ":" + (job.step() + 1), new Step(job.importId(), job.step() + 1), clock.instant());
        });
    }

    /** Where the person is told that their import has ended (set by the wiring; none in a bare test). */
    public void notifyWith(NotificationStore notifications) { this.notifications = notifications; }

    private void ended(long accountId) {
        NotificationStore n = notifications;
        if (n == null) return;
        db.write(h -> {
            n.addInstagramImported(h, accountId, clock.instant());
            return null;
        });
    }

    /** The account's imports, newest first (the settings page lists them with their progress). */
    public List<InstagramImportStore.Import> imports(long accountId, int limit) { return store.byAccount(accountId, limit); }

    /** Caps on the archive (tests lower them to try a ZIP bomb without writing gigabytes). */
    public void limits(ExportArchive.Limits limits) { this.limits = limits; }

    /**
     * Unpacks and reads {@code zip} for {@code accountId}. A dry run reports and removes everything; otherwise the
     * import is stored with its first job. The same file again while its import is unfinished joins that import.
     * Throws {@link ImportException} (one line) for an archive that cannot be imported, with nothing left behind.
     */
    public Started start(long accountId, Path zip, Options options, boolean dryRun) {
        if (!Files.isRegularFile(zip)) throw new ImportException("no such file: " + zip);
        String sha = sha256(zip);
        if (!dryRun) {
            var running = store.running(accountId, sha);
            if (running.isPresent()) return new Started(running.get().id(), true, plan(running.get()), List.of());
        }
        long id = ids.next();
        Path dir = settings.dataDir().resolve("imports").resolve("instagram-" + id);
        InstagramExport.Plan plan;
        ExportArchive.unpack(zip, dir, limits);
        try {
            plan = InstagramExport.read(dir, json, settings.maxMediaAttachments());
            if (plan.posts().isEmpty()) throw new ImportException("the export holds no posts");
        } catch (RuntimeException e) {
            ExportArchive.delete(dir);
            throw e;
        }
        if (dryRun) {
            List<String> skips = new ArrayList<>();
            for (var p : plan.posts())
                for (var m : p.media()) unsupported(m).ifPresent(r -> skips.add(m.uri() + ": " + r));
            ExportArchive.delete(dir);
            return new Started(null, false, plan, skips);
        }
        try {
            db.write(h -> {
                store.insert(h, new InstagramImportStore.Import(id, accountId, sha, dir.toString(), options.visibility().api(),
                        options.announce(), "running", plan.posts().size(), null), clock.millis());
                jobs.enqueue(JOB, id + ":0", new Step(id, 0));
                return null;
            });
        } catch (RuntimeException e) {
            ExportArchive.delete(dir);
            throw e;
        }
        plans.put(id, plan);
        return new Started(id, false, plan, List.of());
    }

    /** Imports up to {@code max} more posts of an import; ends it (and removes its files) after the last. */
    public Progress step(long importId, int max) {
        var imp = store.byId(importId).orElseThrow(() -> new ImportException("no import " + importId));
        if (!"running".equals(imp.state())) return new Progress(imp.totalPosts(), imp.totalPosts(), imp.state());
        InstagramExport.Plan plan = plan(imp);
        int next = store.done(importId);
        int end = Math.min(plan.posts().size(), next + max);
        Visibility vis = Visibility.parseRequested(imp.visibility()).orElse(Visibility.PUBLIC);
        for (int i = next; i < end; i++) importOne(imp, i, plan.posts().get(i), vis);
        if (end >= plan.posts().size()) {
            store.finish(importId, "done", null, clock.millis());
            ended(imp.accountId());
            plans.remove(importId);
            ExportArchive.delete(Path.of(imp.dir()));
            return new Progress(end, plan.posts().size(), "done");
        }
        return new Progress(end, plan.posts().size(), "running");
    }

    private InstagramExport.Plan plan(InstagramImportStore.Import imp) {
        return plans.computeIfAbsent(imp.id(), k -> InstagramExport.read(Path.of(imp.dir()), json, settings.maxMediaAttachments()));
    }

    private void importOne(InstagramImportStore.Import imp, int index, InstagramExport.Post post, Visibility vis) {
        List<String> notes = new ArrayList<>();
        if (post.note() != null) notes.add(post.note());
        if (store.imported(imp.accountId(), post.key())) {
            db.write(h -> {
                store.addItem(h, imp.id(), new InstagramImportStore.Item(index, "skipped", 0, "already imported"));
                return null;
            });
            return;
        }
        List<MediaAttachment> uploaded = new ArrayList<>();
        for (var m : post.media()) {
            Optional<String> why = unsupported(m);
            if (why.isPresent()) {
                notes.add(m.uri() + ": skipped, " + why.get());
                continue;
            }
            try {
                uploaded.add(upload(imp, m));
            } catch (ValidationException | IOException e) {
                notes.add(m.uri() + ": skipped, " + e.getMessage());
            }
        }
        if (uploaded.isEmpty() && post.caption().isBlank()) {
            notes.add("post of " + post.createdAt() + " skipped: none of its media could be imported");
            record(imp, index, "skipped", 0, notes);
            return;
        }
        try {
            db.write(h -> {
                Status s = posting.importPost(imp.accountId(), post.caption(), vis,
                        uploaded.stream().map(m -> Long.toString(m.id())).toList(), post.createdAt(), CAPTION_LIMIT, imp.announce());
                store.remember(h, imp.accountId(), post.key(), s.id());
                store.addItem(h, imp.id(), new InstagramImportStore.Item(index, "imported", uploaded.size(), String.join("\n", notes)));
                return null;
            });
        } catch (ValidationException e) {
            for (var m : uploaded) media.deleteUnattached(imp.accountId(), m.id());
            notes.add("post of " + post.createdAt() + " skipped: " + e.getMessage());
            record(imp, index, "skipped", 0, notes);
        }
    }

    private void record(InstagramImportStore.Import imp, int index, String outcome, int count, List<String> notes) {
        db.write(h -> {
            store.addItem(h, imp.id(), new InstagramImportStore.Item(index, outcome, count, String.join("\n", notes)));
            return null;
        });
    }

    /** Why a media file cannot be imported on this server, if it cannot. */
    private Optional<String> unsupported(InstagramExport.Media m) {
        String ext = ExportArchive.extension(m.uri());
        Optional<String> why = switch (ext) {
            case "jpg", "jpeg", "png", "webp" -> Optional.empty();
            case "heic", "heif" -> media.heifSupported() || ffmpeg.isPresent() ? Optional.empty()
                    : Optional.of("HEIC needs heif-convert (libheif) or ffmpeg 7.1+, neither is installed on this server");
            case "mp4", "mov" -> media.videoSupported() ? Optional.empty() : Optional.of("video needs ffmpeg, which is not installed on this server");
            default -> Optional.of("." + ext + " files are not supported");
        };
        if (why.isEmpty() && m.file() == null) return Optional.of("the file is missing from the export");
        return why;
    }

    private MediaAttachment upload(InstagramImportStore.Import imp, InstagramExport.Media m) throws IOException {
        String ext = ExportArchive.extension(m.uri());
        Path file = m.file();
        Path converted = null;
        try {
            // with heif-convert installed, the upload itself turns HEIC into JPEG (MediaService); else ffmpeg may read it
            if ((ext.equals("heic") || ext.equals("heif")) && !media.heifSupported()) {
                converted = file.resolveSibling(file.getFileName() + ".converted.jpg");
                try {
                    ffmpeg.orElseThrow().run("-i", file.toString(), "-frames:v", "1", "-q:v", "2", converted.toString());
                } catch (IOException e) {
                    // ffmpeg reads HEIC from version 7.1 on; an older one fails on every HEIC file
                    log.debug("HEIC conversion of {} failed", m.uri(), e);
                    throw new IOException("HEIC could not be converted: this server's ffmpeg cannot read it (ffmpeg 7.1 or later reads HEIC;"
                            + " or install heif-convert, Debian's libheif-examples)");
                }
                file = converted;
            }
            String type = switch (ext) {
                case "mp4" -> "video/mp4";
                case "mov" -> "video/quicktime";
                default -> "application/octet-stream";
            };
            return media.upload(imp.accountId(), new MediaUpload(file, file.getFileName().toString(), type, Files.size(file)), null, null, null, false);
        } finally {
            if (converted != null) Files.deleteIfExists(converted);
        }
    }

    public Optional<Progress> progress(long importId) {
        return store.byId(importId).map(i -> new Progress("running".equals(i.state()) ? store.done(importId) : i.totalPosts(), i.totalPosts(), i.state()));
    }

    public Report report(long importId) {
        var imp = store.byId(importId).orElseThrow(() -> new ImportException("no import " + importId));
        int posts = 0, mediaCount = 0, skipped = 0;
        List<String> notes = new ArrayList<>();
        for (var item : store.items(importId)) {
            if (item.outcome().equals("imported")) posts++;
            else skipped++;
            mediaCount += item.media();
            if (item.outcome().equals("skipped") && item.detail().equals("already imported"))
                notes.add("post " + (item.postIndex() + 1) + ": skipped, already imported");
            else if (!item.detail().isBlank()) for (String line : item.detail().split("\n")) notes.add("post " + (item.postIndex() + 1) + ": " + line);
        }
        return new Report(imp.state(), imp.error(), imp.totalPosts(), posts, mediaCount, skipped, notes);
    }

    private static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest()).toLowerCase(Locale.ROOT);
        } catch (IOException e) {
            throw new ImportException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
