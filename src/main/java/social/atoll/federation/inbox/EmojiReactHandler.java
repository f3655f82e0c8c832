package social.atoll.federation.inbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code EmojiReact} (Pleroma/Akkoma, FEP-c0e0) is accepted and ignored, as Mastodon does: the Mastodon API has no
 * reactions, and these servers send a separate {@code Like} for a favourite, so counting a reaction as a favourite
 * would count one person twice.
 */
final class EmojiReactHandler implements ActivityHandler {

    private static final Logger log = LoggerFactory.getLogger(EmojiReactHandler.class);

    @Override
    public void handle(InboundActivity a) {
        log.debug("ignoring EmojiReact {} from {}: reactions are not part of the Mastodon API", a.id(), a.actor().uri());
    }
}
