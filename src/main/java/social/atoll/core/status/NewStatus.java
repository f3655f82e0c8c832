package social.atoll.core.status;

/**
 * What a local user asks to post. Null means "not given" (the user's defaults apply).
 *
 * @param idempotencyKey the client's {@code Idempotency-Key}: the same key from the same account within an hour
 *                       returns the first status instead of posting twice
 */
public record NewStatus(long accountId, String text, String spoilerText, Boolean sensitive, Visibility visibility,
                        Long inReplyToId, String language, Long applicationId, String idempotencyKey) {}
