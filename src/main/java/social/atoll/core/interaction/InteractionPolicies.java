package social.atoll.core.interaction;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import social.atoll.config.Settings;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountStore;
import social.atoll.core.common.ForbiddenException;
import social.atoll.core.notification.NotificationStore;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusStore;
import social.atoll.core.status.Visibility;
import social.atoll.infra.db.Database;
import social.atoll.infra.events.EventBus;
import social.atoll.infra.ids.IdGenerator;

/**
 * The one place that decides who may favourite, reply to and boost a status (GoToSocial's interaction policies),
 * asked by every door — the API, the web app, and the inbox for other servers' Likes, Announces and replies — and
 * that holds an interaction needing approval. Seeing the status is the caller's check; this one comes after it.
 */
public final class InteractionPolicies {

    /** Notification types of held interactions, as GoToSocial names them. */
    public static final String PENDING_PREFIX = "pending.";

    private final Database db;
    private final InteractionStore store;
    private final StatusStore statuses;
    private final AccountStore accounts;
    private final NotificationStore notifications;
    private final IdGenerator ids;
    private final Clock clock;
    private final Settings settings;
    private final EventBus events;

    public InteractionPolicies(Database db, InteractionStore store, StatusStore statuses, AccountStore accounts,
                               NotificationStore notifications, IdGenerator ids, Clock clock, Settings settings, EventBus events) {
        this.db = db;
        this.store = store;
        this.statuses = statuses;
        this.accounts = accounts;
        this.notifications = notifications;
        this.ids = ids;
        this.clock = clock;
        this.settings = settings;
        this.events = events;
    }

    // ---- policies ----

    /** The policy in force on a status (a boost answers for the boosted status's id given). */
    public InteractionPolicy policyOf(Status s) { return policies(List.of(s)).get(s.id()); }

    /** Stored policies, else GoToSocial's default for a local post's visibility, else open (a remote post without one). */
    public Map<Long, InteractionPolicy> policies(Collection<Status> list) {
        Map<Long, InteractionPolicy> stored = store.policies(list.stream().map(Status::id).toList());
        Map<Long, InteractionPolicy> out = new HashMap<>();
        for (Status s : list) {
            InteractionPolicy p = stored.get(s.id());
            out.put(s.id(), p != null ? p : s.local() ? InteractionPolicy.defaultFor(s.visibilityEnum()) : InteractionPolicy.OPEN);
        }
        return out;
    }

    /** Did the status's server publish a policy (a local post always has one)? Servers without one are not asked. */
    public boolean hasPolicy(Status s) { return s.local() || !store.policies(List.of(s.id())).isEmpty(); }

    /** A remote status's policy as its server published it (every Create and Update that carries one). */
    public void rememberRemote(long statusId, InteractionPolicy p) { db.write(h -> { store.setPolicy(h, statusId, p); return null; }); }

    /** In the posting transaction: the new local status's policy (already checked with {@link #forNewPost}). */
    public void attach(Handle h, long statusId, InteractionPolicy p) { store.setPolicy(h, statusId, p); }

    /**
     * The policy of a new local post: the one asked for (checked against the visibility as GoToSocial does), else the
     * author's default for the visibility, else GoToSocial's.
     */
    public InteractionPolicy forNewPost(long authorId, Visibility v, InteractionPolicy requested) {
        if (requested != null) return InteractionPolicy.checked(requested, v);
        Visibility key = v == Visibility.LIMITED ? Visibility.PRIVATE : v;
        InteractionPolicy own = store.defaults(authorId).get(key.id());
        return own != null ? own : InteractionPolicy.defaultFor(v);
    }

    /**
     * The web composer's choices ({@link InteractionPolicy#preset}) over the author's default for the visibility; null
     * when nothing was chosen (the default applies as it is).
     */
    public InteractionPolicy fromPreset(long authorId, Visibility v, String reply, String boost, String like) {
        if (blank(reply) && blank(boost) && blank(like)) return null;
        return InteractionPolicy.preset(v, forNewPost(authorId, v, null), reply, boost, like);
    }

    private static boolean blank(String s) { return s == null || s.isBlank(); }

    /** {@code GET /api/v1/interaction_policies/defaults}: the account's default per visibility, in GoToSocial's order. */
    public Map<Visibility, InteractionPolicy> defaults(long accountId) {
        Map<String, InteractionPolicy> own = store.defaults(accountId);
        Map<Visibility, InteractionPolicy> out = new LinkedHashMap<>();
        for (Visibility v : List.of(Visibility.DIRECT, Visibility.PRIVATE, Visibility.UNLISTED, Visibility.PUBLIC))
            out.put(v, own.getOrDefault(v.id(), InteractionPolicy.defaultFor(v)));
        return out;
    }

    /**
     * {@code PATCH /api/v1/interaction_policies/defaults}: each visibility's default is replaced by the given policy
     * (checked), or reset to GoToSocial's when it is absent (null), as GoToSocial does; all or nothing.
     */
    public Map<Visibility, InteractionPolicy> setDefaults(long accountId, Map<Visibility, InteractionPolicy> given) {
        Map<Visibility, InteractionPolicy> checked = new HashMap<>();
        for (Visibility v : InteractionPolicy.DEFAULT_VISIBILITIES) {
            InteractionPolicy p = given.get(v);
            checked.put(v, p == null ? null : InteractionPolicy.checked(p, v));
        }
        db.write(h -> {
            for (Visibility v : InteractionPolicy.DEFAULT_VISIBILITIES) store.setDefault(h, accountId, v.id(), checked.get(v));
            return null;
        });
        return defaults(accountId);
    }

    /** The web's preset choices for one visibility ({@link InteractionPolicy#preset}'s names; blank keeps the rule). */
    public record Presets(String reply, String boost, String like) {}

    /**
     * The web settings page's choices: each visibility's default becomes its presets over the current default, saved
     * as {@link #setDefaults} saves {@code PATCH /api/v1/interaction_policies/defaults}.
     */
    public Map<Visibility, InteractionPolicy> setDefaultPresets(long accountId, Map<Visibility, Presets> chosen) {
        Map<Visibility, InteractionPolicy> current = defaults(accountId);
        Map<Visibility, InteractionPolicy> given = new EnumMap<>(Visibility.class);
        for (Visibility v : InteractionPolicy.DEFAULT_VISIBILITIES) {
            Presets p = chosen.get(v);
            given.put(v, p == null ? current.get(v) : InteractionPolicy.preset(v, current.get(v), p.reply(), p.boost(), p.like()));
        }
        return setDefaults(accountId, given);
    }

    // ---- deciding ----

    /** How {@code status}'s policy applies to {@code accountId} for one interaction. */
    public InteractionPolicy.Check check(long accountId, Status status, InteractionPolicy.Type t) {
        return checks(accountId, List.of(status)).get(status.id()).get(t);
    }

    /** {@link #check} that refuses a forbidden interaction with GoToSocial's words (403). */
    public InteractionPolicy.Check require(long accountId, Status status, InteractionPolicy.Type t) {
        InteractionPolicy.Check c = check(accountId, status, t);
        if (c.forbidden()) throw new ForbiddenException(switch (t) {
            case FAVOURITE -> "you do not have permission to fave this status";
            case REPLY -> "you do not have permission to reply to this status";
            case REBLOG -> "you do not have permission to boost this status";
        });
        return c;
    }

    /**
     * Every interaction's outcome for one viewer on a page of statuses, in a fixed number of queries: the policies,
     * the follows between viewer and authors when a policy names a collection, the mentions of the viewer. A held
     * status is itself only interactable with approval (GoToSocial's rule against self-approving a held reply).
     */
    public Map<Long, Map<InteractionPolicy.Type, InteractionPolicy.Check>> checks(long viewerId, Collection<Status> list) {
        return checks(viewerId, list, list.isEmpty() ? Map.of() : policies(list));
    }

    /** As above, with the statuses' {@link #policies} already read (a page renders both: one query, not two). */
    public Map<Long, Map<InteractionPolicy.Type, InteractionPolicy.Check>> checks(long viewerId, Collection<Status> list,
                                                                                 Map<Long, InteractionPolicy> policies) {
        Map<Long, Map<InteractionPolicy.Type, InteractionPolicy.Check>> out = new HashMap<>();
        if (list.isEmpty()) return out;
        // the facts are read only for the posts whose outcome depends on them: an open post (anyone, automatically)
        // answers the same for everyone, so a page of ordinary public posts costs no query more
        Set<Long> authors = new HashSet<>();
        List<Long> asked = new java.util.ArrayList<>();
        boolean namesPeople = false;
        for (Status s : list) {
            InteractionPolicy p = policies.get(s.id());
            if (s.accountId() == viewerId || (p.isOpen() && !s.pendingApproval())) continue;
            asked.add(s.id());
            if (p.needsTies()) authors.add(s.accountId());
            namesPeople |= p.namesActors();
        }
        InteractionStore.Ties ties = store.ties(viewerId, authors);
        Set<Long> mentioning = store.mentioning(viewerId, asked);
        String viewerUri = namesPeople ? accounts.byId(viewerId).map(this::uriOf).orElse(null) : null;
        for (Status s : list) {
            boolean mentioned = mentioning.contains(s.id()) || (s.inReplyToAccountId() != null && s.inReplyToAccountId() == viewerId);
            InteractionPolicy.Facts f = new InteractionPolicy.Facts(s.accountId() == viewerId, ties.followed().contains(s.accountId()),
                    ties.followers().contains(s.accountId()), mentioned, viewerUri);
            Map<InteractionPolicy.Type, InteractionPolicy.Check> m = new EnumMap<>(InteractionPolicy.Type.class);
            for (InteractionPolicy.Type t : InteractionPolicy.Type.values()) {
                InteractionPolicy.Check c = policies.get(s.id()).decide(t, f);
                if (s.pendingApproval() && !c.forbidden()) c = InteractionPolicy.Check.MANUAL;
                m.put(t, c);
            }
            out.put(s.id(), m);
        }
        return out;
    }

    /** The actor id of an account (a local one's as this server serves it). */
    public String actorUri(long accountId) { return accounts.byId(accountId).map(this::uriOf).orElseThrow(); }

    private String uriOf(Account a) { return a.uri() != null ? a.uri() : settings.url("/users/" + a.username()); }

    // ---- holding ----

    /**
     * In the caller's transaction: records an interaction held for approval. A local author is told
     * ({@code pending.favourite}, {@code pending.reply}, {@code pending.reblog}); a remote author's server is asked
     * (the interaction goes to it alone). Returns the request.
     *
     * @param interaction the held reply or boost, null for a favourite
     * @param uri         the interaction's id as other servers know it
     */
    public InteractionRequest hold(Handle h, InteractionPolicy.Type t, Status target, long accountId, Status interaction, String uri,
                                   Visibility reblogVisibility) {
        Instant now = clock.instant();
        InteractionRequest r = new InteractionRequest(ids.next(), t.api(), target.id(), target.accountId(), accountId,
                interaction == null ? null : interaction.id(), uri, reblogVisibility == null ? null : reblogVisibility.id(),
                InteractionRequest.PENDING, null, now, null, null);
        store.insert(h, r);
        if (target.local()) {
            notifications.add(h, target.accountId(), accountId, PENDING_PREFIX + t.api(),
                    t == InteractionPolicy.Type.REPLY && interaction != null ? interaction.id() : target.id(), now);
        } else {
            events.publish(new InteractionEvents.Requested(r, target, interaction));
        }
        return r;
    }

    /**
     * In the caller's transaction: a remote account's interaction with a local status that its policy allows only
     * through a collection its server cannot check (followers, following): approved at once, and the approval sent
     * (GoToSocial's "preapproval"), so the other server can show it.
     */
    public void preApprove(Handle h, InteractionPolicy.Type t, Status target, long accountId, Status interaction, String uri) {
        Instant now = clock.instant();
        InteractionRequest r = new InteractionRequest(ids.next(), t.api(), target.id(), target.accountId(), accountId,
                interaction == null ? null : interaction.id(), uri, null, InteractionRequest.ACCEPTED, null, now, now, null);
        store.insert(h, r);
        events.publish(new InteractionEvents.Answered(r, target, true));
    }

    /** A remote account's interaction the policy forbids: nothing is stored, a Reject goes back (GoToSocial's). */
    public void refuse(InteractionPolicy.Type t, Status target, long accountId, String uri) {
        Instant now = clock.instant();
        InteractionRequest r = new InteractionRequest(ids.next(), t.api(), target.id(), target.accountId(), accountId, null, uri, null,
                InteractionRequest.REJECTED, null, now, null, now);
        db.write(h -> {
            events.publish(new InteractionEvents.Answered(r, target, false));
            return null;
        });
    }

    /** The viewer's own held interactions on a page of statuses: status id → pending types (the "pending approval" mark). */
    public Map<Long, Set<String>> pendingMarks(Long viewerId, Collection<Long> statusIds) {
        Map<Long, Set<String>> out = new HashMap<>();
        if (viewerId == null) return out;
        for (InteractionRequest r : store.pendingOf(viewerId, statusIds)) out.computeIfAbsent(r.statusId(), k -> new HashSet<>()).add(r.type());
        return out;
    }

    /** Is there already a request of this account for this interaction (a repeated favourite or boost)? */
    public java.util.Optional<InteractionRequest> existing(long accountId, long statusId, InteractionPolicy.Type t) {
        return store.of(accountId, statusId, t.api()).filter(InteractionRequest::pending);
    }
}
