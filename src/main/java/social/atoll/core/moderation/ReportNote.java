package social.atoll.core.moderation;

import java.time.Instant;

/** A note between moderators on a report (Mastodon's {@code ReportNote}). */
public record ReportNote(long id, long reportId, long accountId, String content, Instant createdAt) {}
