package social.atoll.core.media;

import java.time.Instant;

/**
 * One row of {@code media_attachments}: an upload (attached to a status or waiting to be), a profile image, or a
 * remote attachment. {@code fileKey} and {@code thumbnailKey} are BlobStore keys; while {@code processing} is not
 * {@code done}, {@code fileKey} names the raw upload the processing job reads.
 *
 * @param meta JSON: {@code original}/{@code small} sizes, {@code focus}, video duration and frame rate
 * @param scheduledStatusId the scheduled status this upload is reserved for
 * @param editedOutOf the status an edit removed this attachment from (its history still shows it)
 */
public record MediaAttachment(long id, long accountId, Long statusId, String type, String fileKey, String thumbnailKey,
                              String remoteUrl, String contentType, Long fileSize, String meta, String description,
                              String blurhash, String processing, int position, String purpose, Instant createdAt,
                              Instant updatedAt, Long scheduledStatusId, Long editedOutOf) {

    /** Rows are mapped with this one. */
    @org.jdbi.v3.core.mapper.reflect.JdbiConstructor
    public MediaAttachment {}

    /** A row kept for no scheduled status or edit history. */
    public MediaAttachment(long id, long accountId, Long statusId, String type, String fileKey, String thumbnailKey,
                           String remoteUrl, String contentType, Long fileSize, String meta, String description,
                           String blurhash, String processing, int position, String purpose, Instant createdAt,
                           Instant updatedAt) {
        this(id, accountId, statusId, type, fileKey, thumbnailKey, remoteUrl, contentType, fileSize, meta, description,
                blurhash, processing, position, purpose, createdAt, updatedAt, null, null);
    }

    public static final String DONE = "done";
    public static final String QUEUED = "queued";
    public static final String FAILED = "failed";

    public boolean processed() { return DONE.equals(processing); }

    public boolean failed() { return FAILED.equals(processing); }

    public boolean attached() { return statusId != null; }
}
