package social.atoll.federation.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import social.atoll.core.account.Account;
import social.atoll.core.common.NotFoundException;
import social.atoll.federation.vocab.AsValues;

/**
 * {@code Undo} of a Follow, Like (a favourite, or Misskey's reaction), EmojiReact, Announce or Block. The undone activity must be the actor's own; it is matched by
 * what it named (its object), as Mastodon does, since servers do not always keep the inner id. An Undo that
 * carries only an id is matched by that id against follows and boosts.
 */
final class UndoHandler implements ActivityHandler {

    private final InboxServices s;

    UndoHandler(InboxServices s) { this.s = s; }

    @Override
    public void handle(InboundActivity a) {
        JsonNode inner = a.object();
        Account actor = a.actor();
        if (inner == null) return;
        if (!inner.isObject()) {
            byId(actor, inner.asText());
            return;
        }
        String innerActor = AsValues.id(inner, "actor");
        if (innerActor != null && !innerActor.equals(actor.uri())) return; // nobody may undo someone else's activity
        String target = AsValues.id(inner, "object");
        switch (String.valueOf(AsValues.type(inner))) {
            case "Follow" -> s.localAccount(target).ifPresent(t -> s.follows().unfollow(actor.id(), t.id()));
            case "EmojiReact" -> InboundReactions.undo(s, a, inner);
            case "Like" -> {
                if (!InboundReactions.undo(s, a, inner)) unlike(actor, target);
            }
            case "Announce" -> s.remoteStatuses().unreblog(actor.id(), AsValues.text(inner, "id"), target);
            case "Block" -> s.localAccount(target).ifPresent(t -> {
                try {
                    s.blocks().unblock(actor.id(), t.id());
                } catch (NotFoundException ignored) {
                    // the local account is gone
                }
            });
            default -> byId(actor, AsValues.text(inner, "id"));
        }
    }

    private void unlike(Account actor, String target) {
        s.remoteStatuses().byUri(target).ifPresent(st -> {
            try {
                s.favourites().unfavourite(actor.id(), st.id());
            } catch (NotFoundException ignored) {
                // no longer visible to them: nothing to take back
            }
        });
    }

    private void byId(Account actor, String id) {
        if (id == null) return;
        if (s.reactions().undoRemote(actor.id(), id)) return;
        if (s.remoteStatuses().unreblog(actor.id(), id, null)) return;
        s.followStore().targetsByUri(id, actor.id()).forEach(t -> s.follows().unfollow(actor.id(), t));
    }
}
