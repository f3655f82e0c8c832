package social.atoll.api.entity;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import social.atoll.core.poll.NewPoll;
import social.atoll.core.status.ScheduledStatus;

/** Core scheduled statuses → Mastodon's ScheduledStatus JSON. */
public final class ScheduledStatusViews {

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ScheduledStatusEntity(String id, String scheduledAt, Params params, List<Object> mediaAttachments) {}

    /**
     * Mastodon's {@code params}: what will be posted, with ids as strings and {@code scheduled_at} null; the circle
     * (kmyblue's {@code circle_id}) and {@code local_only} only when the post has them.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Params(String text, Map<String, Object> poll, List<String> mediaIds, Boolean sensitive, String spoilerText,
                         String visibility, String inReplyToId, String language, String idempotency, String applicationId,
                         String scheduledAt, boolean withRateLimit,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String circleId,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Boolean localOnly) {}

    /** Renders the reserved media of scheduled statuses; null: none shown. */
    private final MediaViews media;

    public ScheduledStatusViews() { this(null); }

    public ScheduledStatusViews(MediaViews media) { this.media = media; }

    public ScheduledStatusEntity render(ScheduledStatus s) { return renderAll(List.of(s)).get(0); }

    private ScheduledStatusEntity render(ScheduledStatus s, Map<Long, Object> attachments) {
        ScheduledStatus.Params p = s.params();
        NewPoll poll = p.poll();
        Map<String, Object> pollJson = null;
        if (poll != null) {
            pollJson = new java.util.LinkedHashMap<>();
            pollJson.put("options", poll.options());
            pollJson.put("expires_in", poll.expiresIn()); // a number: Tusky reads it as an Int
            pollJson.put("multiple", poll.multiple());
            pollJson.put("hide_totals", poll.hideTotals());
        }
        return new ScheduledStatusEntity(Long.toString(s.id()), Dates.datetime(s.scheduledAt()),
                new Params(p.text(), pollJson, p.mediaIds() == null || p.mediaIds().isEmpty() ? null : p.mediaIds(), p.sensitive(),
                        p.spoilerText(), p.visibility(), p.inReplyToId() == null ? null : p.inReplyToId().toString(), p.language(),
                        p.idempotency(), p.applicationId() == null ? null : p.applicationId().toString(), null, p.withRateLimit(),
                        p.circleId() == null ? null : p.circleId().toString(), Boolean.TRUE.equals(p.localOnly()) ? Boolean.TRUE : null),
                p.mediaIds() == null ? List.of() : p.mediaIds().stream().map(id -> attachments.get(Long.parseLong(id)))
                        .filter(java.util.Objects::nonNull).toList());
    }

    /** A page of scheduled statuses, their media read in one query. */
    public List<ScheduledStatusEntity> renderAll(List<ScheduledStatus> list) {
        Map<Long, Object> attachments = media == null ? Map.of() : media.byIds(list.stream()
                .flatMap(s -> s.params().mediaIds() == null ? java.util.stream.Stream.<String>empty() : s.params().mediaIds().stream())
                .map(Long::parseLong).distinct().toList());
        List<ScheduledStatusEntity> out = new ArrayList<>(list.size());
        for (ScheduledStatus s : list) out.add(render(s, attachments));
        return out;
    }
}
