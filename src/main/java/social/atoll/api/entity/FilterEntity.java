package social.atoll.api.entity;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import social.atoll.core.filter.Filter;

/**
 * Mastodon's Filter (v2). {@code keywords} and {@code statuses} are present in the filters API and absent inside a
 * status's {@code filtered} results, as Mastodon sends them.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record FilterEntity(String id, String title, List<String> context, String expiresAt, String filterAction,
                           @JsonInclude(JsonInclude.Include.NON_NULL) List<KeywordEntity> keywords,
                           @JsonInclude(JsonInclude.Include.NON_NULL) List<StatusEntry> statuses) {

    public record KeywordEntity(String id, String keyword, boolean wholeWord) {
        public static KeywordEntity of(Filter.Keyword k) { return new KeywordEntity(Long.toString(k.id()), k.keyword(), k.wholeWord()); }
    }

    /** Mastodon's FilterStatus. */
    public record StatusEntry(String id, String statusId) {
        public static StatusEntry of(Filter.FilteredStatus s) { return new StatusEntry(Long.toString(s.id()), Long.toString(s.statusId())); }
    }

    public static FilterEntity full(Filter f) {
        return new FilterEntity(Long.toString(f.id()), f.title(), f.contexts(), Dates.datetime(f.expiresAt()), f.action(),
                f.keywords().stream().map(KeywordEntity::of).toList(), f.statuses().stream().map(StatusEntry::of).toList());
    }

    /** Without keywords and statuses: the form inside FilterResult. */
    public static FilterEntity brief(Filter f) {
        return new FilterEntity(Long.toString(f.id()), f.title(), f.contexts(), Dates.datetime(f.expiresAt()), f.action(), null, null);
    }
}
