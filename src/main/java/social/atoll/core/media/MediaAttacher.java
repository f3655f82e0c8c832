package social.atoll.core.media;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import social.atoll.core.common.ValidationException;
import social.atoll.core.status.StatusAttachments;

/**
 * The media of posts: the poster's own unattached, processed uploads, at most {@code ATOLL_MAX_MEDIA_ATTACHMENTS}
 * (Mastodon's 4 by default), in the order given. The uploads are checked first with Mastodon's wording, then claimed
 * in the status's own transaction (a second post racing for the same upload fails and rolls back whole). Edits
 * replace and reorder them ({@link #replace}); scheduled statuses reserve them until published.
 */
public final class MediaAttacher implements StatusAttachments {

    private final MediaStore store;
    private final MediaService media;
    private final Clock clock;
    private final int maxAttachments;

    public MediaAttacher(MediaStore store, MediaService media, Clock clock, int maxAttachments) {
        this.maxAttachments = maxAttachments;
        this.store = store;
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

    @Override
    public List<Long> check(long accountId, List<String> rawIds, Long scheduledId) {
        return check(accountId, rawIds, m -> !m.attached() && m.editedOutOf() == null
                && Objects.equals(m.scheduledStatusId(), scheduledId));
    }

    /**
     * The checks of Mastodon's post and edit: own uploads for attachments that {@code free} accepts, at most the
     * configured number, processed, and a video only alone.
     */
    private List<Long> check(long accountId, List<String> rawIds, Predicate<MediaAttachment> free) {
        List<Long> ids = new ArrayList<>(new LinkedHashSet<>(rawIds.stream().map(MediaAttacher::parse).toList()));
        if (ids.size() > maxAttachments)
            throw new ValidationException("Cannot attach more than " + maxAttachments + " files");
        Map<Long, MediaAttachment> found = store.byIds(ids);
        List<Long> unusable = ids.stream().filter(id -> {
            MediaAttachment m = found.get(id);
            return m == null || m.accountId() != accountId || !free.test(m) || m.remoteUrl() != null || !"attachment".equals(m.purpose());
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

    @Override
    public void claim(Handle h, long accountId, long statusId, List<Long> mediaIds, Long scheduledId) {
        // an upload no longer free was taken meanwhile: the whole post rolls back
        for (int i = 0; i < mediaIds.size(); i++) {
            if (!store.claim(h, mediaIds.get(i), accountId, statusId, i, scheduledId, clock.instant()))
                throw new ValidationException("Media " + mediaIds.get(i) + " not found or already attached to another post");
        }
    }

    @Override
    public List<Long> current(Handle h, long statusId) { return store.idsOfStatus(h, statusId); }

    @Override
    public boolean replace(Handle h, long accountId, long statusId, List<String> rawIds, List<MediaChange> changes) {
        List<Long> ids = check(accountId, rawIds, m -> (m.statusId() == null && m.scheduledStatusId() == null
                && (m.editedOutOf() == null || m.editedOutOf() == statusId)) || Long.valueOf(statusId).equals(m.statusId()));
        List<Long> before = current(h, statusId);
        boolean changed = !before.equals(ids);
        if (changed) {
            // media left out stay for the edit history (Mastodon keeps them on the status); the sweep spares them
            for (Long old : before) {
                if (!ids.contains(old)) store.setAside(h, old, statusId, clock.instant());
            }
            for (int i = 0; i < ids.size(); i++) {
                if (!store.reattach(h, ids.get(i), accountId, statusId, i, clock.instant()))
                    throw new ValidationException("Media " + ids.get(i) + " not found or already attached to another post");
            }
        }
        for (MediaChange c : changes) {
            if (!ids.contains(c.id())) continue; // Mastodon applies attributes to the edit's own media only
            if (media.describe(h, c.id(), c.description(), c.focus())) changed = true;
        }
        return changed;
    }

    @Override
    public void reserve(Handle h, long accountId, long scheduledId, List<Long> mediaIds) {
        for (Long id : mediaIds) {
            if (!store.reserve(h, id, accountId, scheduledId, clock.instant()))
                throw new ValidationException("Media " + id + " not found or already attached to another post");
        }
    }

    private static long parse(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw new ValidationException("Media " + s + " not found or already attached to another post");
        }
    }
}
