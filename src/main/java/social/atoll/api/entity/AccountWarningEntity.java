package social.atoll.api.entity;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Mastodon 4.3's AccountWarning: a strike as its person sees it in a {@code moderation_warning} notification.
 * {@code appeal} is null until the person appeals, then Mastodon's Appeal entity ({@code text}, {@code state}).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AccountWarningEntity(String id, String action, String text, List<String> statusIds, AccountEntity targetAccount,
                                   AppealEntity appeal, String createdAt) {

    /** Mastodon's Appeal: the person's text and {@code approved}, {@code rejected} or {@code pending}. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record AppealEntity(String text, String state) {}
}
