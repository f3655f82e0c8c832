package social.atoll.core.status;

import java.time.Instant;
import java.util.List;
import social.atoll.core.poll.NewPoll;

/** A status waiting for its publication time, with the parameters it was posted with. */
public record ScheduledStatus(long id, long accountId, Instant scheduledAt, Params params, Instant createdAt) {

    /**
     * What will be posted, as Mastodon's ScheduledStatus {@code params} shows it. {@code visibility} is resolved
     * when scheduling (clients expect it set); {@code scheduledAt} is always null, as in Mastodon.
     */
    public record Params(String text, NewPoll poll, List<String> mediaIds, Boolean sensitive, String spoilerText,
                         String visibility, Long inReplyToId, String language, String idempotency, Long applicationId,
                         Instant scheduledAt, boolean withRateLimit) {}
}
