package social.atoll.core.status;

import social.atoll.core.common.ValidationException;
import social.atoll.core.privacy.VisibilityPolicy;
import social.atoll.infra.db.Database;

/**
 * Muting a thread ("conversation"): no more notifications from any status in it (the notification store checks
 * {@code conversation_mutes}). Both directions are idempotent.
 */
public final class ConversationMuteService {

    private final Database db;
    private final StatusStore statuses;
    private final VisibilityPolicy visibility;

    public ConversationMuteService(Database db, StatusStore statuses, VisibilityPolicy visibility) {
        this.db = db;
        this.statuses = statuses;
        this.visibility = visibility;
    }

    public Status mute(long accountId, long statusId) {
        Status s = BookmarkService.visibleOriginal(statuses, visibility, accountId, statusId);
        long conversation = conversationOf(s);
        db.write(h -> h.createUpdate("""
                        INSERT INTO conversation_mutes (account_id, conversation_id) VALUES (:a, :c)
                        ON CONFLICT (account_id, conversation_id) DO NOTHING""")
                .bind("a", accountId).bind("c", conversation).execute());
        return s;
    }

    public Status unmute(long accountId, long statusId) {
        Status s = BookmarkService.visibleOriginal(statuses, visibility, accountId, statusId);
        long conversation = conversationOf(s);
        db.write(h -> h.createUpdate("DELETE FROM conversation_mutes WHERE account_id = :a AND conversation_id = :c")
                .bind("a", accountId).bind("c", conversation).execute());
        return s;
    }

    private static long conversationOf(Status s) {
        if (s.conversationId() == null) throw new ValidationException("This status is not part of a conversation");
        return s.conversationId();
    }
}
