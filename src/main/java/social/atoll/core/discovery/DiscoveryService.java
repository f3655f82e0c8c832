package social.atoll.core.discovery;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountStore;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.follow.FollowStore;
import social.atoll.infra.db.Database;

/**
 * Finding people: follow suggestions, the profile directory and familiar followers. Every list leaves out suspended
 * accounts, accounts still waiting for sign-up approval, and — for a signed-in viewer — accounts they block, are
 * blocked by or mute.
 */
public final class DiscoveryService {

    /** A suggested account and why (Mastodon's {@code sources}). */
    public record Suggestion(Account account, List<String> sources) {}

    private final Database db;
    private final AccountStore accounts;
    private final FollowStore follows;
    private final Clock clock;

    public DiscoveryService(Database db, AccountStore accounts, FollowStore follows, Clock clock) {
        this.db = db;
        this.accounts = accounts;
        this.follows = follows;
        this.clock = clock;
    }

    /**
     * Suggestions, best first: accounts followed by the people the viewer follows (by how many of them), then the
     * most followed discoverable local accounts. Never the viewer, accounts they follow or asked to follow, nor
     * dismissed ones.
     */
    public List<Suggestion> suggestions(long viewerId, int limit) {
        Map<Long, List<String>> picked = new LinkedHashMap<>();
        db.read(h -> {
            accounts.friendsOfFriends(h, viewerId, clock.instant(), limit)
                    .forEach(id -> picked.put(id, new ArrayList<>(List.of("friends_of_friends"))));
            if (picked.size() < limit) {
                accounts.mostFollowedLocal(h, viewerId, clock.instant(), limit)
                        .forEach(id -> picked.computeIfAbsent(id, k -> new ArrayList<>()).add("most_followed"));
            }
            return null;
        });
        List<Long> ids = new ArrayList<>(picked.keySet()).subList(0, Math.min(limit, picked.size()));
        Map<Long, Account> found = accounts.byIds(ids);
        List<Suggestion> out = new ArrayList<>();
        for (Long id : ids) if (found.containsKey(id)) out.add(new Suggestion(found.get(id), picked.get(id)));
        return out;
    }

    /** Stops suggesting {@code targetId} to the viewer. */
    public void dismiss(long viewerId, long targetId) {
        accounts.visibleById(targetId).orElseThrow(() -> new NotFoundException("account"));
        accounts.dismissSuggestion(viewerId, targetId, clock.instant());
    }

    /** The profile directory: discoverable accounts, most recently active ({@code active}) or newest ({@code new}) first. */
    public List<Account> directory(Long viewerId, boolean localOnly, boolean newest, int offset, int limit) {
        List<Long> ids = accounts.directory(viewerId, localOnly, newest, offset, limit, clock.instant());
        Map<Long, Account> found = accounts.byIds(ids);
        return ids.stream().filter(found::containsKey).map(found::get).toList();
    }

    /** For each target: the accounts the viewer follows that follow it (followers who hide their lists are left out). */
    public Map<Long, List<Account>> familiarFollowers(long viewerId, Collection<Long> targetIds) {
        Map<Long, List<Account>> out = new LinkedHashMap<>();
        for (Long id : targetIds) out.put(id, new ArrayList<>());
        if (targetIds.isEmpty()) return out;
        List<FollowStore.Pair> pairs = follows.followersFollowedBy(viewerId, targetIds);
        Map<Long, Account> found = accounts.byIds(pairs.stream().map(FollowStore.Pair::followerId).distinct().toList());
        for (FollowStore.Pair p : pairs) {
            Account a = found.get(p.followerId());
            if (a != null) out.get(p.targetId()).add(a);
        }
        return out;
    }
}
