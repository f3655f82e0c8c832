package social.atoll.api.entity;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import social.atoll.core.conversation.AccountConversation;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusQueries;

/** Core conversations → Mastodon's Conversation entity, a page at a time (for the API, streaming and the web app). */
public final class ConversationViews {

    /** Mastodon's Conversation entity. {@code accounts} are the other participants (the caller alone when none). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ConversationEntity(String id, boolean unread, List<AccountEntity> accounts, StatusEntity lastStatus) {}

    private final StatusQueries statuses;
    private final StatusViews statusViews;
    private final AccountViews accountViews;

    public ConversationViews(StatusQueries statuses, StatusViews statusViews, AccountViews accountViews) {
        this.statuses = statuses;
        this.statusViews = statusViews;
        this.accountViews = accountViews;
    }

    /** Renders a page with one query per kind (statuses, accounts); a conversation whose last status is gone is skipped. */
    public List<ConversationEntity> renderAll(List<AccountConversation> rows, long viewerId) {
        List<Status> last = statuses.visible(viewerId, rows.stream().map(AccountConversation::lastStatusId).toList());
        Map<Long, StatusEntity> rendered = new HashMap<>();
        for (StatusEntity e : statusViews.renderAll(last, viewerId)) rendered.put(Long.parseLong(e.id()), e);
        Set<Long> accountIds = new HashSet<>();
        accountIds.add(viewerId);
        rows.forEach(c -> accountIds.addAll(c.participantIds()));
        Map<Long, AccountEntity> accounts = accountViews.renderByIds(accountIds);
        List<ConversationEntity> out = new ArrayList<>(rows.size());
        for (AccountConversation c : rows) {
            StatusEntity status = rendered.get(c.lastStatusId());
            if (status == null) continue;
            List<AccountEntity> others = new ArrayList<>();
            for (Long id : c.participantIds()) {
                AccountEntity a = accounts.get(id);
                if (a != null) others.add(a);
            }
            if (others.isEmpty() && accounts.get(viewerId) != null) others.add(accounts.get(viewerId));
            out.add(new ConversationEntity(Long.toString(c.id()), c.unread(), others, status));
        }
        return out;
    }
}
