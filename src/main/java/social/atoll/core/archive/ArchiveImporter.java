package social.atoll.core.archive;

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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import social.atoll.config.Settings;
import social.atoll.core.common.ValidationException;
import social.atoll.core.instagram.ExportArchive;
import social.atoll.core.instagram.ImportException;
import social.atoll.core.media.MediaAttachment;
import social.atoll.core.media.MediaService;
import social.atoll.core.media.MediaUpload;
import social.atoll.core.status.PostStatusService;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusStore;
import social.atoll.core.status.Visibility;
import social.atoll.core.text.HtmlSanitizer;
import social.atoll.infra.db.Database;
import social.atoll.infra.ids.IdGenerator;
import social.atoll.infra.jobs.JobQueue;
import social.atoll.infra.jobs.JobType;
import social.atoll.infra.jobs.PermanentJobFailure;

/**
 * Imports an archive in Mastodon's format (Mastodon's "Request your archive", Atoll's own, and the servers that
 * write the same files) into a local account, as a durable job that resumes after a restart — the Instagram
 * import's rules: the archive is unpacked with the same checks ({@link ExportArchive}: ZIP bombs, {@code ../}
 * names, sizes) and its {@code outbox.json} read whole before anything is stored, so a bad archive is refused with
 * one line and nothing half-imported; then each job imports a batch of posts, each in one transaction with the
 * record of its old URI, so a restart or a second run of the same archive adds nothing twice.
 *
 * <p>Posts keep their text and HTML, content warning, visibility (direct messages only when asked), language,
 * date and media with alt text; a reply to a post of the archive is threaded under its imported copy. Imported
 * posts show on the profile, in the outbox and in search, but are not delivered to followers.
 */
public final class ArchiveImporter {

    public record Step(long importId, int step) {}

    public static final JobType<Step> JOB = JobType.local("archive.import", Step.class);

    static final int BATCH = 25;

    /** What an import reads of an archive: its JSON and the media Atoll accepts. */
    private static final Set<String> KEPT = Set.of("json", "jpg", "jpeg", "png", "gif", "webp", "heic", "heif", "avif",
            "mp4", "m4v", "mov", "webm", "mp3", "ogg", "oga", "opus", "wav", "flac", "m4a", "aac");

    public record Options(boolean includeDirect) {}

    public record Started(long importId, boolean resumed, int posts) {}

    public record Progress(int done, int total, String state) {
        public boolean finished() { return !"running".equals(state); }
    }

    public record Report(String state, String error, int posts, int postsImported, int mediaImported, int skipped, List<String> notes) {}

    private final Database db;
    private final ArchiveStore store;
    private final MediaService media;
    private final PostStatusService posting;
    private final social.atoll.core.status.ReblogService reblogs;
    private final StatusStore statuses;
    private final JobQueue jobs;
    private final IdGenerator ids;
    private final Clock clock;
    private final Settings settings;
    private final Map<Long, List<ArchiveDocuments.ArchivePost>> plans = new ConcurrentHashMap<>();
    private volatile ExportArchive.Limits limits = ExportArchive.Limits.DEFAULT;
    private volatile ArchiveDocuments documents = ArchiveDocuments.NONE;

    public ArchiveImporter(Database db, ArchiveStore store, MediaService media, PostStatusService posting,
                           social.atoll.core.status.ReblogService reblogs, StatusStore statuses,
                           JobQueue jobs, IdGenerator ids, Clock clock, Settings settings) {
        this.db = db;
        this.reblogs = reblogs;
        this.store = store;
        this.media = media;
        this.posting = posting;
        this.statuses = statuses;
        this.jobs = jobs;
        this.ids = ids;
        this.clock = clock;
        this.settings = settings;
    }

    /** Registers the job; {@code documents} reads the AS2 of the outbox (federation is built after core). */
    public void register(ArchiveDocuments documents) {
        this.documents = documents;
        jobs.register(JOB, job -> {
            Progress p;
            try {
                p = step(job.importId(), BATCH);
            } catch (ImportException e) {
                store.finishImport(job.importId(), "failed", e.getMessage(), clock.millis());
                throw new PermanentJobFailure(e.getMessage(), e);
            }
            if (!p.finished())
                jobs.enqueueAtInOwnTransaction(JOB, job.importId() + ":" + (job.step() + 1), new Step(job.importId(), job.step() + 1), clock.instant());
        });
    }

    /** Caps on the archive (tests lower them to try a ZIP bomb without writing gigabytes). */
    public void limits(ExportArchive.Limits limits) { this.limits = limits; }

    /**
     * Unpacks and reads {@code zip} for {@code accountId} and stores the import with its first job; the same file
     * again while its import is unfinished joins that import. Throws {@link ImportException} (one line) for an
     * archive that cannot be imported, leaving nothing behind.
     */
    public Started start(long accountId, Path zip, Options options) {
        if (!Files.isRegularFile(zip)) throw new ImportException("no such file: " + zip);
        String sha = sha256(zip);
        var running = store.running(accountId, sha);
        if (running.isPresent()) return new Started(running.get().id(), true, running.get().totalPosts());
        long id = ids.next();
        Path dir = settings.dataDir().resolve("imports").resolve("archive-" + id);
        ExportArchive.unpack(zip, dir, limits, KEPT);
        List<ArchiveDocuments.ArchivePost> posts;
        try {
            posts = read(dir);
        } catch (RuntimeException e) {
            ExportArchive.delete(dir);
            throw e;
        }
        try {
            db.write(h -> {
                store.insertImport(h, new ArchiveStore.Import(id, accountId, sha, dir.toString(), options.includeDirect(), "running",
                        posts.size(), null, clock.millis()), clock.millis());
                jobs.enqueue(JOB, id + ":0", new Step(id, 0));
                return null;
            });
        } catch (RuntimeException e) {
            ExportArchive.delete(dir);
            throw e;
        }
        plans.put(id, posts);
        return new Started(id, false, posts.size());
    }

    private List<ArchiveDocuments.ArchivePost> read(Path dir) {
        Path outbox = dir.resolve("outbox.json");
        if (!Files.isRegularFile(outbox))
            throw new ImportException("the archive has no outbox.json: it is not an archive in Mastodon's format");
        List<ArchiveDocuments.ArchivePost> posts = documents.posts(outbox);
        if (posts.isEmpty()) throw new ImportException("the archive holds no posts");
        return posts;
    }

    /** Imports up to {@code max} more posts; ends the import (and removes its files) after the last. */
    public Progress step(long importId, int max) {
        var imp = store.importById(importId).orElseThrow(() -> new ImportException("no import " + importId));
        if (!"running".equals(imp.state())) return new Progress(imp.totalPosts(), imp.totalPosts(), imp.state());
        List<ArchiveDocuments.ArchivePost> posts = plans.computeIfAbsent(importId, k -> read(Path.of(imp.dir())));
        int next = store.done(importId);
        int end = Math.min(posts.size(), next + max);
        for (int i = next; i < end; i++) importOne(imp, i, posts.get(i));
        if (end >= posts.size()) {
            store.finishImport(importId, "done", null, clock.millis());
            plans.remove(importId);
            ExportArchive.delete(Path.of(imp.dir()));
            return new Progress(end, posts.size(), "done");
        }
        return new Progress(end, posts.size(), "running");
    }

    private void importOne(ArchiveStore.Import imp, int index, ArchiveDocuments.ArchivePost post) {
        long account = imp.accountId();
        if (store.imported(account, post.uri()).isPresent()) {
            item(imp.id(), index, "skipped", 0, "already imported");
            return;
        }
        if (statuses.byUriOrUrl(post.uri()).filter(s -> s.accountId() == account).isPresent()) {
            // one's own archive imported into the same account: the post is this one
            item(imp.id(), index, "skipped", 0, "already on this account");
            return;
        }
        if (post.boostOf() != null) {
            importBoost(imp, index, post);
            return;
        }
        if (post.visibility() == Visibility.DIRECT && !imp.includeDirect()) {
            item(imp.id(), index, "skipped", 0, "a direct message, left out (import with direct messages to keep them)");
            return;
        }
        List<String> notes = new ArrayList<>();
        Long parent = null;
        if (post.inReplyTo() != null) {
            parent = store.imported(account, post.inReplyTo())
                    .or(() -> statuses.byUriOrUrl(post.inReplyTo()).map(Status::id)).orElse(null);
            if (parent == null) notes.add("a reply to " + post.inReplyTo() + ", which is not known here: imported as a post of its own");
        }
        Path root = Path.of(imp.dir()).toAbsolutePath().normalize();
        List<MediaAttachment> uploaded = new ArrayList<>();
        for (var m : post.media()) {
            Optional<Path> file = file(root, m.path());
            if (file.isEmpty()) {
                notes.add(m.path() + ": skipped, the file is missing from the archive");
                continue;
            }
            try {
                Path f = file.get();
                uploaded.add(media.upload(account, new MediaUpload(f, f.getFileName().toString(),
                        m.mediaType() == null ? "application/octet-stream" : m.mediaType(), Files.size(f)), null, m.description(), m.focus(), false));
            } catch (ValidationException | IOException e) {
                notes.add(m.path() + ": skipped, " + e.getMessage());
            }
        }
        String text = HtmlSanitizer.text(post.contentHtml());
        try {
            Long inReplyTo = parent;
            // checked again under the write lock: two imports of archives holding the same post (or one holding it
            // twice) must not both store it — the second used to fail on the primary key and be retried
            boolean duplicate = db.write(h -> {
                if (store.imported(account, post.uri()).isPresent()) {
                    store.addItem(h, imp.id(), new ArchiveStore.Item(index, "skipped", 0, "already imported"));
                    return true;
                }
                Status s = posting.importArchived(account, new PostStatusService.ArchivedPost(text, post.contentHtml(), post.spoilerText(),
                        post.sensitive(), post.visibility(), post.language(), post.published(), inReplyTo,
                        uploaded.stream().map(m -> Long.toString(m.id())).toList()));
                store.remember(h, account, post.uri(), s.id());
                store.addItem(h, imp.id(), new ArchiveStore.Item(index, "imported", uploaded.size(), String.join("\n", notes)));
                return false;
            });
            if (duplicate) for (var m : uploaded) media.deleteUnattached(account, m.id());
        } catch (ValidationException e) {
            for (var m : uploaded) media.deleteUnattached(account, m.id());
            notes.add("post of " + post.published() + " skipped: " + e.getMessage());
            item(imp.id(), index, "skipped", 0, String.join("\n", notes));
        }
    }

    /**
     * A boost of the archive: boosted again here, at its old date, when the boosted post is known here or can still
     * be fetched from its server and may be boosted; like the imported posts, it is not delivered to anyone.
     */
    private void importBoost(ArchiveStore.Import imp, int index, ArchiveDocuments.ArchivePost post) {
        long account = imp.accountId();
        Optional<Status> original = statuses.byUriOrUrl(post.boostOf()).or(() -> documents.status(post.boostOf(), account));
        if (original.isEmpty()) {
            item(imp.id(), index, "skipped", 0, "a boost of " + post.boostOf() + ", which cannot be fetched any more");
            return;
        }
        try {
            db.write(h -> {
                if (store.imported(account, post.uri()).isPresent()) {
                    store.addItem(h, imp.id(), new ArchiveStore.Item(index, "skipped", 0, "already imported"));
                    return null;
                }
                Status boost = reblogs.importBoost(account, original.get().id(), post.visibility(), post.published());
                store.remember(h, account, post.uri(), boost.id());
                store.addItem(h, imp.id(), new ArchiveStore.Item(index, "imported", 0, ""));
                return null;
            });
        } catch (ValidationException | social.atoll.core.common.ForbiddenException | social.atoll.core.common.NotFoundException e) {
            item(imp.id(), index, "skipped", 0, "a boost of " + post.boostOf() + " that cannot be made here: " + e.getMessage());
        }
    }

    /** The file an attachment names, inside the unpacked archive only. */
    private static Optional<Path> file(Path root, String path) {
        if (path == null || path.isBlank() || path.contains("://")) return Optional.empty();
        String p = path.startsWith("/") ? path.substring(1) : path;
        Path f;
        try {
            f = root.resolve(p).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            return Optional.empty(); // a NUL or the like: no file of the archive has such a name (the importer fuzz found it)
        }
        return f.startsWith(root) && Files.isRegularFile(f) ? Optional.of(f) : Optional.empty();
    }

    private void item(long importId, int index, String outcome, int mediaCount, String detail) {
        db.write(h -> {
            store.addItem(h, importId, new ArchiveStore.Item(index, outcome, mediaCount, detail));
            return null;
        });
    }

    public Optional<Progress> progress(long importId) {
        return store.importById(importId).map(i -> new Progress("running".equals(i.state()) ? store.done(importId) : i.totalPosts(),
                i.totalPosts(), i.state()));
    }

    public List<ArchiveStore.Import> imports(long accountId) { return store.imports(accountId); }

    public Report report(long importId) {
        var imp = store.importById(importId).orElseThrow(() -> new ImportException("no import " + importId));
        int posts = 0, mediaCount = 0, skipped = 0;
        List<String> notes = new ArrayList<>();
        for (var item : store.items(importId)) {
            if (item.outcome().equals("imported")) posts++;
            else skipped++;
            mediaCount += item.media();
            if (!item.detail().isBlank()) for (String line : item.detail().split("\n")) notes.add("post " + (item.postIndex() + 1) + ": " + line);
        }
        return new Report(imp.state(), imp.error(), imp.totalPosts(), posts, mediaCount, skipped, notes);
    }

    private static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new ImportException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
