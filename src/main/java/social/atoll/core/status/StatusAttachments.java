package social.atoll.core.status;

import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * The media side of posts, edits and scheduled statuses, implemented by {@code core/media}'s MediaAttacher (this
 * package does not depend on media). Every method that takes a handle runs in the caller's transaction; the checks
 * throw {@link social.atoll.core.common.ValidationException} with Mastodon's wording for media that cannot be used.
 */
public interface StatusAttachments {

    /** A description or focal point change of one attachment, as {@code media_attributes[]} carries it. */
    record MediaChange(long id, String description, String focus) {}

    /**
     * Parses and checks the uploads of a new post: own, processed, at most the configured number, a video only alone,
     * and free — unattached, or reserved for {@code scheduledId} when a scheduled status is published (null: not
     * reserved). Returns their ids in order, duplicates dropped.
     */
    List<Long> check(long accountId, List<String> rawIds, Long scheduledId);

    /** Attaches checked uploads to a new status in order; one taken meanwhile fails, and the post rolls back. */
    void claim(Handle h, long accountId, long statusId, List<Long> mediaIds, Long scheduledId);

    /** The ids of the media shown by a status, in order. */
    List<Long> current(Handle h, long statusId);

    /**
     * Makes {@code mediaIds} (own, processed, unattached or already this status's) the status's attachments in that
     * order, applying {@code changes} to them; media left out are kept aside for the edit history.
     * Returns true when the attachments or their descriptions changed.
     */
    boolean replace(Handle h, long accountId, long statusId, List<String> mediaIds, List<MediaChange> changes);

    /** Reserves checked uploads for a scheduled status, so nothing else takes them and the orphan sweep spares them. */
    void reserve(Handle h, long accountId, long scheduledId, List<Long> mediaIds);
}
