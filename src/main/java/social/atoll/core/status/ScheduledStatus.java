package social.atoll.core.status;

import java.time.Instant;
import java.util.List;
import social.atoll.core.poll.NewPoll;

/** A status waiting for its publication time, with the parameters it was posted with. */
public record ScheduledStatus(long id, long accountId, Instant scheduledAt, Params params, Instant createdAt) {

    /**
     * What will be posted, as Mastodon's ScheduledStatus {@code params} shows it. {@code visibility} is resolved
     * when scheduling (clients expect it set); {@code scheduledAt} is always null, as in Mastodon. {@code circleId}
     * and {@code localOnly} (null when not asked; absent from rows written before them) go with the post when it is
     * published: its audience is the circle as it is then.
     */
    public record Params(String text, NewPoll poll, List<String> mediaIds, Boolean sensitive, String spoilerText,
                         String visibility, Long inReplyToId, String language, String idempotency, Long applicationId,
                         Instant scheduledAt, boolean withRateLimit, Long circleId, Boolean localOnly) {

        public Params(String text, NewPoll poll, List<String> mediaIds, Boolean sensitive, String spoilerText,
                      String visibility, Long inReplyToId, String language, String idempotency, Long applicationId,
                      Instant scheduledAt, boolean withRateLimit) {
            this(text, poll, mediaIds, sensitive, spoilerText, visibility, inReplyToId, language, idempotency, applicationId,
                    scheduledAt, withRateLimit, null, null);
        }
    }
}
