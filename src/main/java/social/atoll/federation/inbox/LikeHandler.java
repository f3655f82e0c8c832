package social.atoll.federation.inbox;

import social.atoll.core.common.NotFoundException;

/**
 * {@code Like} of a post: a favourite. Misskey sends every emoji reaction as a Like with {@code content} /
 * {@code _misskey_reaction}; the Mastodon API has no reactions, so those count as favourites too, as on Mastodon.
 * A Like of a post the actor may not see changes nothing.
 */
final class LikeHandler implements ActivityHandler {

    private final InboxServices s;

    LikeHandler(InboxServices s) { this.s = s; }

    @Override
    public void handle(InboundActivity a) {
        s.remoteStatuses().byUri(a.objectId()).ifPresent(st -> {
            try {
                s.favourites().favourite(a.actor().id(), st.id());
            } catch (NotFoundException ignored) {
                // not visible to the actor
            }
        });
    }
}
