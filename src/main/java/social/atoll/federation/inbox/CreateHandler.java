package social.atoll.federation.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.atoll.core.account.Account;
import social.atoll.core.status.RemoteNote;
import social.atoll.core.status.Status;
import social.atoll.federation.vocab.AsValues;
import social.atoll.federation.vocab.NoteReader;
import social.atoll.infra.http.FetchFailedException;

/**
 * {@code Create} of a Note, Question, or of the types Mastodon converts (Article, Page, Video, Event, Image, Audio).
 * The object must come from the actor's server and be attributed to the actor. As Mastodon, only posts related to
 * this server are stored (the author has local followers, or it mentions, addresses or answers a local account);
 * the missing ancestors of a reply are fetched, up to {@link #MAX_ANCESTORS}.
 */
final class CreateHandler implements ActivityHandler {

    private static final Logger log = LoggerFactory.getLogger(CreateHandler.class);
    static final int MAX_ANCESTORS = 8;

    private final InboxServices s;
    private final QuoteIntake quotes;

    CreateHandler(InboxServices s, QuoteIntake quotes) {
        this.s = s;
        this.quotes = quotes;
    }

    @Override
    public void handle(InboundActivity a) throws FetchFailedException {
        String id = a.objectId();
        if (id == null || !AsValues.sameOrigin(id, a.actor().uri())) {
            // Mastodon's non_matching_uri_hosts: nobody creates objects on another server
            log.info("ignoring Create from {}: object {} is not on the actor's server", a.actor().uri(), id);
            return;
        }
        JsonNode obj = s.trustedObject(a).orElse(null);
        if (obj == null || !NoteReader.isNote(obj) || !id.equals(AsValues.text(obj, "id"))) return;
        if (!a.actor().uri().equals(AsValues.id(obj, "attributedTo"))) {
            log.info("ignoring Create from {}: object {} is attributed to someone else", a.actor().uri(), id);
            return;
        }
        if (vote(obj, a)) return;
        if (s.remoteStatuses().tombstoned(id)) {
            log.info("ignoring Create of {}: it was deleted before", id);
            return;
        }
        RemoteNote note = s.notes().parse(obj, a.actor(), a.inboxOwner());
        if (!relevant(note, a.actor()) && !quotesLocal(obj)) {
            log.debug("ignoring {}: nobody here follows, or is addressed by, {}", id, a.actor().uri());
            return;
        }
        // interaction policies: a reply to a local post goes by its policy (forbidden: refused with a Reject; with
        // approval: held), unless it cites an approval this server issued for it
        Status parent = note.inReplyToUri() == null ? null : s.remoteStatuses().byUri(note.inReplyToUri()).orElse(null);
        Status localParent = parent != null && parent.local() ? parent : null;
        boolean approved = false;
        if (localParent != null) {
            approved = s.interactionRequests().issuedHere(AsValues.id(obj, "approvedBy"), id);
            if (!approved && s.interactionPolicies().check(a.actor().id(), localParent,
                    social.atoll.core.interaction.InteractionPolicy.Type.REPLY).forbidden()) {
                log.info("refusing reply {} of {}: the interaction policy of {} does not allow it", id, a.actor().uri(), localParent.uri());
                if (s.remoteStatuses().byUri(id).isEmpty())
                    s.interactionPolicies().refuse(social.atoll.core.interaction.InteractionPolicy.Type.REPLY, localParent, a.actor().id(), id);
                return;
            }
        }
        // a reply to another server's post that has a policy: shown as approved only when the approval it cites is
        // confirmed at its source; otherwise as the policy says (not allowed outright: held, since who follows whom
        // between two other servers is not known here and only the post's author can approve)
        Status remoteParent = parent != null && !parent.local() && !parent.isReblog() ? parent : null;
        boolean heldElsewhere = false;
        if (remoteParent != null && s.remoteStatuses().byUri(id).isEmpty() && s.interactionPolicies().hasPolicy(remoteParent)
                && !approvedAtSource(AsValues.id(obj, "approvedBy"), id, remoteParent)) {
            var check = s.interactionPolicies().check(a.actor().id(), remoteParent, social.atoll.core.interaction.InteractionPolicy.Type.REPLY);
            heldElsewhere = check.forbidden() || check.held(false);
        }
        s.emojis().remember(a.actor().domain(), social.atoll.federation.vocab.EmojiTags.read(obj));
        Status stored = heldElsewhere ? s.remoteStatuses().createAwaitingApproval(note) : store(obj, note, approved);
        var policy = social.atoll.federation.vocab.InteractionActivities.readPolicy(obj, a.actor());
        if (policy != null) s.interactionPolicies().rememberRemote(stored.id(), policy);
        quotes.process(obj, stored, a.actor());
        s.forwarding().replyCreated(a.json(), stored, a.actor());
        fetchAncestors(note.inReplyToUri());
        // complete threads: a reply arriving is a sign of a conversation; the replies others made are read too
        if (stored.isReply()) s.threads().replyArrived(stored);
    }

    /**
     * Does {@code approvedBy} name an approval of this reply by the author of the post it answers? Dereferenced at its
     * source (GoToSocial's checks: on the author's server, attributed to the author, its object the reply).
     */
    private boolean approvedAtSource(String approvedBy, String replyId, Status parent) {
        if (approvedBy == null) return false;
        Account author = s.accounts().byId(parent.accountId()).orElse(null);
        if (author == null || !AsValues.sameOrigin(approvedBy, author.uri())) return false;
        try {
            var doc = s.fetch(approvedBy).map(social.atoll.federation.vocab.InteractionActivities::readApproval).orElse(null);
            boolean ok = doc != null && author.uri().equals(doc.attributedTo()) && replyId.equals(doc.object())
                    && ("ReplyApproval".equals(doc.type()) || "ReplyAuthorization".equals(doc.type()));
            if (!ok) log.info("reply {}: approval {} does not approve it", replyId, approvedBy);
            return ok;
        } catch (FetchFailedException | RuntimeException e) {
            log.info("reply {}: cannot check approval {}: {}", replyId, approvedBy, e.getMessage());
            return false;
        }
    }

    /** Stores a post and, for a Question, its poll, in one transaction. */
    private Status store(JsonNode obj, RemoteNote note) { return store(obj, note, false); }

    private Status store(JsonNode obj, RemoteNote note, boolean approved) {
        return NoteReader.poll(obj).map(p -> s.remoteQuestions().create(note, p)).orElseGet(() -> s.remoteStatuses().create(note, approved));
    }

    /**
     * A poll vote: a Note with the option as {@code name}, no content, answering a local poll (one Create per chosen
     * option). Counted through the poll service, which refuses votes on ended polls and repeated votes.
     */
    private boolean vote(JsonNode obj, InboundActivity a) {
        String option = AsValues.text(obj, "name");
        String parent = AsValues.id(obj, "inReplyTo");
        if (option == null || parent == null || AsValues.natural(obj, "content") != null) return false;
        Status question = s.remoteStatuses().byUri(parent).filter(Status::local).orElse(null);
        if (question == null || question.pollId() == null) return false;
        try {
            var poll = s.polls().visiblePoll(a.actor().id(), question.pollId());
            int choice = poll.options().indexOf(option);
            if (choice >= 0) s.polls().vote(a.actor().id(), poll.id(), java.util.List.of(choice));
        } catch (social.atoll.core.common.ValidationException | social.atoll.core.common.NotFoundException e) {
            log.debug("vote of {} on {} not counted: {}", a.actor().uri(), parent, e.getMessage());
        }
        return true;
    }

    /** A quote of a local post concerns this server as a reply to one does (its author is told, and may revoke). */
    private boolean quotesLocal(JsonNode obj) {
        String quoted = social.atoll.federation.vocab.QuoteActivities.read(obj).quotedUri();
        return quoted != null && AsValues.sameOrigin(quoted, s.settings().baseUrl());
    }

    private boolean relevant(RemoteNote n, Account author) {
        if (!n.mentionedAccountIds().isEmpty() || !n.silentAccountIds().isEmpty()) return true;
        if (n.inReplyToUri() != null && s.remoteStatuses().byUri(n.inReplyToUri()).map(Status::local).orElse(false)) return true;
        if (n.inReplyToUri() != null && AsValues.sameOrigin(n.inReplyToUri(), s.settings().baseUrl())) return true;
        return s.followStore().hasLocalFollowers(author.id());
    }

    /** Stores the parents of a reply that this server has not seen, nearest first, as far as they can be fetched. */
    private void fetchAncestors(String parentUri) {
        String next = parentUri;
        for (int depth = 0; depth < MAX_ANCESTORS && next != null; depth++) {
            if (s.remoteStatuses().byUri(next).isPresent() || AsValues.sameOrigin(next, s.settings().baseUrl())) return;
            Optional<JsonNode> fetched;
            try {
                fetched = s.fetch(next);
            } catch (FetchFailedException e) {
                log.info("cannot fetch ancestor {}: {}", next, e.getMessage());
                return;
            }
            JsonNode obj = fetched.orElse(null);
            if (obj == null || !NoteReader.isNote(obj)) return;
            String authorUri = AsValues.id(obj, "attributedTo");
            if (!AsValues.sameOrigin(authorUri, next)) return; // Mastodon's trustworthy attribution
            Account author = s.account(authorUri).orElse(null);
            if (author == null || author.local()) return;
            RemoteNote note = s.notes().parse(obj, author, null);
            store(obj, note);
            next = note.inReplyToUri();
        }
    }
}
