package social.atoll.core.quote;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import social.atoll.config.Settings;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountStore;
import social.atoll.core.common.ForbiddenException;
import social.atoll.core.common.IdRange;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.common.Paged;
import social.atoll.core.common.ValidationException;
import social.atoll.core.notification.Notification;
import social.atoll.core.notification.NotificationStore;
import social.atoll.core.privacy.VisibilityPolicy;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusEvents;
import social.atoll.core.status.StatusStore;
import social.atoll.core.status.Visibility;
import social.atoll.infra.db.Database;
import social.atoll.infra.events.EventBus;
import social.atoll.infra.ids.IdGenerator;

/**
 * Quote posts with consent (Mastodon 4.5, FEP-044f): the one place that decides who may quote a status, records a
 * quote with its state, answers requests from other servers, takes their answers, and revokes. A quote is shown only
 * once it is accepted; the quoted author's server is the one that accepts (its {@code QuoteAuthorization}).
 */
public final class QuoteService {

    /** The notification a quoted author gets, and the one a quoter gets when the quoted post is edited. */
    public static final String QUOTE = "quote";
    public static final String QUOTED_UPDATE = "quoted_update";

    private final Database db;
    private final QuoteStore store;
    private final StatusStore statuses;
    private final AccountStore accounts;
    private final VisibilityPolicy visibility;
    private final NotificationStore notifications;
    private final IdGenerator ids;
    private final Clock clock;
    private final Settings settings;
    private final EventBus events;
    private final social.atoll.core.preferences.PreferencesService preferences;
    /** The viewer's blocks, mutes and domain blocks, which hide an accepted quote's post (null: none considered). */
    private final social.atoll.core.relationship.RelationshipLookup relationships;

    public QuoteService(Database db, QuoteStore store, StatusStore statuses, AccountStore accounts, VisibilityPolicy visibility,
                        NotificationStore notifications, IdGenerator ids, Clock clock, Settings settings, EventBus events,
                        social.atoll.core.preferences.PreferencesService preferences) {
        this(db, store, statuses, accounts, visibility, notifications, ids, clock, settings, events, preferences, null);
    }

    public QuoteService(Database db, QuoteStore store, StatusStore statuses, AccountStore accounts, VisibilityPolicy visibility,
                        NotificationStore notifications, IdGenerator ids, Clock clock, Settings settings, EventBus events,
                        social.atoll.core.preferences.PreferencesService preferences,
                        social.atoll.core.relationship.RelationshipLookup relationships) {
        this.relationships = relationships;
        this.preferences = preferences;
        this.db = db;
        this.store = store;
        this.statuses = statuses;
        this.accounts = accounts;
        this.visibility = visibility;
        this.notifications = notifications;
        this.ids = ids;
        this.clock = clock;
        this.settings = settings;
        this.events = events;
    }

    /** Edits of a quoted status tell the local accounts whose quotes of it were accepted ({@code quoted_update}). */
    public void register(EventBus bus) {
        bus.inTransaction(StatusEvents.StatusUpdated.class, (h, e) -> {
            Instant now = clock.instant();
            for (Quote q : store.acceptedLocal(h, e.status().id()))
                notifications.add(h, q.accountId(), e.status().accountId(), QUOTED_UPDATE, q.statusId(), now);
        });
    }

    // ---- policies ----

    public Map<Long, QuotePolicy> policiesOf(Collection<Long> statusIds) { return store.policies(statusIds); }

    /** How {@code status}'s policy applies to {@code viewerId} (null: nobody signed in, denied). */
    public QuotePolicy.Decision decision(Long viewerId, Status status) {
        return decisions(viewerId, List.of(status)).get(status.id());
    }

    /** A status's quote policy and how it applies to one viewer (Mastodon's {@code quote_approval}). */
    public record Approval(QuotePolicy policy, QuotePolicy.Decision decision) {}

    /** {@link Approval}s for a page of statuses (a boost answers for the boosted status), in a fixed number of queries. */
    public Map<Long, Approval> approvals(Long viewerId, Collection<Status> list) {
        Map<Long, QuotePolicy> policies = store.policies(list.stream().map(Status::id).toList());
        Map<Long, QuotePolicy.Decision> decisions = decisions(viewerId, list, policies);
        Map<Long, Approval> out = new HashMap<>();
        for (Status s : list) out.put(s.id(), new Approval(policies.getOrDefault(s.id(), QuotePolicy.AUTHOR_ONLY), decisions.get(s.id())));
        return out;
    }

    /**
     * How each quote looks to {@code viewerId} (Mastodon 4.5's Quote entity), by quoting status id: its {@code state} and,
     * only when the quote stands and the viewer may see the quoted post, that post. An accepted quote shows as
     * {@code deleted} when the quoted post is gone, {@code blocked_account} when the viewer and its author block one
     * another, {@code blocked_domain} when the viewer blocks its author's server, {@code muted_account} when the viewer
     * mutes its author, and {@code unauthorized} when the viewer may not see it; other states are shown as stored.
     * A page costs one query for the quoted posts and, for a signed-in viewer, one for the relationships.
     */
    public Map<Long, Viewed> viewed(Long viewerId, Collection<Quote> list) {
        Map<Long, Viewed> out = new HashMap<>();
        List<Long> ids = list.stream().filter(Quote::accepted).map(Quote::quotedStatusId).filter(java.util.Objects::nonNull).distinct().toList();
        Map<Long, Status> found = ids.isEmpty() ? Map.of() : statuses.byIds(ids);
        Set<Long> visible = new HashSet<>();
        for (Status s : visibility.filter(viewerId, new ArrayList<>(found.values()))) visible.add(s.id());
        Map<Long, social.atoll.core.relationship.Relationship> ties = Map.of();
        if (viewerId != null && relationships != null && !found.isEmpty()) {
            Set<Long> authors = new HashSet<>();
            for (Status s : found.values()) if (s.accountId() != viewerId) authors.add(s.accountId());
            if (!authors.isEmpty()) ties = relationships.of(viewerId, authors);
        }
        for (Quote q : list) {
            if (!q.accepted()) {
                out.put(q.statusId(), new Viewed(q.state(), null));
                continue;
            }
            Status quoted = q.quotedStatusId() == null ? null : found.get(q.quotedStatusId());
            if (quoted == null) {
                out.put(q.statusId(), new Viewed(DELETED, null));
                continue;
            }
            var r = ties.get(quoted.accountId());
            String state;
            if (r != null && (r.blocking() || r.blockedBy())) state = BLOCKED_ACCOUNT;
            else if (r != null && r.domainBlocking()) state = BLOCKED_DOMAIN;
            else if (r != null && r.muting()) state = MUTED_ACCOUNT;
            else if (!visible.contains(quoted.id())) state = UNAUTHORIZED;
            else state = Quote.ACCEPTED;
            out.put(q.statusId(), new Viewed(state, Quote.ACCEPTED.equals(state) ? quoted : null));
        }
        return out;
    }

    /** A quote as one viewer sees it: its state, and the quoted status when it is shown (else null). */
    public record Viewed(String state, Status quoted) {}

    /** The states a viewer may see beyond the stored ones (Mastodon 4.5). */
    public static final String DELETED = "deleted";
    public static final String UNAUTHORIZED = "unauthorized";
    public static final String BLOCKED_ACCOUNT = "blocked_account";
    public static final String BLOCKED_DOMAIN = "blocked_domain";
    public static final String MUTED_ACCOUNT = "muted_account";

    /** {@link #decision} for a page of statuses, with one query for policies and, when a policy asks, the viewer's follows. */
    public Map<Long, QuotePolicy.Decision> decisions(Long viewerId, Collection<Status> list) {
        if (list.isEmpty()) return new HashMap<>();
        return decisions(viewerId, list, store.policies(list.stream().map(Status::id).toList()));
    }

    private Map<Long, QuotePolicy.Decision> decisions(Long viewerId, Collection<Status> list, Map<Long, QuotePolicy> policies) {
        Map<Long, QuotePolicy.Decision> out = new HashMap<>();
        if (list.isEmpty()) return out;
        // the follows between viewer and authors matter only for followers/following policies of others' posts
        Set<Long> authors = new HashSet<>();
        for (Status s : list) {
            QuotePolicy p = policies.get(s.id());
            if (viewerId != null && p != null && s.accountId() != viewerId && p.needsTies()) authors.add(s.accountId());
        }
        QuoteStore.Ties ties = viewerId == null || authors.isEmpty() ? new QuoteStore.Ties(Set.of(), Set.of()) : store.ties(viewerId, authors);
        for (Status s : list) {
            QuotePolicy.Decision d;
            if (viewerId == null || s.isReblog() || s.visibilityEnum() == Visibility.DIRECT) d = QuotePolicy.Decision.DENIED;
            else d = policies.getOrDefault(s.id(), QuotePolicy.AUTHOR_ONLY).decide(viewerId == s.accountId(),
                    ties.followed().contains(s.accountId()), ties.followers().contains(s.accountId()));
            out.put(s.id(), d);
        }
        return out;
    }

    /** The default policy of a user's new posts, read from the user row already loaded (no query). */
    public String defaultFor(social.atoll.core.account.User user) { return preferences.of(user).defaultQuotePolicy(); }

    /** The default policy of a local account's new posts (Mastodon's {@code source.quote_policy}; public unless set). */
    public String accountDefault(long accountId) {
        return preferences.of(accountId).map(social.atoll.core.preferences.Preferences::defaultQuotePolicy).orElse(QuotePolicy.PUBLIC);
    }

    /** A remote status's {@code canQuote}, as its server published it (every Create and Update). */
    public void rememberPolicy(long statusId, QuotePolicy policy) { db.write(h -> { store.setPolicy(h, statusId, policy); return null; }); }

    /**
     * {@code PUT /api/v1/statuses/:id/interaction_policy}: the author changes who may quote a post. A post that is not
     * public or unlisted stays quotable by its author only, as Mastodon downgrades it.
     */
    public Status changePolicy(long viewerId, long statusId, String policyName) {
        Status s = statuses.byId(statusId).filter(st -> visibility.canSee(viewerId, st)).orElseThrow(() -> new NotFoundException("status"));
        if (s.accountId() != viewerId || s.isReblog()) throw new ForbiddenException("This action is not allowed");
        QuotePolicy p = QuotePolicy.ofApi(policyName).orElseThrow(() -> new ValidationException("Quote approval policy is not included in the list"));
        QuotePolicy effective = downgraded(p, s.visibilityEnum());
        db.write(h -> {
            QuotePolicy before = store.policies(List.of(s.id())).getOrDefault(s.id(), QuotePolicy.AUTHOR_ONLY);
            store.setPolicy(h, s.id(), effective);
            if (!before.equals(effective)) events.publish(new QuoteEvents.QuotingStatusChanged(s));
            return null;
        });
        return s;
    }

    private static QuotePolicy downgraded(QuotePolicy p, Visibility v) {
        return v == Visibility.PUBLIC || v == Visibility.UNLISTED ? p : QuotePolicy.AUTHOR_ONLY;
    }

    // ---- posting ----

    /**
     * The status a new post may quote: visible to the poster, not a boost (its original is quoted), and open to the
     * poster by its policy (Mastodon's {@code StatusPolicy#quote?}); else "not found", as Mastodon answers.
     */
    public Status quotable(long authorId, long quotedStatusId, Visibility newVisibility) {
        Status q = statuses.byId(quotedStatusId).orElseThrow(() -> new NotFoundException("quoted status"));
        if (q.isReblog()) q = statuses.byId(q.reblogOfId()).orElseThrow(() -> new NotFoundException("quoted status"));
        if (!visibility.canSee(authorId, q)) throw new NotFoundException("quoted status");
        if (decision(authorId, q) == QuotePolicy.Decision.DENIED) throw new NotFoundException("quoted status");
        // a private post is never shown beyond its audience, so others may only quote it within a private post of theirs
        boolean distributable = q.visibilityEnum() == Visibility.PUBLIC || q.visibilityEnum() == Visibility.UNLISTED;
        if (!distributable && q.accountId() != authorId) throw new NotFoundException("quoted status");
        return q;
    }

    /**
     * In the posting transaction: stores the new status's quote policy ({@code policyName}, else the author's default)
     * and its quote of {@code quoted} (may be null). A quote of a local post the poster may quote automatically is
     * accepted at once and its author told; a quote of a remote post waits for its server's answer.
     */
    public void attach(Handle h, Status status, Status quoted, String policyName) {
        String name = policyName != null ? policyName : accountDefault(status.accountId());
        QuotePolicy policy = downgraded(QuotePolicy.ofApi(name).orElse(QuotePolicy.AUTHOR_ONLY), status.visibilityEnum());
        store.setPolicy(h, status.id(), policy);
        if (quoted == null) return;
        Instant now = clock.instant();
        boolean local = quoted.local();
        boolean automatic = decision(status.accountId(), quoted) == QuotePolicy.Decision.AUTOMATIC;
        String state = local && automatic ? Quote.ACCEPTED : Quote.PENDING;
        String activity = local ? null : authorUri(status.accountId()) + "/quote_requests/" + UUID.randomUUID();
        Quote q = new Quote(ids.next(), status.id(), status.accountId(), quoted.id(), quoted.accountId(), quoted.uri(), state,
                activity, null, now, now);
        store.insert(h, q);
        if (Quote.ACCEPTED.equals(state)) notifications.add(h, quoted.accountId(), status.accountId(), QUOTE, status.id(), now);
        else if (!local) events.publish(new QuoteEvents.QuoteRequested(q, status, quoted));
    }

    private String authorUri(long accountId) {
        Account a = accounts.byId(accountId).orElseThrow(() -> new NotFoundException("account"));
        return a.uri() != null ? a.uri() : settings.url("/users/" + a.username());
    }

    // ---- reading ----

    public Optional<Quote> ofStatus(long statusId) { return store.byStatus(statusId); }

    public Map<Long, Quote> ofStatuses(Collection<Long> statusIds) { return store.byStatuses(statusIds); }

    public Map<Long, Integer> acceptedCounts(Collection<Long> statusIds) { return store.acceptedCounts(statusIds); }

    /**
     * {@code GET /api/v1/statuses/:id/quotes}: the accepted quotes of a status the viewer may see, newest quote first;
     * the cursor moves on quote ids, over quotes the viewer may not see as well.
     */
    public Paged<Status> quotesOf(Long viewerId, long statusId, IdRange range) {
        Status s = statuses.byId(statusId).filter(st -> visibility.canSee(viewerId, st)).orElseThrow(() -> new NotFoundException("status"));
        List<Quote> page = store.accepted(s.id(), range);
        Map<Long, Status> quoting = statuses.byIds(page.stream().map(Quote::statusId).toList());
        List<Status> ordered = new ArrayList<>();
        for (Quote q : page) {
            Status st = quoting.get(q.statusId());
            if (st != null) ordered.add(st);
        }
        return new Paged<>(visibility.filter(viewerId, ordered), page.stream().map(Quote::id).toList());
    }

    /**
     * {@code POST /api/v1/statuses/:id/quotes/:quoting_status_id/revoke}: the quoted author takes back consent. The
     * quote becomes {@code revoked}; other servers get a {@code Delete} of the authorization. Returns the quoting status.
     */
    public Status revoke(long viewerId, long statusId, long quotingStatusId) {
        Status quoted = statuses.byId(statusId).filter(st -> visibility.canSee(viewerId, st)).orElseThrow(() -> new NotFoundException("status"));
        Quote q = store.byStatus(quotingStatusId).filter(x -> x.quotedStatusId() != null && x.quotedStatusId() == quoted.id())
                .orElseThrow(() -> new NotFoundException("quote"));
        if (quoted.accountId() != viewerId) throw new ForbiddenException("This action is not allowed");
        Status quoting = statuses.byId(q.statusId()).orElseThrow(() -> new NotFoundException("status"));
        db.write(h -> {
            String state = q.accepted() ? Quote.REVOKED : Quote.REJECTED;
            store.update(h, q.id(), state, null, q.approvalUri(), clock.instant());
            events.publish(new QuoteEvents.QuoteRevoked(q, quoting, quoted));
            events.publish(new QuoteEvents.QuoteStateChanged(q.statusId()));
            if (quoting.local()) events.publish(new QuoteEvents.QuotingStatusChanged(quoting));
            return null;
        });
        return quoting;
    }

    // ---- from other servers ----

    /**
     * A remote status quotes {@code quotedUri}: records the quote (once; a later copy of the same status only links the
     * quoted post or adds the consent). {@code authorized}: the federation layer verified a QuoteAuthorization from the
     * quoted author's server ({@code approvalUri}), or the quote is the author quoting themself.
     */
    public Quote recordRemote(Status quoting, String quotedUri, Status quoted, String approvalUri, boolean authorized) {
        Instant now = clock.instant();
        return db.write(h -> {
            Optional<Quote> existing = store.byStatus(quoting.id());
            if (existing.isPresent()) {
                Quote q = existing.get();
                if (q.quotedStatusId() == null && quoted != null && q.quotedUri().equals(quoted.uri()))
                    store.linkQuoted(h, q.id(), quoted.id(), quoted.accountId());
                // consent given by a server of the quoted author, seen on a later copy (an Update after the Accept)
                if (authorized && !q.accepted() && !Quote.REVOKED.equals(q.state()) && approvalUri != null && !approvalUri.equals(q.approvalUri())) {
                    store.update(h, q.id(), Quote.ACCEPTED, null, approvalUri, now);
                    events.publish(new QuoteEvents.QuoteStateChanged(q.statusId()));
                }
                return store.byId(q.id()).orElseThrow();
            }
            Quote q = new Quote(ids.next(), quoting.id(), quoting.accountId(), quoted == null ? null : quoted.id(),
                    quoted == null ? null : quoted.accountId(), quotedUri, authorized ? Quote.ACCEPTED : Quote.PENDING, null,
                    quoted != null && quoted.local() ? null : approvalUri, now, now);
            store.insert(h, q);
            return q;
        });
    }

    /**
     * A {@code QuoteRequest} from {@code requester} to quote local {@code quoted} with their {@code quoting} status:
     * accepted when the policy lets the requester quote automatically (the quoted author is told), else rejected, as
     * Mastodon answers (local authors choose among automatic policies only). The answer goes back to the requester.
     */
    public boolean answerRequest(Account requester, Status quoted, Status quoting, String quotedUri, String requestId) {
        if (!quoted.local() || quoting.accountId() != requester.id()) return false;
        boolean distributable = quoted.visibilityEnum() == Visibility.PUBLIC || quoted.visibilityEnum() == Visibility.UNLISTED;
        boolean accept = distributable && decision(requester.id(), quoted) == QuotePolicy.Decision.AUTOMATIC
                && visibility.canSee(requester.id(), quoted);
        Instant now = clock.instant();
        return db.write(h -> {
            Quote q = store.byStatus(quoting.id()).orElse(null);
            if (q == null) {
                q = new Quote(ids.next(), quoting.id(), quoting.accountId(), quoted.id(), quoted.accountId(), quotedUri,
                        Quote.PENDING, requestId, null, now, now);
                store.insert(h, q);
            } else if (q.quotedStatusId() == null || q.quotedStatusId() != quoted.id()) {
                return false; // the status quotes something else: nothing to consent to
            }
            boolean wasAccepted = q.accepted();
            String state = accept ? Quote.ACCEPTED : (wasAccepted ? Quote.REVOKED : Quote.REJECTED);
            store.update(h, q.id(), state, requestId, null, now);
            Quote updated = store.byId(q.id()).orElseThrow();
            if (accept && !wasAccepted) notifications.add(h, quoted.accountId(), requester.id(), QUOTE, quoting.id(), now);
            if (!state.equals(q.state())) events.publish(new QuoteEvents.QuoteStateChanged(quoting.id()));
            events.publish(new QuoteEvents.QuoteAnswered(updated, quoting, quoted, accept, requestId));
            return accept;
        });
    }

    /** {@code Accept} of a QuoteRequest this server sent: the quote is authorized by {@code approvalUri}. */
    public void remoteAccepted(Account actor, String requestId, String approvalUri) {
        Quote q = store.byActivityUri(requestId).orElse(null);
        if (q == null || q.quotedAccountId() == null || q.quotedAccountId() != actor.id() || approvalUri == null) return;
        if (Quote.REVOKED.equals(q.state())) return;
        Status quoting = statuses.byId(q.statusId()).filter(Status::local).orElse(null);
        if (quoting == null) return;
        db.write(h -> {
            store.update(h, q.id(), Quote.ACCEPTED, null, approvalUri, clock.instant());
            if (!q.accepted()) {
                events.publish(new QuoteEvents.QuotingStatusChanged(quoting));
                events.publish(new QuoteEvents.QuoteStateChanged(quoting.id()));
            }
            return null;
        });
    }

    /** {@code Reject} of a QuoteRequest this server sent (or of one accepted before: then it is revoked). */
    public void remoteRejected(Account actor, String requestId) {
        Quote q = store.byActivityUri(requestId).orElse(null);
        if (q == null || q.quotedAccountId() == null || q.quotedAccountId() != actor.id()) return;
        Status quoting = statuses.byId(q.statusId()).orElse(null);
        db.write(h -> {
            store.update(h, q.id(), q.accepted() ? Quote.REVOKED : Quote.REJECTED, null, q.approvalUri(), clock.instant());
            if (quoting != null && quoting.local()) events.publish(new QuoteEvents.QuotingStatusChanged(quoting));
            events.publish(new QuoteEvents.QuoteStateChanged(q.statusId()));
            return null;
        });
    }

    /** {@code Delete} of a QuoteAuthorization by the quoted author: every quote it authorized is revoked. */
    public boolean remoteRevoked(Account actor, String approvalUri) {
        Quote q = store.byApprovalUri(approvalUri).orElse(null);
        if (q == null || q.quotedAccountId() == null || q.quotedAccountId() != actor.id()) return false;
        Status quoting = statuses.byId(q.statusId()).orElse(null);
        db.write(h -> {
            store.update(h, q.id(), Quote.REVOKED, null, q.approvalUri(), clock.instant());
            if (quoting != null && quoting.local()) events.publish(new QuoteEvents.QuotingStatusChanged(quoting));
            events.publish(new QuoteEvents.QuoteStateChanged(q.statusId()));
            return null;
        });
        return true;
    }

    /** The local authorization URL of a quote of a local status (served while the quote is accepted). */
    public String approvalUriOf(Quote q) {
        if (q.approvalUri() != null) return q.approvalUri();
        if (q.quotedAccountId() == null || !q.accepted()) return null;
        Account quotedAuthor = accounts.byId(q.quotedAccountId()).filter(Account::local).orElse(null);
        if (quotedAuthor == null) return null;
        return settings.url("/users/" + quotedAuthor.username() + "/quote_authorizations/" + q.id());
    }

    /** The local approval URL whatever the state (a revocation names the authorization that was). */
    public String localApprovalUri(Quote q) {
        Account quotedAuthor = q.quotedAccountId() == null ? null : accounts.byId(q.quotedAccountId()).orElse(null);
        return quotedAuthor == null ? null : settings.url("/users/" + quotedAuthor.username() + "/quote_authorizations/" + q.id());
    }

    /** What a QuoteAuthorization this server issued names: its URL, the quoted author, the quoting and quoted posts. */
    public record Authorization(String approvalUri, Account quotedAuthor, String quotingUri, String quotedUri) {}

    /** An authorization this server issued, as served at its URL: only while the quote stands. */
    public Optional<Authorization> authorization(String username, long quoteId) {
        Quote q = store.byId(quoteId).filter(Quote::accepted).filter(x -> x.approvalUri() == null && x.quotedAccountId() != null).orElse(null);
        if (q == null) return Optional.empty();
        Account author = accounts.byId(q.quotedAccountId()).filter(Account::local).filter(a -> a.username().equals(username)).orElse(null);
        Status quoting = statuses.byId(q.statusId()).orElse(null);
        if (author == null || quoting == null) return Optional.empty();
        return Optional.of(new Authorization(approvalUriOf(q), author, quoting.uri(), q.quotedUri()));
    }
}
