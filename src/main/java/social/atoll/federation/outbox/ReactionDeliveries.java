package social.atoll.federation.outbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import social.atoll.core.account.Account;
import social.atoll.core.emoji.CustomEmoji;
import social.atoll.core.emoji.CustomEmojiService;
import social.atoll.core.emoji.ReactionEvents;
import social.atoll.core.status.Status;
import social.atoll.federation.vocab.EmojiTags;
import social.atoll.infra.events.EventBus;

/**
 * A local account's emoji reaction to a remote status, or its removal, to the status's author. Atoll does not record
 * which software a server runs, so the status's id decides: Misskey and its forks (Sharkey, Firefish, Iceshrimp) name
 * notes {@code /notes/…} and get the {@code Like} with {@code _misskey_reaction} they understand; every other server
 * gets Akkoma's {@code EmojiReact}, as Akkoma itself sends it everywhere — Mastodon ignores it, so a reaction never
 * turns into a favourite there.
 */
public final class ReactionDeliveries implements OutboxHandler {

    private final OutboxServices s;
    private final CustomEmojiService emojis;

    public ReactionDeliveries(OutboxServices s, CustomEmojiService emojis) {
        this.s = s;
        this.emojis = emojis;
    }

    @Override
    public void register(EventBus events) {
        events.inTransaction(ReactionEvents.Reacted.class, (h, e) -> send(e.accountId(), e.status(), e.reactionId(), e.name(), e.emoji(), false));
        events.inTransaction(ReactionEvents.Unreacted.class, (h, e) -> send(e.accountId(), e.status(), e.reactionId(), e.name(), e.emoji(), true));
    }

    private void send(long accountId, Status status, long reactionId, String name, CustomEmoji emoji, boolean undo) {
        Account actor = s.audience.local(accountId).orElse(null);
        if (actor == null || status.local()) return;
        // a reaction with another server's emoji is named by its shortcode; its image is that server's
        String content = emoji == null ? name : emoji.colons();
        ObjectNode tag = null;
        if (emoji != null) {
            tag = EmojiTags.tag(emoji, emoji.local() ? emojis.urls(emoji).url() : emoji.imageRemoteUrl());
        }
        boolean misskey = status.uri() != null && status.uri().contains("/notes/");
        s.deliveries.send(s.activities.reaction(actor, status, reactionId, content, tag, misskey, undo), actor,
                s.audience.personalInbox(status.accountId()));
    }
}
