package social.atoll.core.migration;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountStore;
import social.atoll.core.account.ProfileService;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.common.ValidationException;
import social.atoll.infra.db.Database;
import social.atoll.infra.db.JsonColumns;
import social.atoll.infra.events.EventBus;

/**
 * The aliases of a local account ({@code alsoKnownAs} on its actor): the accounts it says it also is, so that they
 * may move here. Each alias is resolved first (WebFinger, then the actor document), and stored as the actor URI.
 * A change goes out as an {@code Update} of the actor, like any profile change.
 */
public final class AliasService {

    /** GoToSocial's limit; Mastodon has none, a short list is all a move needs. */
    public static final int MAX_ALIASES = 20;

    private final Database db;
    private final AccountStore accounts;
    private final ActorLookup lookup;
    private final JsonColumns json;
    private final Clock clock;
    private final EventBus events;

    public AliasService(Database db, AccountStore accounts, ActorLookup lookup, JsonColumns json, Clock clock, EventBus events) {
        this.db = db;
        this.accounts = accounts;
        this.lookup = lookup;
        this.json = json;
        this.clock = clock;
        this.events = events;
    }

    /** The actor URIs {@code accountId} lists in {@code alsoKnownAs}, in the order they were added. */
    public List<String> aliases(long accountId) {
        return uris(accounts.byId(accountId).orElseThrow(() -> new NotFoundException("account")));
    }

    /** The aliases of {@code a}, as stored. */
    public List<String> uris(Account a) {
        if (a.alsoKnownAs() == null || a.alsoKnownAs().isBlank()) return List.of();
        return json.readList(a.alsoKnownAs(), String.class);
    }

    /**
     * Sets the aliases to exactly {@code refs} (GoToSocial's {@code POST /api/v1/accounts/alias}; empty clears them).
     * Each is resolved; one that cannot be found refuses the whole change.
     *
     * @throws ValidationException when an alias cannot be resolved, names this account, or there are too many
     */
    public Account replace(long accountId, List<String> refs) {
        Account me = local(accountId);
        Set<String> resolved = new LinkedHashSet<>();
        for (String ref : refs) {
            if (ref == null || ref.isBlank()) continue;
            resolved.add(resolve(me, ref.strip()));
        }
        if (resolved.size() > MAX_ALIASES) throw ValidationException.bare("Too many aliases (maximum is " + MAX_ALIASES + ")");
        return store(accountId, new ArrayList<>(resolved));
    }

    /** Adds one alias ({@code ref}: a handle or an actor URI); adding one already there changes nothing. */
    public Account add(long accountId, String ref) {
        Account me = local(accountId);
        if (ref == null || ref.isBlank()) throw ValidationException.bare("Enter the address of your other account");
        String uri = resolve(me, ref.strip());
        List<String> current = new ArrayList<>(uris(me));
        if (current.contains(uri)) return me;
        if (current.size() >= MAX_ALIASES) throw ValidationException.bare("Too many aliases (maximum is " + MAX_ALIASES + ")");
        current.add(uri);
        return store(accountId, current);
    }

    /** Removes the alias {@code uri}; removing one that is not there changes nothing. */
    public Account remove(long accountId, String uri) {
        Account me = local(accountId);
        List<String> current = new ArrayList<>(uris(me));
        if (!current.remove(uri)) return me;
        return store(accountId, current);
    }

    private String resolve(Account me, String ref) {
        Account found = lookup.find(ref).orElseThrow(() -> ValidationException.bare("Could not find the account " + ref));
        if (found.id() == me.id()) throw ValidationException.bare("An account cannot be an alias of itself");
        return found.uri();
    }

    private Account store(long accountId, List<String> uris) {
        return db.write(h -> {
            accounts.updateAlsoKnownAs(h, accountId, json.write(uris), clock.instant());
            events.publish(new ProfileService.ProfileUpdated(accountId));
            return accounts.stored(h, accountId);
        });
    }

    private Account local(long accountId) {
        return accounts.byId(accountId).filter(Account::local).orElseThrow(() -> new NotFoundException("account"));
    }
}
