package social.atoll.core.status;

import java.time.Instant;

/**
 * A status, local or remote. Mirrors the {@code statuses} table. A boost is a status with {@code reblogOfId} set and
 * no content of its own. A {@code localOnly} status (glitch-soc's and Hometown's) never leaves this server. A
 * {@code pendingApproval} reply waits for the approval of the author it answers (interaction policies).
 */
public record Status(
        long id,
        String uri,
        String url,
        long accountId,
        boolean local,
        Long inReplyToId,
        Long inReplyToAccountId,
        String inReplyToUri,
        Long reblogOfId,
        Long conversationId,
        String text,
        String content,
        String spoilerText,
        boolean sensitive,
        String visibility,
        String language,
        Long applicationId,
        Long pollId,
        int repliesCount,
        int reblogsCount,
        int favouritesCount,
        Instant editedAt,
        Instant createdAt,
        Instant updatedAt,
        boolean localOnly,
        boolean pendingApproval) {

    public boolean isReblog() { return reblogOfId != null; }

    public boolean isReply() { return inReplyToId != null || inReplyToUri != null; }

    public Visibility visibilityEnum() { return Visibility.of(visibility); }
}
