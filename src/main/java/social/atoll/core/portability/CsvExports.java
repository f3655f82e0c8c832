package social.atoll.core.portability;

import java.time.Clock;
import java.util.List;
import social.atoll.core.follow.FollowLanguages;

/**
 * Writes a person's follows, followers, lists, blocks, mutes, domain blocks and bookmarks as the CSV files Mastodon
 * exports (same names, headers and cells), so that any server that imports Mastodon's files reads them. Accounts
 * are written as full addresses ({@code user@domain}), local ones with this server's domain.
 */
public final class CsvExports {

    private final PortabilityStore store;
    private final String localDomain;
    private final Clock clock;

    public CsvExports(PortabilityStore store, String localDomain, Clock clock) {
        this.store = store;
        this.localDomain = localDomain;
        this.clock = clock;
    }

    /** The file of {@code kind} for {@code accountId}. */
    public String csv(long accountId, CsvKind kind) {
        StringBuilder out = new StringBuilder();
        if (kind.header() != null) out.append(Csv.line(kind.header().toArray(String[]::new)));
        switch (kind) {
            case FOLLOWING -> {
                for (var l : store.following(accountId))
                    out.append(Csv.line(address(l), Boolean.toString(l.flagA()), Boolean.toString(l.flagB()),
                            String.join(", ", FollowLanguages.decode(l.languages()))));
            }
            case FOLLOWERS -> accounts(out, store.followers(accountId));
            case BLOCKS -> accounts(out, store.blocks(accountId));
            case MUTES -> {
                for (var l : store.mutes(accountId, clock.millis())) out.append(Csv.line(address(l), Boolean.toString(l.flagA())));
            }
            case LISTS -> {
                for (var l : store.listMembers(accountId)) out.append(Csv.line(l.listName(), address(l)));
            }
            case DOMAIN_BLOCKS -> {
                for (String d : store.domainBlocks(accountId)) out.append(Csv.line(d));
            }
            case BOOKMARKS -> {
                for (String uri : store.bookmarkUris(accountId)) out.append(Csv.line(uri));
            }
        }
        return out.toString();
    }

    public PortabilityStore.Stats stats(long accountId) { return store.stats(accountId, clock.millis()); }

    private void accounts(StringBuilder out, List<PortabilityStore.AccountLine> lines) {
        for (var l : lines) out.append(Csv.line(address(l)));
    }

    private String address(PortabilityStore.AccountLine l) {
        return l.username() + "@" + (l.domain() == null ? localDomain : l.domain());
    }
}
