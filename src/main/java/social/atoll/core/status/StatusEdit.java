package social.atoll.core.status;

import java.time.Instant;
import java.util.List;

/** One version of an edited status ({@code status_edits}); {@code pollOptions} is null when that version had no poll. */
public record StatusEdit(long id, long statusId, long accountId, String text, String content, String spoilerText,
                         boolean sensitive, List<String> pollOptions, Instant createdAt) {}
