package social.atoll.core.media;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import social.atoll.core.common.ValidationException;
import social.atoll.core.status.NewStatus;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusService;
import social.atoll.infra.db.Database;

/**
 * Posts a status with media: the poster's own unattached, processed uploads, at most
 * {@code ATOLL_MAX_MEDIA_ATTACHMENTS} (Mastodon's 4 by default), in the order given. The uploads are checked first with Mastodon's
 * wording, then claimed in the status's own transaction (a second post racing for the same upload fails and
 * rolls back whole).
 */
public final class MediaAttacher {

    private final Database db;
    private final MediaStore store;
    private final StatusService statuses;
    private final MediaService media;
    private final Clock clock;
    private final int maxAttachments;

    public MediaAttacher(Database db, MediaStore store, StatusService statuses, MediaService media, Clock clock, int maxAttachments) {
        this.maxAttachments = maxAttachments;
        this.db = db;
        this.store = store;
        this.statuses = statuses;
        this.media = media;
        this.clock = clock;
    }

    /** The attachments of a status (before deleting it with {@code delete_media}). */
    public List<MediaAttachment> attachments(long statusId) {
        return store.byStatusIds(List.of(statusId)).getOrDefault(statusId, List.of());
    }

    /**
     * Removes attachments and their files at once ({@code delete_media=true}); without it they stay, unattached,
     * for a redraft, and the hourly sweep removes them a day later.
     */
    public void discard(List<MediaAttachment> attachments) {
        for (MediaAttachment m : attachments) media.delete(m);
    }

    /** Parses and checks {@code media_ids}; the ids in order, duplicates dropped. */
    public List<Long> check(long accountId, List<String> rawIds) {
        List<Long> ids = new ArrayList<>(new LinkedHashSet<>(rawIds.stream().map(MediaAttacher::parse).toList()));
        if (ids.size() > maxAttachments)
            throw new ValidationException("Cannot attach more than " + maxAttachments + " files");
        Map<Long, MediaAttachment> found = store.byIds(ids);
        List<Long> unusable = ids.stream().filter(id -> {
            MediaAttachment m = found.get(id);
            return m == null || m.accountId() != accountId || m.attached() || m.remoteUrl() != null || !"attachment".equals(m.purpose());
        }).toList();
        if (!unusable.isEmpty())
            throw new ValidationException("Media " + unusable.stream().map(String::valueOf).collect(Collectors.joining(", "))
                    + " not found or already attached to another post");
        if (ids.stream().map(found::get).anyMatch(m -> !m.processed()))
            throw new ValidationException("Cannot attach files that have not finished processing. Try again in a moment!");
        boolean hasVideo = ids.stream().map(found::get).anyMatch(m -> !"image".equals(m.type()));
        if (hasVideo && ids.size() > 1)
            throw new ValidationException("Cannot attach a video to a post that already contains images");
        return ids;
    }

    /** Posts {@code req} with the checked uploads {@code mediaIds} (see {@link #check}). */
    public Status post(NewStatus req, List<Long> mediaIds) {
        if (mediaIds.isEmpty()) return statuses.post(req);
        return db.write(h -> {
            Status s = statuses.post(req, true);
            boolean retried = h.createQuery("SELECT COUNT(*) FROM media_attachments WHERE status_id = :s").bind("s", s.id())
                    .mapTo(Integer.class).one() > 0;
            if (retried) return s; // the same Idempotency-Key answered the first post, which has its media
            for (int i = 0; i < mediaIds.size(); i++) {
                int claimed = h.createUpdate("""
                                UPDATE media_attachments SET status_id = :s, position = :pos, updated_at = :now
                                WHERE id = :id AND account_id = :a AND status_id IS NULL AND processing = 'done'
                                  AND purpose = 'attachment' AND remote_url IS NULL""")
                        .bind("s", s.id()).bind("pos", i).bind("now", clock.instant()).bind("id", mediaIds.get(i))
                        .bind("a", req.accountId()).execute();
                if (claimed != 1) throw new ValidationException("Media " + mediaIds.get(i) + " not found or already attached to another post");
            }
            return s;
        });
    }

    private static long parse(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw new ValidationException("Media " + s + " not found or already attached to another post");
        }
    }
}
