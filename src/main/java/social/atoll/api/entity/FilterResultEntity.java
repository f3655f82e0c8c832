package social.atoll.api.entity;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import social.atoll.core.filter.StatusFilterMatcher;

/** Mastodon's FilterResult: the filter, and which of its keywords and statuses matched (null when none). */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record FilterResultEntity(FilterEntity filter, List<String> keywordMatches, List<String> statusMatches) {

    public static FilterResultEntity of(StatusFilterMatcher.Match m) {
        return new FilterResultEntity(FilterEntity.brief(m.filter()), m.keywordMatches(), m.statusMatches());
    }
}
