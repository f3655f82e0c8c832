package social.atoll.core.notification;

import java.time.Instant;

/**
 * The filtered mentions from one sender to one local account, waiting to be accepted or dismissed (Mastodon 4.3).
 * {@code notificationsCount} is counted from the filtered notifications when read.
 */
public record NotificationRequest(long id, long accountId, long fromAccountId, Long lastStatusId, int notificationsCount,
                                  Instant createdAt, Instant updatedAt) {}
