package social.atoll.core.interaction;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import social.atoll.config.Settings;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountStore;
import social.atoll.core.common.IdRange;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.common.Paged;
import social.atoll.core.status.FavouriteService;
import social.atoll.core.status.PendingStatuses;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusService;
import social.atoll.core.status.StatusStore;
import social.atoll.infra.db.Database;
import social.atoll.infra.events.EventBus;

/**
 * Answering held interactions (GoToSocial's {@code /api/v1/interaction_requests}): a local author approves or rejects
 * what others asked, and the answers of remote authors to what local accounts asked arrive here. An approved
 * favourite is recorded then; an approved reply or boost is let out (counted, in feeds, delivered); a rejected reply or
 * boost is deleted, as GoToSocial drops it.
 */
public final class InteractionRequestService {

    private final Database db;
    private final InteractionStore store;
    private final StatusStore statuses;
    private final AccountStore accounts;
    private final FavouriteService favourites;
    private final PendingStatuses pending;
    private final StatusService statusService;
    private final Clock clock;
    private final Settings settings;
    private final EventBus events;

    public InteractionRequestService(Database db, InteractionStore store, StatusStore statuses, AccountStore accounts,
                                     FavouriteService favourites, PendingStatuses pending, StatusService statusService, Clock clock,
                                     Settings settings, EventBus events) {
        this.db = db;
        this.store = store;
        this.statuses = statuses;
        this.accounts = accounts;
        this.favourites = favourites;
        this.pending = pending;
        this.statusService = statusService;
        this.clock = clock;
        this.settings = settings;
        this.events = events;
    }

    /** The pending requests a local author has to answer, newest first (of one status, of some types). */
    public Paged<InteractionRequest> pending(long authorId, Long statusId, Collection<String> types, IdRange range) {
        List<InteractionRequest> page = store.pendingFor(authorId, statusId, types, range);
        return new Paged<>(page, page.stream().map(InteractionRequest::id).toList());
    }

    /** One request addressed to {@code viewerId}; else not found, as GoToSocial answers. */
    public InteractionRequest get(long viewerId, long id) {
        return store.byId(id).filter(r -> r.targetAccountId() == viewerId).orElseThrow(() -> new NotFoundException("interaction request"));
    }

    /** Approves a pending request addressed to {@code viewerId}: the interaction takes effect, the other server is told. */
    public InteractionRequest authorize(long viewerId, long id) { return answer(viewerId, id, true); }

    /** Rejects a pending request addressed to {@code viewerId}: a held reply or boost is deleted, the other server told. */
    public InteractionRequest reject(long viewerId, long id) { return answer(viewerId, id, false); }

    private InteractionRequest answer(long viewerId, long id, boolean accept) {
        InteractionRequest r = get(viewerId, id);
        if (!r.pending()) {
            // answered before: the same answer again changes nothing; the other answer is not possible any more
            if (r.accepted() == accept) return r;
            throw new social.atoll.core.common.ValidationException("interaction request has already been " + r.state());
        }
        Status target = statuses.byId(r.statusId()).orElseThrow(() -> new NotFoundException("status"));
        Status interaction = r.interactionStatusId() == null ? null : statuses.byId(r.interactionStatusId()).orElse(null);
        boolean remote = accounts.byId(r.accountId()).map(a -> !a.local()).orElse(false);
        db.write(h -> {
            store.answer(h, r.id(), accept, null, clock.instant());
            InteractionRequest answered = store.byId(r.id()).orElseThrow();
            if (accept) apply(h, r, target, interaction, true);
            if (remote) events.publish(new InteractionEvents.Answered(answered, target, accept));
            return null;
        });
        if (!accept && interaction != null) statusService.delete(interaction);
        return store.byId(r.id()).orElseThrow();
    }

    private void apply(org.jdbi.v3.core.Handle h, InteractionRequest r, Status target, Status interaction, boolean announceFavourite) {
        switch (r.typeEnum()) {
            case FAVOURITE -> favourites.applyApproved(h, r.accountId(), target, announceFavourite);
            case REPLY, REBLOG -> {
                if (interaction != null) pending.release(h, interaction);
            }
        }
    }

    // ---- answers from other servers ----

    /**
     * An {@code Accept} from {@code actor} of a local account's held interaction {@code interactionUri}, with the
     * approval object's id: the interaction takes effect and (for a reply or boost) goes out to everyone, citing it.
     */
    public boolean remoteAccepted(Account actor, String interactionUri, String approvalUri) {
        InteractionRequest r = store.byUri(interactionUri).filter(x -> x.targetAccountId() == actor.id()).orElse(null);
        if (r == null || !r.pending()) return r != null;
        Status target = statuses.byId(r.statusId()).orElse(null);
        if (target == null) return false;
        Status interaction = r.interactionStatusId() == null ? null : statuses.byId(r.interactionStatusId()).orElse(null);
        db.write(h -> {
            store.answer(h, r.id(), true, approvalUri, clock.instant());
            // the Like went out already, to the one server that needed it
            apply(h, r, target, interaction, false);
            return null;
        });
        return true;
    }

    /** A {@code Reject} from {@code actor} of a local account's held interaction: it is dropped. */
    public boolean remoteRejected(Account actor, String interactionUri) {
        InteractionRequest r = store.byUri(interactionUri).filter(x -> x.targetAccountId() == actor.id()).orElse(null);
        if (r == null || !r.pending()) return r != null;
        Status interaction = r.interactionStatusId() == null ? null : statuses.byId(r.interactionStatusId()).orElse(null);
        db.write(h -> {
            store.answer(h, r.id(), false, null, clock.instant());
            return null;
        });
        if (interaction != null) statusService.delete(interaction);
        return true;
    }

    // ---- approvals ----

    /** What an approval this server issued says: its id, its type, who approved, what and what of theirs. */
    public record Approval(String id, String type, Account author, String interactionUri, String targetUri) {}

    /** An approval served at {@code /users/{username}/approvals/{id}}: only of an accepted request of that author's. */
    public Optional<Approval> approval(String username, long id) {
        InteractionRequest r = store.byId(id).filter(InteractionRequest::accepted).orElse(null);
        if (r == null) return Optional.empty();
        Account author = accounts.byId(r.targetAccountId()).filter(Account::local).filter(a -> a.username().equals(username)).orElse(null);
        Status target = statuses.byId(r.statusId()).orElse(null);
        if (author == null || target == null) return Optional.empty();
        return Optional.of(new Approval(approvalUri(r, author), approvalType(r), author, r.interactionUri(), target.uri()));
    }

    /** The approval object's id of an accepted request whose target author is local. */
    public String approvalUri(InteractionRequest r) {
        if (r.approvalUri() != null) return r.approvalUri();
        Account author = accounts.byId(r.targetAccountId()).orElseThrow();
        return approvalUri(r, author);
    }

    private String approvalUri(InteractionRequest r, Account author) {
        return settings.url("/users/" + author.username() + "/approvals/" + r.id());
    }

    /** GoToSocial's approval types. */
    public static String approvalType(InteractionRequest r) {
        return switch (r.typeEnum()) {
            case FAVOURITE -> "LikeApproval";
            case REPLY -> "ReplyApproval";
            case REBLOG -> "AnnounceApproval";
        };
    }

    /**
     * The {@code approvedBy} of local replies and boosts on a page: the approval each carries (issued elsewhere or
     * here), by status id. One query.
     */
    public java.util.Map<Long, String> approvedBy(Collection<Long> statusIds) {
        java.util.Map<Long, String> out = new java.util.HashMap<>();
        for (InteractionRequest r : store.byInteractionStatuses(statusIds).values()) {
            if (!r.accepted()) continue;
            if (r.approvalUri() != null) out.put(r.interactionStatusId(), r.approvalUri());
            else accounts.byId(r.targetAccountId()).filter(Account::local).ifPresent(a -> out.put(r.interactionStatusId(), approvalUri(r, a)));
        }
        return out;
    }

    /**
     * Does {@code approvalUri} name an approval this server issued for {@code interactionUri} (a remote object citing
     * one of ours)?
     */
    public boolean issuedHere(String approvalUri, String interactionUri) {
        String prefix = settings.url("/users/");
        if (approvalUri == null || !approvalUri.startsWith(prefix)) return false;
        int slash = approvalUri.lastIndexOf('/');
        try {
            long id = Long.parseLong(approvalUri.substring(slash + 1));
            return store.byId(id).filter(InteractionRequest::accepted).map(r -> r.interactionUri().equals(interactionUri)
                    && approvalUri.equals(approvalUri(r))).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Requests by id, for rendering notifications or pages. */
    public List<InteractionRequest> byIds(Collection<Long> ids) {
        List<InteractionRequest> out = new ArrayList<>();
        for (long id : ids) store.byId(id).ifPresent(out::add);
        return out;
    }
}
