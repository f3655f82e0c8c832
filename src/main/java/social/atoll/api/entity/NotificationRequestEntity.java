package social.atoll.api.entity;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Mastodon 4.3's NotificationRequest: the filtered mentions from one account. {@code notifications_count} is a string,
 * as Mastodon writes it; {@code last_status} is left out when the mention's status is gone or not visible.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record NotificationRequestEntity(String id, String createdAt, String updatedAt, AccountEntity account, String notificationsCount,
                                        @JsonInclude(JsonInclude.Include.NON_NULL) StatusEntity lastStatus) {}
