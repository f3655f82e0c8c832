package social.atoll.api.entity;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Mastodon 4.3's AccountWarning: a strike as its person sees it in a {@code moderation_warning} notification.
 * {@code appeal} stays null until appeals exist.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AccountWarningEntity(String id, String action, String text, List<String> statusIds, AccountEntity targetAccount,
                                   Object appeal, String createdAt) {}
