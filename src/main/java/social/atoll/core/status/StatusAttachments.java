package social.atoll.core.status;

import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * The media side of edits and scheduled statuses, implemented by {@code core/media}'s MediaAttacher (this package
 * does not depend on media). Every method runs in the caller's transaction and throws
 * {@link social.atoll.core.common.ValidationException} with Mastodon's wording for media that cannot be used.
 */
public interface StatusAttachments {

    /** A description or focal point change of one attachment, as {@code media_attributes[]} carries it. */
    record MediaChange(long id, String description, String focus) {}

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

    /** Posts a scheduled status with the uploads reserved for it, in the order they were given. */
    Status postScheduled(NewStatus req, long scheduledId, List<Long> mediaIds);
}
