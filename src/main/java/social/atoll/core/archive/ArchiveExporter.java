package social.atoll.core.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.atoll.config.Settings;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountStore;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.common.ValidationException;
import social.atoll.core.mail.Letter;
import social.atoll.core.mail.MailService;
import social.atoll.core.media.MediaAttachment;
import social.atoll.core.media.MediaService;
import social.atoll.core.notification.NotificationStore;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusStore;
import social.atoll.infra.db.Database;
import social.atoll.infra.ids.IdGenerator;
import social.atoll.infra.jobs.JobQueue;
import social.atoll.infra.jobs.JobType;
import social.atoll.infra.storage.BlobStore;

/**
 * Builds a person's archive in Mastodon's format — {@code actor.json}, {@code outbox.json} (the {@code Create}s of
 * their posts), {@code likes.json}, {@code bookmarks.json}, the posts' media under {@code media_attachments/files/}
 * (the paths the outbox names), {@code avatar.*} and {@code header.*} — so that Mastodon's and Atoll's importers
 * read it. From settings it is a durable job: the ZIP is written to a temporary file, stored in the blob store under
 * an unguessable key, offered for download for {@link #KEPT} and announced by a notification and a mail. The CLI writes the same ZIP
 * straight to a file.
 */
public final class ArchiveExporter {

    private static final Logger log = LoggerFactory.getLogger(ArchiveExporter.class);

    public record Build(long archiveId) {}

    public static final JobType<Build> JOB = JobType.local("archive.export", Build.class);

    /** How long an archive is offered (Mastodon's week). */
    public static final Duration KEPT = Duration.ofDays(7);
    /** Posts rendered per batch while writing the outbox. */
    private static final int BATCH = 200;

    /** What the CLI reports. */
    public record Written(int posts, int mediaFiles, long bytes) {}

    private final Database db;
    private final ArchiveStore store;
    private final AccountStore accounts;
    private final StatusStore statuses;
    private final MediaService media;
    private final BlobStore blobs;
    private final MailService mail;
    private final NotificationStore notifications;
    private final JobQueue jobs;
    private final IdGenerator ids;
    private final Clock clock;
    private final Settings settings;
    private final SecureRandom random = new SecureRandom();
    private volatile ArchiveDocuments documents = ArchiveDocuments.NONE;

    public ArchiveExporter(Database db, ArchiveStore store, AccountStore accounts, StatusStore statuses, MediaService media, BlobStore blobs,
                           MailService mail, NotificationStore notifications, JobQueue jobs, IdGenerator ids, Clock clock, Settings settings) {
        this.db = db;
        this.store = store;
        this.accounts = accounts;
        this.statuses = statuses;
        this.media = media;
        this.blobs = blobs;
        this.mail = mail;
        this.notifications = notifications;
        this.jobs = jobs;
        this.ids = ids;
        this.clock = clock;
        this.settings = settings;
    }

    /** Registers the job; {@code documents} writes the AS2 (federation is built after core). */
    public void register(ArchiveDocuments documents) {
        this.documents = documents;
        jobs.register(JOB, job -> build(job.archiveId()));
    }

    /**
     * Asks for a new archive of {@code accountId}; one that is still being built is answered instead of a second.
     * Archives past their week are removed on the way.
     */
    public ArchiveStore.Archive request(long accountId) {
        sweep();
        Optional<ArchiveStore.Archive> running = store.archives(accountId).stream().filter(a -> "running".equals(a.state())).findFirst();
        if (running.isPresent()) return running.get();
        long id = ids.next();
        db.write(h -> {
            store.insertArchive(h, id, accountId, clock.millis());
            jobs.enqueue(JOB, Long.toString(id), new Build(id));
            return null;
        });
        return store.archive(id).orElseThrow();
    }

    /** The account's archives still offered (and any being built or failed), newest first. */
    public List<ArchiveStore.Archive> archives(long accountId) {
        long now = clock.millis();
        return store.archives(accountId).stream().filter(a -> a.expiresAt() == null || a.expiresAt() > now).toList();
    }

    /** The bytes of one's own finished archive, while it is offered. */
    public InputStream open(long accountId, long archiveId) {
        var a = store.archive(archiveId).filter(x -> x.accountId() == accountId && "done".equals(x.state())
                && x.expiresAt() != null && x.expiresAt() > clock.millis()).orElseThrow(() -> new NotFoundException("archive"));
        try {
            return blobs.open(a.blobKey()).orElseThrow(() -> new NotFoundException("archive"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void build(long archiveId) {
        var archive = store.archive(archiveId).orElse(null);
        if (archive == null || !"running".equals(archive.state())) return;
        Account account = accounts.byId(archive.accountId()).orElse(null);
        if (account == null) {
            store.archiveFailed(archiveId, "the account is gone", clock.millis());
            return;
        }
        Path dir = settings.dataDir().resolve("exports");
        Path tmp = dir.resolve("archive-" + archiveId + ".zip.part");
        try {
            Files.createDirectories(dir);
            write(account, tmp);
            String key = "archives/" + archiveId + "-" + HexFormat.of().formatHex(random.generateSeed(16)) + ".zip";
            blobs.put(key, tmp, "application/zip");
            long now = clock.millis();
            long size = Files.size(tmp);
            db.write(h -> {
                store.archiveDone(archiveId, key, size, now, now + KEPT.toMillis());
                notifications.addArchiveReady(h, account.id(), clock.instant());
                return null;
            });
            accounts.userByAccountId(account.id()).filter(u -> u.email() != null).ifPresent(u -> mail.send(
                    new Letter(Letter.Kind.ARCHIVE_READY, u.email(), account.username(), settings.url("/settings/export"), u.locale())));
        } catch (IOException e) {
            // a full disk or an unreachable store: the job is retried
            throw new UncheckedIOException(e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // removed with the next build of this archive
            }
        }
    }

    /** Writes the archive of {@code username} (a local account) to {@code zip} (the CLI's door). */
    public Written export(String username, Path zip) {
        Account account = accounts.byAcct(username, null).orElseThrow(() -> new ValidationException("no local account named " + username));
        try {
            return write(account, zip);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Written write(Account account, Path zip) throws IOException {
        int posts = 0;
        Set<String> written = new HashSet<>();
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
            String avatar = image(out, account.avatarMediaId(), "avatar");
            String header = image(out, account.headerMediaId(), "header");
            entry(out, "actor.json", documents.actor(account, avatar, header));
            List<Status> all = new ArrayList<>();
            Map<Long, Status> boosted = new java.util.HashMap<>();
            Map<String, String> paths = new LinkedHashMap<>();
            long after = 0;
            for (List<Long> page; !(page = store.ownStatusIds(account.id(), after, BATCH)).isEmpty(); after = page.getLast()) {
                Map<Long, Status> byId = statuses.byIds(page);
                for (long id : page) if (byId.containsKey(id)) all.add(byId.get(id));
                List<Long> originalIds = byId.values().stream().map(Status::reblogOfId).filter(java.util.Objects::nonNull).toList();
                if (!originalIds.isEmpty()) boosted.putAll(statuses.byIds(originalIds));
                media.byStatusIds(page).values().forEach(list -> {
                    for (MediaAttachment m : list) {
                        if (m.fileKey() == null || !m.processed()) continue;
                        String path = "media_attachments/files/" + m.fileKey();
                        paths.put(blobs.url(m.fileKey()), "/" + path);
                        if (written.add(path)) copy(out, m.fileKey(), path);
                    }
                });
            }
            posts = all.size();
            entry(out, "outbox.json", documents.outbox(all, boosted, paths));
            entry(out, "likes.json", documents.uris("likes.json", store.likedUris(account.id())));
            entry(out, "bookmarks.json", documents.uris("bookmarks.json", store.bookmarkedUris(account.id())));
        }
        return new Written(posts, written.size(), Files.size(zip));
    }

    /** Copies a profile image into the archive as {@code name.<ext>}; its path, or null when there is none. */
    private String image(ZipOutputStream out, Long mediaId, String name) throws IOException {
        if (mediaId == null) return null;
        MediaAttachment m = media.byIds(List.of(mediaId)).get(mediaId);
        if (m == null || m.fileKey() == null) return null;
        int dot = m.fileKey().lastIndexOf('.');
        String path = name + (dot < 0 ? "" : m.fileKey().substring(dot));
        copy(out, m.fileKey(), path);
        return path;
    }

    private void copy(ZipOutputStream out, String key, String path) {
        try {
            Optional<InputStream> in = blobs.open(key);
            if (in.isEmpty()) {
                log.warn("archive: {} is missing from the media store", key);
                return;
            }
            out.putNextEntry(new ZipEntry(path));
            try (InputStream i = in.get()) {
                i.transferTo(out);
            }
            out.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void entry(ZipOutputStream out, String name, String json) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        out.write(json.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }

    /** Removes archives past their week, files first. */
    public void sweep() {
        for (var a : store.expired(clock.millis())) {
            try {
                if (a.blobKey() != null) blobs.delete(a.blobKey());
                store.deleteArchive(a.id());
            } catch (IOException e) {
                log.warn("cannot remove the expired archive {}: {}", a.id(), e.getMessage());
            }
        }
    }
}
