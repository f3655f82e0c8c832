package social.atoll.core.notification;

/** What the notification feature announces. Streaming listens ({@code notification} events). */
public final class NotificationEvents {
    private NotificationEvents() {}

    /** Notification {@code notificationId} was added for the local account {@code accountId}. */
    public record Created(long accountId, long notificationId) {}
}
