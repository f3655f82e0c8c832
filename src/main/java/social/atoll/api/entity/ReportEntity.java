package social.atoll.api.entity;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Mastodon's Report: the answer to filing one, and the {@code report} of an {@code admin.report} notification. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ReportEntity(String id, boolean actionTaken, String actionTakenAt, String category, String comment,
                           boolean forwarded, String createdAt, List<String> statusIds, List<String> ruleIds,
                           AccountEntity targetAccount) {}
