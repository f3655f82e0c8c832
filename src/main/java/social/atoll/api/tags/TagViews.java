package social.atoll.api.tags;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import social.atoll.config.Settings;
import social.atoll.core.tag.Tag;
import social.atoll.core.tag.TagService;

/** Core tags → Mastodon Tag JSON, a list at a time (history and follow flags batched). */
public final class TagViews {

    /** The Tag entity. {@code following} is present only for a signed-in viewer. */
    public record TagEntity(String id, String name, String url, List<History> history,
                            @JsonInclude(JsonInclude.Include.NON_NULL) Boolean following) {}

    /** One day of a tag's history; Mastodon sends the numbers as strings and the day as Unix seconds. */
    public record History(String day, String uses, String accounts) {}

    private final Settings settings;
    private final TagService tags;

    public TagViews(Settings settings, TagService tags) {
        this.settings = settings;
        this.tags = tags;
    }

    public TagEntity render(Tag t, Long viewerId) { return renderAll(List.of(t), viewerId).get(0); }

    public List<TagEntity> renderAll(List<Tag> list, Long viewerId) {
        List<Long> ids = list.stream().map(Tag::id).toList();
        Map<Long, List<TagService.DayUse>> history = tags.history(ids);
        Set<Long> followed = viewerId == null ? Set.of() : tags.followed(viewerId, ids);
        List<TagEntity> out = new ArrayList<>(list.size());
        for (Tag t : list) {
            List<History> days = new ArrayList<>();
            for (TagService.DayUse d : history.getOrDefault(t.id(), List.of()))
                days.add(new History(Long.toString(d.day().getEpochSecond()), Long.toString(d.uses()), Long.toString(d.accounts())));
            out.add(new TagEntity(Long.toString(t.id()), t.name(),
                    settings.url("/tags/" + URLEncoder.encode(t.nameKey(), StandardCharsets.UTF_8).replace("+", "%20")),
                    days, viewerId == null ? null : followed.contains(t.id())));
        }
        return out;
    }
}
