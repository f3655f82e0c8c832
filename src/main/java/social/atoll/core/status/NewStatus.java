package social.atoll.core.status;

import java.time.Instant;
import java.util.List;
import social.atoll.core.poll.NewPoll;

/**
 * What a local user asks to post. Null means "not given" (the user's defaults apply).
 *
 * @param poll           a poll to attach (null: none); a post carries a poll or media, not both
 * @param mediaIds       the poster's uploads to attach, in order, as the client sent them
 * @param scheduledAt    a time to publish at, at least five minutes ahead (null: now)
 * @param idempotencyKey the client's {@code Idempotency-Key}: the same key from the same account within an hour
 *                       returns the first status instead of posting twice
 * @param circleId       share with the members of this circle of the poster's (a limited status; null: none)
 * @param localOnly      keep the status on this server (null: not asked; a reply to a local-only status is one)
 * @param quotedStatusId the status this one quotes (Mastodon 4.5's {@code quoted_status_id}; null: none)
 * @param quotePolicy    who may quote this one: {@code public}, {@code followers} or {@code nobody} (null: the
 *                       author's default)
 * @param interactionPolicy who may favourite, reply to, boost this one (GoToSocial's; null: the author's default for
 *                       the visibility)
 */
public record NewStatus(String text, String spoilerText, Boolean sensitive, Visibility visibility, Long inReplyToId,
                        String language, NewPoll poll, List<String> mediaIds, Instant scheduledAt, Long applicationId,
                        String idempotencyKey, Long circleId, Boolean localOnly, Long quotedStatusId, String quotePolicy,
                        social.atoll.core.interaction.InteractionPolicy interactionPolicy) {

    /** A post with the author's default interaction policy. */
    public NewStatus(String text, String spoilerText, Boolean sensitive, Visibility visibility, Long inReplyToId,
                     String language, NewPoll poll, List<String> mediaIds, Instant scheduledAt, Long applicationId,
                     String idempotencyKey, Long circleId, Boolean localOnly, Long quotedStatusId, String quotePolicy) {
        this(text, spoilerText, sensitive, visibility, inReplyToId, language, poll, mediaIds, scheduledAt, applicationId,
                idempotencyKey, circleId, localOnly, quotedStatusId, quotePolicy, null);
    }

    /** A post that quotes nothing and takes the author's quote policy. */
    public NewStatus(String text, String spoilerText, Boolean sensitive, Visibility visibility, Long inReplyToId,
                     String language, NewPoll poll, List<String> mediaIds, Instant scheduledAt, Long applicationId,
                     String idempotencyKey, Long circleId, Boolean localOnly) {
        this(text, spoilerText, sensitive, visibility, inReplyToId, language, poll, mediaIds, scheduledAt, applicationId,
                idempotencyKey, circleId, localOnly, null, null, null);
    }

    public NewStatus {
        mediaIds = mediaIds == null ? List.of() : List.copyOf(mediaIds);
    }

    /** A post to no circle, federated as its visibility says. */
    public NewStatus(String text, String spoilerText, Boolean sensitive, Visibility visibility, Long inReplyToId,
                     String language, NewPoll poll, List<String> mediaIds, Instant scheduledAt, Long applicationId,
                     String idempotencyKey) {
        this(text, spoilerText, sensitive, visibility, inReplyToId, language, poll, mediaIds, scheduledAt, applicationId,
                idempotencyKey, null, null, null, null, null);
    }
}
