package social.atoll.federation.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import social.atoll.core.status.RemoteNote;
import social.atoll.federation.vocab.AsValues;
import social.atoll.federation.vocab.NoteReader;

/**
 * {@code Update} of one of the actor's posts: an edit (the previous version goes into the edit history). Only the
 * author may edit; an Update of a post this server does not have changes nothing. An Update naming the actor itself
 * by id only is a profile update ({@link UpdateActorHandler}).
 */
final class UpdateHandler implements ActivityHandler {

    static final Set<String> ACTOR_TYPES = Set.of("Person", "Service", "Application", "Group", "Organization");

    private final UpdateActorHandler actorUpdates;
    private final CreateHandler creates;

    private final InboxServices s;

    private final QuoteIntake quotes;

    UpdateHandler(InboxServices s, UpdateActorHandler actorUpdates, CreateHandler creates, QuoteIntake quotes) {
        this.quotes = quotes;
        this.s = s;
        this.creates = creates;
        this.actorUpdates = actorUpdates;
    }

    @Override
    public void handle(InboundActivity a) throws Exception {
        String id = a.objectId();
        if (id == null) return;
        if (id.equals(a.actor().uri())) {
            actorUpdates.handle(a);
            return;
        }
        if (!AsValues.sameOrigin(id, a.actor().uri())) return;
        JsonNode obj = s.trustedObject(a).orElse(null);
        if (obj == null || !NoteReader.isNote(obj) || !a.actor().uri().equals(AsValues.id(obj, "attributedTo"))) return;
        var stored = s.remoteStatuses().byUri(id).orElse(null);
        if (stored == null) {
            // an Update that overtook its Create: a recent post is taken as created (Mastodon), an old one ignored
            java.time.Instant published = AsValues.instant(obj, "published");
            if (published != null && published.isAfter(s.clock().instant().minus(java.time.Duration.ofDays(1)))) creates.handle(a);
            return;
        }
        if (stored.accountId() != a.actor().id()) return;
        NoteReader.poll(obj).ifPresent(p -> s.remotePolls().update(stored.id(), p));
        // an Update may bring the consent to a quote (after the Accept) or a changed quote policy, with or without an edit
        quotes.process(obj, stored, a.actor());
        // and a changed interaction policy (GoToSocial's), which holds from now on
        var interactionPolicy = social.atoll.federation.vocab.InteractionActivities.readPolicy(obj, a.actor());
        if (interactionPolicy != null) s.interactionPolicies().rememberRemote(stored.id(), interactionPolicy);
        // poll tallies arrive as Updates without "updated": only a dated Update is an edit of the text
        java.time.Instant updated = AsValues.instant(obj, "updated");
        if (updated == null) return;
        RemoteNote n = s.notes().parse(obj, a.actor(), a.inboxOwner());
        s.emojis().remember(a.actor().domain(), social.atoll.federation.vocab.EmojiTags.read(obj));
        if (s.remoteStatuses().edit(id, a.actor().id(), n.content(), n.spoilerText(), n.sensitive(), updated))
            s.forwarding().statusChanged(a.json(), stored, a.actor());
    }

}
