package social.atoll.core.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountQueries;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusQueries;
import social.atoll.core.tag.Tag;
import social.atoll.core.tag.TagService;

/**
 * One search across accounts, hashtags and posts, as Mastodon's v2 search does it, for every door (the API's
 * {@code /api/v2/search} and the web app's {@code /search}): a URL is resolved to the account or post it names, a
 * handle is looked up here (and on its server when {@code resolve}), other text matches handle and name prefixes,
 * tag prefixes, and the words of the posts the searcher may see.
 */
public final class Search {

    /** What to look for. {@code type} null: everything; else {@code accounts}, {@code hashtags} or {@code statuses}. */
    public record Query(String q, String type, boolean resolve, boolean following, Long accountId, Long maxId, Long minId,
                        int offset, int limit) {
        public boolean wants(String name) { return type == null || type.isBlank() || type.equals(name); }
    }

    public record Results(List<Account> accounts, List<Status> statuses, List<Tag> hashtags) {}

    private final String domain;
    private final String host;
    private final AccountQueries accounts;
    private final StatusQueries statuses;
    private final RemoteLookup resolver;
    private final SearchService search;
    private final TagService tags;

    /** {@code domain} and {@code host}: this server's names, so that a handle on them is looked up locally. */
    public Search(String domain, String host, AccountQueries accounts, StatusQueries statuses, RemoteLookup resolver,
                  SearchService search, TagService tags) {
        this.domain = domain;
        this.host = host;
        this.accounts = accounts;
        this.statuses = statuses;
        this.resolver = resolver;
        this.search = search;
        this.tags = tags;
    }

    /** Resolving (asking other servers) is only for signed-in searchers: callers refuse it for visitors first. */
    public Results find(Long viewerId, Query query) {
        String q = query.q() == null ? "" : query.q().trim();
        List<Account> foundAccounts = new ArrayList<>();
        List<Status> foundStatuses = new ArrayList<>();
        List<Tag> foundTags = new ArrayList<>();
        if (q.isEmpty()) return new Results(foundAccounts, foundStatuses, foundTags);
        if (RemoteLookup.isUrl(q)) {
            if (query.offset() == 0 && query.resolve()) {
                resolver.url(q, viewerId).ifPresent(x -> {
                    if (x.account() != null && query.wants("accounts")) foundAccounts.add(x.account());
                    if (x.status() != null && query.wants("statuses"))
                        statuses.visibleById(viewerId, x.status().id()).ifPresent(foundStatuses::add);
                });
            }
        } else {
            if (query.wants("accounts")) foundAccounts.addAll(accounts(q, query, viewerId));
            if (query.wants("hashtags")) foundTags.addAll(tags.search(q, query.offset(), query.limit()));
            if (query.wants("statuses") && viewerId != null && !q.startsWith("#")) {
                foundStatuses.addAll(search.statuses(viewerId, new SearchService.StatusQuery(q, query.accountId(), query.maxId(),
                        query.minId(), query.offset(), query.limit())));
            }
        }
        return new Results(foundAccounts, foundStatuses, foundTags);
    }

    /** A handle is looked up (and resolved when asked); other text matches the start of handles and display names. */
    private List<Account> accounts(String q, Query query, Long viewerId) {
        Optional<String[]> handle = RemoteLookup.handle(q);
        if (handle.isPresent()) {
            String user = handle.get()[0];
            String d = handle.get()[1];
            boolean local = d.equalsIgnoreCase(domain) || d.equalsIgnoreCase(host);
            Optional<Account> a = local ? accounts.visibleByAcct(user, null) : accounts.visibleByAcct(user, d);
            if (a.isEmpty() && !local && query.resolve()) a = resolver.account(user, d);
            if (query.offset() > 0) return List.of();
            return a.map(List::of).orElse(List.of());
        }
        return search.accounts(viewerId, new SearchService.AccountQuery(q, query.following(), query.offset(), query.limit()));
    }
}
