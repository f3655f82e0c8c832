package social.atoll.core.conversation;

import java.util.List;

/**
 * One local account's view of a thread of direct statuses: who else takes part, the latest status, and whether
 * someone else posted since the account last read it.
 */
public record AccountConversation(long id, long accountId, long conversationId, List<Long> participantIds,
                                  long lastStatusId, boolean unread) {}
