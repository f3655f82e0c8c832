package social.atoll.api.filters;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import social.atoll.server.ApiException;
import social.atoll.server.Params;
import social.atoll.core.filter.FilterService;

/** Reading filter parameters the way Mastodon's controllers do. */
final class FilterParams {
    private FilterParams() {}

    /** {@code expires_in}: absent → unchanged (null); empty → never; else seconds from now. */
    static FilterService.Expiry expiry(Params p) {
        JsonNode n = p.node("expires_in");
        if (n == null) return null;
        if (n.isNull() || n.asText().isBlank()) return new FilterService.Expiry(null);
        return new FilterService.Expiry(p.longValue("expires_in").orElse(null));
    }

    /** {@code context[]}: absent → null (unchanged on update). */
    static List<String> contexts(Params p) {
        return p.node("context") == null ? null : p.list("context");
    }

    /** {@code keywords_attributes[][keyword|whole_word|id|_destroy]}. */
    static List<FilterService.KeywordChange> keywords(Params p) {
        if (p.node("keywords_attributes") == null) return null;
        List<FilterService.KeywordChange> out = new ArrayList<>();
        for (Params k : p.groups("keywords_attributes")) {
            Long id = k.string("id").map(FilterParams::parse).orElse(null);
            out.add(new FilterService.KeywordChange(id, k.rawString("keyword").orElse(null), k.bool("whole_word").orElse(null),
                    k.bool("_destroy", false)));
        }
        return out;
    }

    static long id(Context ctx) { return parse(ctx.pathParam("id")); }

    private static long parse(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw ApiException.notFound();
        }
    }
}
