package social.atoll.core.status;

import java.time.Instant;
import java.util.List;

/**
 * One version of an edited status ({@code status_edits}); {@code pollOptions} is null when that version had no poll;
 * {@code mediaIds} are that version's attachments in order.
 */
public record StatusEdit(long id, long statusId, long accountId, String text, String content, String spoilerText,
                         boolean sensitive, List<String> pollOptions, Instant createdAt, List<Long> mediaIds) {

    public StatusEdit(long id, long statusId, long accountId, String text, String content, String spoilerText,
                      boolean sensitive, List<String> pollOptions, Instant createdAt) {
        this(id, statusId, accountId, text, content, spoilerText, sensitive, pollOptions, createdAt, List.of());
    }
}
