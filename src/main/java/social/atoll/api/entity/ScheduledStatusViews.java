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

    /** Mastodon's {@code params}: what will be posted, with ids as strings and {@code scheduled_at} null. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Params(String text, Map<String, Object> poll, List<String> mediaIds, Boolean sensitive, String spoilerText,
                         String visibility, String inReplyToId, String language, String idempotency, String applicationId,
                         String scheduledAt, boolean withRateLimit) {}

    public ScheduledStatusEntity render(ScheduledStatus s) {
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
                        p.idempotency(), p.applicationId() == null ? null : p.applicationId().toString(), null, p.withRateLimit()),
                List.of());
    }

    public List<ScheduledStatusEntity> renderAll(List<ScheduledStatus> list) {
        List<ScheduledStatusEntity> out = new ArrayList<>(list.size());
        for (ScheduledStatus s : list) out.add(render(s));
        return out;
    }
}
