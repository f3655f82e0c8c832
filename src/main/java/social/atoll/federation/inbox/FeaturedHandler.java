package social.atoll.federation.inbox;

import social.atoll.federation.vocab.AsValues;

/**
 * {@code Add} / {@code Remove} of one of the actor's posts to or from its {@code featured} collection (pinned
 * posts). Anything else (other targets, others' posts, featured hashtags) is ignored.
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
        s.remoteStatuses().byUri(a.objectId())
                .filter(st -> st.accountId() == a.actor().id() && !st.isReblog())
                .ifPresent(st -> s.remoteStatuses().setPinned(st, add));
    }
}
