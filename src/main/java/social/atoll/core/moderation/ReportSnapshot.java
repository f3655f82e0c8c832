package social.atoll.core.moderation;

import java.time.Instant;
import java.util.List;

/**
 * A reported post as it was when the report was filed: kept with the report, so the evidence outlives the post.
 * {@code content} is the post's stored HTML (sanitized when the post was stored).
 */
public record ReportSnapshot(long reportId, long statusId, String uri, String url, String content, String spoilerText, String visibility,
                             boolean sensitive, List<Media> media, Instant statusCreatedAt) {

    /** An attachment of the post: its kind and description (the file itself goes with the post). */
    public record Media(String type, String description) {}
}
