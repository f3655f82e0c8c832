package social.atoll.core.notification;

import java.time.Instant;

/**
 * Something that happened to a local account. Mirrors the {@code notifications} table; {@code reportId} is set only
 * for {@link #ADMIN_REPORT}.
 */
public record Notification(long id, long accountId, long fromAccountId, String type, Long statusId, Instant createdAt, Long reportId,
                           Long accountWarningId) {

    /** Mastodon's notification types that Atoll creates. */
    public static final String MENTION = "mention";
    public static final String STATUS = "status";
    public static final String REBLOG = "reblog";
    public static final String FAVOURITE = "favourite";
    public static final String FOLLOW = "follow";
    public static final String FOLLOW_REQUEST = "follow_request";
    public static final String POLL = "poll";
    public static final String UPDATE = "update";
    /** To staff: a local account signed up ({@code account} is the new account). */
    public static final String ADMIN_SIGN_UP = "admin.sign_up";
    /** To staff: a report was filed ({@code account} is the reporter, {@code report} the report). */
    public static final String ADMIN_REPORT = "admin.report";
    /** A strike against the account (Mastodon 4.3); {@code accountWarningId} names it. */
    public static final String MODERATION_WARNING = "moderation_warning";
}
