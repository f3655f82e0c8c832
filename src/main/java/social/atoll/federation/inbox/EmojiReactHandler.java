package social.atoll.federation.inbox;

/**
 * {@code EmojiReact} (Pleroma/Akkoma, FEP-c0e0): a reaction with a Unicode emoji or a custom one ({@code :name:} in
 * {@code content}, its Emoji in {@code tag}). Counted once per account and emoji; apart from favourites, which these
 * servers send as a separate {@code Like}. A reaction to a post the actor may not see changes nothing.
 */
final class EmojiReactHandler implements ActivityHandler {

    private final InboxServices s;

    EmojiReactHandler(InboxServices s) { this.s = s; }

    @Override
    public void handle(InboundActivity a) {
        String content = InboundReactions.content(a.json());
        if (content != null) InboundReactions.react(s, a, content);
    }
}
