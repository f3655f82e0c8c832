package social.atoll.core.conversation;

/** What the conversations feature announces (streaming sends a {@code conversation} event to the account). */
public final class ConversationEvents {
    private ConversationEvents() {}

    /** The conversation row {@code conversationId} of local account {@code accountId} got a new latest status. */
    public record ConversationUpdated(long accountId, long conversationId) {}
}
