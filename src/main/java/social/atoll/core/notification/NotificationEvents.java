package social.atoll.core.notification;

/** What the notification feature announces. Streaming listens ({@code notification} events). */
public final class NotificationEvents {
    private NotificationEvents() {}

    /** Notification {@code notificationId} was added for the local account {@code accountId}. */
    public record Created(long accountId, long notificationId) {}

    /** Accepted requests brought filtered notifications of {@code accountId} back into the lists ({@code notifications_merged}). */
    public record Merged(long accountId) {}
}
