package social.atoll.api.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import social.atoll.api.Page;
import social.atoll.server.ApiException;
import social.atoll.api.Auth;
import social.atoll.server.Controller;
import social.atoll.server.Params;
import social.atoll.api.Viewer;
import social.atoll.api.entity.AccountViews;
import social.atoll.api.entity.StatusViews;
import social.atoll.config.Settings;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountQueries;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusQueries;
import social.atoll.api.tags.TagViews;
import social.atoll.core.search.RemoteLookup;
import social.atoll.core.search.SearchService;
import social.atoll.core.tag.Tag;
import social.atoll.core.tag.TagService;

/**
 * {@code GET /api/v2/search}: accounts by handle or name prefix, hashtags by prefix, and statuses — a post URL, or
 * the posts the searcher may see that contain all the words (the database's full-text index, {@link SearchService}). With {@code resolve=true} (signed-in users only, as
 * in Mastodon) handles and URLs of other servers are looked up there ({@link RemoteLookup}, implemented by the federation layer).
 */
public final class SearchController implements Controller {

    private static final int DEFAULT_LIMIT = 20;
    private static final int MAX_LIMIT = 40;

    private final Settings settings;
    private final Auth auth;
    private final ObjectMapper json;
    private final AccountQueries accounts;
    private final StatusQueries statuses;
    private final AccountViews accountViews;
    private final StatusViews statusViews;
    private final RemoteLookup resolver;
    private final SearchService search;
    private final TagService tags;
    private final TagViews tagViews;

    /**
     * {@code search} does the word searches (accounts by prefix, statuses through the full-text index), {@code tags}
     * and {@code tagViews} the hashtags (Tag entities with their history).
     */
    public SearchController(Settings settings, Auth auth, ObjectMapper json, AccountQueries accounts, StatusQueries statuses,
                            AccountViews accountViews, StatusViews statusViews, RemoteLookup resolver,
                            SearchService search, TagService tags, TagViews tagViews) {
        this.settings = settings;
        this.auth = auth;
        this.json = json;
        this.accounts = accounts;
        this.statuses = statuses;
        this.accountViews = accountViews;
        this.statusViews = statusViews;
        this.resolver = resolver;
        this.search = search;
        this.tags = tags;
        this.tagViews = tagViews;
    }

    @Override
    public void routes(RoutesConfig r) {
        r.get("/api/v2/search", this::search);
    }

    private void search(Context ctx) {
        Viewer viewer = auth.optional(ctx, "read:search");
        Params p = Params.from(ctx, json);
        String q = p.string("q").map(String::trim).orElse("");
        String type = p.string("type").orElse(null);
        boolean resolve = p.bool("resolve", false);
        int limit = Page.limit(p.string("limit").orElse(null), DEFAULT_LIMIT, MAX_LIMIT);
        int offset = Math.max(0, p.integer("offset").orElse(0));
        if (resolve && !viewer.hasUser())
            throw new ApiException(401, "Search queries that resolve remote resources are not supported without authentication");
        if (offset > 0 && !viewer.hasUser())
            throw new ApiException(401, "Search queries pagination is not supported without authentication");
        Long viewerId = viewer.accountId();

        List<Account> foundAccounts = new ArrayList<>();
        List<Status> foundStatuses = new ArrayList<>();
        List<Tag> foundTags = new ArrayList<>();
        if (!q.isEmpty()) {
            if (RemoteLookup.isUrl(q)) {
                if (offset == 0) {
                    Optional<RemoteLookup.Found> f = resolve ? resolver.url(q, viewerId) : Optional.empty();
                    f.ifPresent(x -> {
                        if (x.account() != null) foundAccounts.add(x.account());
                        if (x.status() != null) statuses.visibleById(viewerId, x.status().id()).ifPresent(foundStatuses::add);
                    });
                }
            } else {
                if (wants(type, "accounts")) foundAccounts.addAll(accounts(q, resolve, viewerId, p.bool("following", false), limit, offset));
                if (wants(type, "hashtags")) foundTags.addAll(tags.search(q, offset, limit));
                if (wants(type, "statuses") && viewerId != null && !q.startsWith("#")) {
                    foundStatuses.addAll(search.statuses(viewerId, new SearchService.StatusQuery(q, p.longValue("account_id").orElse(null),
                            p.longValue("max_id").orElse(null), p.longValue("min_id").orElse(null), offset, limit)));
                }
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accounts", wants(type, "accounts") ? accountViews.renderAll(foundAccounts) : List.of());
        body.put("statuses", wants(type, "statuses") ? statusViews.renderAll(foundStatuses, viewerId) : List.of());
        body.put("hashtags", wants(type, "hashtags") ? tagViews.renderAll(foundTags, viewerId) : List.of());
        ctx.json(body);
    }

    private static boolean wants(String type, String name) { return type == null || type.isBlank() || type.equals(name); }

    /** A handle is looked up (and resolved when asked); other text matches the start of handles and display names. */
    private List<Account> accounts(String q, boolean resolve, Long viewerId, boolean following, int limit, int offset) {
        Optional<String[]> handle = RemoteLookup.handle(q);
        if (handle.isPresent()) {
            String user = handle.get()[0];
            String domain = handle.get()[1];
            boolean local = domain.equalsIgnoreCase(settings.domain()) || domain.equalsIgnoreCase(settings.host());
            Optional<Account> a = local ? accounts.visibleByAcct(user, null) : accounts.visibleByAcct(user, domain);
            if (a.isEmpty() && !local && resolve) a = resolver.account(user, domain);
            if (offset > 0) return List.of();
            return a.map(List::of).orElse(List.of());
        }
        return search.accounts(viewerId, new SearchService.AccountQuery(q, following, offset, limit));
    }
}
