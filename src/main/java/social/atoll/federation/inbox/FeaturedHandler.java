package social.atoll.federation.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import social.atoll.federation.vocab.AsValues;

/**
 * {@code Add} / {@code Remove} of one of the actor's posts to or from its {@code featured} collection (pinned
 * posts), or of a {@code Hashtag} (a featured tag: Mastodon sends those to the same collection, the tag inline).
 * Anything else (other targets, others' posts) is ignored.
 */
final class FeaturedHandler implements ActivityHandler {

    private final InboxServices s;
    private final boolean add;

    FeaturedHandler(InboxServices s, boolean add) {
        this.s = s;
        this.add = add;
    }

    @Override
    public void handle(InboundActivity a) {
        String target = AsValues.id(a.json(), "target");
        if (target == null || !target.equals(a.actor().featuredUrl())) return;
        JsonNode object = a.object();
        if (object != null && object.isObject() && AsValues.hasType(object, "Hashtag")) {
            String name = AsValues.text(object, "name");
            if (add) s.featuredTags().addRemote(a.actor().id(), name);
            else s.featuredTags().removeRemote(a.actor().id(), name);
            return;
        }
        s.remoteStatuses().byUri(a.objectId())
                .filter(st -> st.accountId() == a.actor().id() && !st.isReblog())
                .ifPresent(st -> s.remoteStatuses().setPinned(st, add));
    }
}
