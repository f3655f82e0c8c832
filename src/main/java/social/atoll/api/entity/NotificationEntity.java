package social.atoll.api.entity;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Mastodon's Notification entity (v1). {@code status} is omitted for types that have none (follow, follow_request);
 * {@code report} is there only for {@code admin.report}; {@code target} only for {@code move}: the new account.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record NotificationEntity(
        String id,
        String type,
        String createdAt,
        String groupKey,
        AccountEntity account,
        @JsonInclude(JsonInclude.Include.NON_NULL) StatusEntity status,
        @JsonInclude(JsonInclude.Include.NON_NULL) ReportEntity report,
        @JsonInclude(JsonInclude.Include.NON_NULL) AccountWarningEntity moderationWarning,
        @JsonInclude(JsonInclude.Include.NON_NULL) AccountEntity target,
        @JsonInclude(JsonInclude.Include.NON_NULL) String emoji,
        @JsonInclude(JsonInclude.Include.NON_NULL) String emojiUrl) {

    /** Without the {@code emoji} and {@code emoji_url} that only {@code pleroma:emoji_reaction} has (as Akkoma). */
    public NotificationEntity(String id, String type, String createdAt, String groupKey, AccountEntity account, StatusEntity status,
                              ReportEntity report, AccountWarningEntity moderationWarning, AccountEntity target) {
        this(id, type, createdAt, groupKey, account, status, report, moderationWarning, target, null, null);
    }

    /** Without {@code target}, which only {@code move} has (the account the old one moved to). */
    public NotificationEntity(String id, String type, String createdAt, String groupKey, AccountEntity account, StatusEntity status,
                              ReportEntity report, AccountWarningEntity moderationWarning) {
        this(id, type, createdAt, groupKey, account, status, report, moderationWarning, null);
    }

    public NotificationEntity(String id, String type, String createdAt, String groupKey, AccountEntity account, StatusEntity status,
                              ReportEntity report) {
        this(id, type, createdAt, groupKey, account, status, report, null);
    }
}
