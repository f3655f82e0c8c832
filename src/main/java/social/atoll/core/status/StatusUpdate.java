package social.atoll.core.status;

import java.util.List;
import social.atoll.core.poll.NewPoll;

/**
 * An edit as Mastodon's {@code PUT /api/v1/statuses/:id} takes it: the new text, content warning and sensitivity
 * replace the old ones (absent means empty/false), the language is kept when not given, and the poll given replaces
 * the old one (none removes it). {@code mediaIds} replace the attachments in that order (empty removes them; null:
 * the attachments are left as they are), with {@code mediaChanges} to their descriptions and focal points.
 */
public record StatusUpdate(String text, String spoilerText, Boolean sensitive, String language, NewPoll poll,
                           List<String> mediaIds, List<StatusAttachments.MediaChange> mediaChanges) {

    /** An edit that leaves the attachments alone. */
    public StatusUpdate(String text, String spoilerText, Boolean sensitive, String language, NewPoll poll) {
        this(text, spoilerText, sensitive, language, poll, null, List.of());
    }
}
