package social.atoll.core.status;

import social.atoll.core.common.ValidationException;
import social.atoll.core.privacy.VisibilityPolicy;

/**
 * Muting a thread ("conversation"): no more notifications from any status in it (the notification store checks
 * {@code conversation_mutes}). Both directions are idempotent.
 */
public final class ConversationMuteService {

    private final StatusStore statuses;
    private final StatusRelations relations;
    private final VisibilityPolicy visibility;

    public ConversationMuteService(StatusStore statuses, StatusRelations relations, VisibilityPolicy visibility) {
        this.statuses = statuses;
        this.relations = relations;
        this.visibility = visibility;
    }

    public Status mute(long accountId, long statusId) {
        Status s = BookmarkService.visibleOriginal(statuses, visibility, accountId, statusId);
        long conversation = conversationOf(s);
        relations.muteConversation(accountId, conversation);
        return s;
    }

    public Status unmute(long accountId, long statusId) {
        Status s = BookmarkService.visibleOriginal(statuses, visibility, accountId, statusId);
        long conversation = conversationOf(s);
        relations.unmuteConversation(accountId, conversation);
        return s;
    }

    private static long conversationOf(Status s) {
        if (s.conversationId() == null) throw new ValidationException("This status is not part of a conversation");
        return s.conversationId();
    }
}
