package social.atoll.federation.inbox;

import social.atoll.core.moderation.RemoteReports;
import social.atoll.federation.outbox.FollowAnswers;

/** The one place where inbound activity types meet their handlers. */
public final class InboxHandlers {

    private InboxHandlers() {}

    public static ActivityHandlers standard(InboxServices s, FollowAnswers answers, RemoteReports reports,
                                            social.atoll.core.migration.MoveService moves) {
        ActivityHandlers h = new ActivityHandlers();
        h.on("Follow", new FollowHandler(s, answers));
        // Accept and Reject answer Follows and, for interaction policies, held Likes, Announces and replies
        h.on("Accept", new InteractionResponseHandler(s, true, new FollowResponseHandler(s, true)));
        h.on("Reject", new InteractionResponseHandler(s, false, new FollowResponseHandler(s, false)));
        for (String inlined : new String[] {"Note", "Like", "Announce", "Article", "Question"}) {
            h.on("Accept", inlined, new InteractionResponseHandler(s, true, null));
            h.on("Reject", inlined, new InteractionResponseHandler(s, false, null));
        }
        QuoteIntake quotes = new QuoteIntake(s);
        h.on("QuoteRequest", new QuoteRequestHandler(s, quotes));
        h.on("Accept", "QuoteRequest", new QuoteResponseHandler(s, true));
        h.on("Reject", "QuoteRequest", new QuoteResponseHandler(s, false));
        h.on("Undo", new UndoHandler(s));
        CreateHandler creates = new CreateHandler(s, quotes);
        h.on("Create", creates);
        UpdateActorHandler actorUpdates = new UpdateActorHandler(s);
        for (String actorType : UpdateHandler.ACTOR_TYPES) h.on("Update", actorType, actorUpdates);
        h.on("Update", new UpdateHandler(s, actorUpdates, creates, quotes));
        h.on("Delete", new DeleteHandler(s));
        h.on("Like", new LikeHandler(s));
        h.on("EmojiReact", new EmojiReactHandler(s));
        h.on("Announce", new AnnounceHandler(s));
        h.on("Block", new BlockHandler(s));
        h.on("Flag", new FlagHandler(s, reports));
        h.on("Move", new MoveHandler(s, moves));
        h.on("Add", new FeaturedHandler(s, true));
        h.on("Remove", new FeaturedHandler(s, false));
        return h;
    }
}
