package social.atoll.core.conversation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import social.atoll.core.account.AccountStore;
import social.atoll.core.common.IdRange;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusEvents;
import social.atoll.core.status.StatusStore;
import social.atoll.core.status.Visibility;
import social.atoll.infra.db.Database;
import social.atoll.infra.db.JsonColumns;
import social.atoll.infra.events.EventBus;
import social.atoll.infra.ids.IdGenerator;

/**
 * Direct-message conversations ({@code /api/v1/conversations}). Rows are kept in the transaction of the status that
 * changes them: a direct status updates the row of each local participant (unread for everyone but its author); a
 * deleted one hands "latest" back to the previous direct status the participant can see, or removes the row.
 */
public final class ConversationService {

    private final Database db;
    private final StatusStore statuses;
    private final AccountStore accounts;
    private final JsonColumns json;
    private final IdGenerator ids;
    private final EventBus events;

    public ConversationService(Database db, StatusStore statuses, AccountStore accounts, JsonColumns json, IdGenerator ids, EventBus events) {
        this.db = db;
        this.statuses = statuses;
        this.accounts = accounts;
        this.json = json;
        this.ids = ids;
        this.events = events;
    }

    public void register(EventBus bus) {
        bus.inTransaction(StatusEvents.StatusCreated.class, (h, e) -> created(h, e.status(), e.mentionedAccountIds()));
        bus.inTransaction(StatusEvents.StatusDeleted.class, (h, e) -> deleted(h, e.status()));
    }

    private static boolean direct(Status s) {
        return !s.isReblog() && s.visibilityEnum() == Visibility.DIRECT && s.conversationId() != null;
    }

    private void created(Handle h, Status s, List<Long> mentioned) {
        if (!direct(s)) return;
        Set<Long> participants = new LinkedHashSet<>();
        participants.add(s.accountId());
        participants.addAll(mentioned);
        List<Long> local = accounts.localAmong(h, participants);
        for (long account : local) {
            Optional<AccountConversation> existing = find(h, account, s.conversationId());
            Set<Long> others = new LinkedHashSet<>(existing.map(AccountConversation::participantIds).orElse(List.of()));
            for (Long p : participants) if (p != account) others.add(p);
            boolean unread = account != s.accountId();
            h.createUpdate("""
                            INSERT INTO account_conversations (id, account_id, conversation_id, participant_ids, last_status_id, unread)
                            VALUES (:id, :a, :c, :p, :last, :unread)
                            ON CONFLICT (account_id, conversation_id) DO UPDATE SET participant_ids = excluded.participant_ids,
                              last_status_id = excluded.last_status_id, unread = excluded.unread""")
                    .bind("id", ids.next()).bind("a", account).bind("c", s.conversationId()).bind("p", write(List.copyOf(others)))
                    .bind("last", s.id()).bind("unread", unread).execute();
            long rowId = find(h, account, s.conversationId()).orElseThrow().id();
            events.publish(new ConversationEvents.ConversationUpdated(account, rowId));
        }
    }

    private void deleted(Handle h, Status s) {
        if (!direct(s)) return;
        List<AccountConversation> rows = h.createQuery(
                        "SELECT * FROM account_conversations WHERE conversation_id = :c AND last_status_id = :s")
                .bind("c", s.conversationId()).bind("s", s.id()).map((rs, ctx) -> row(rs)).list();
        for (AccountConversation row : rows) {
            Optional<Long> previous = statuses.latestDirectIn(h, s.conversationId(), row.accountId());
            if (previous.isPresent() && previous.get() != null) {
                h.createUpdate("UPDATE account_conversations SET last_status_id = :last WHERE id = :id")
                        .bind("last", previous.get()).bind("id", row.id()).execute();
            } else {
                h.createUpdate("DELETE FROM account_conversations WHERE id = :id").bind("id", row.id()).execute();
            }
        }
    }

    /** One page of the account's conversations, most recently active first (paged on the latest status id). */
    public List<AccountConversation> page(long accountId, IdRange range) {
        return range.newestFirst(db.read(h -> range.bind(h.createQuery(
                        "SELECT * FROM account_conversations WHERE account_id = :a" + range.conditions("last_status_id")
                                + range.orderAndLimit("last_status_id"))
                .bind("a", accountId)).map((rs, ctx) -> row(rs)).list()));
    }

    public AccountConversation own(long accountId, long id) {
        return db.read(h -> h.createQuery("SELECT * FROM account_conversations WHERE id = :id AND account_id = :a")
                .bind("id", id).bind("a", accountId).map((rs, ctx) -> row(rs)).findOne())
                .orElseThrow(() -> new NotFoundException("conversation"));
    }

    public AccountConversation markRead(long accountId, long id) {
        own(accountId, id);
        db.write(h -> h.createUpdate("UPDATE account_conversations SET unread = FALSE WHERE id = :id").bind("id", id).execute());
        return own(accountId, id);
    }

    public void remove(long accountId, long id) {
        own(accountId, id);
        db.write(h -> h.createUpdate("DELETE FROM account_conversations WHERE id = :id").bind("id", id).execute());
    }

    private Optional<AccountConversation> find(Handle h, long accountId, long conversationId) {
        return h.createQuery("SELECT * FROM account_conversations WHERE account_id = :a AND conversation_id = :c")
                .bind("a", accountId).bind("c", conversationId).map((rs, ctx) -> row(rs)).findOne();
    }

    private AccountConversation row(ResultSet rs) throws SQLException {
        return new AccountConversation(rs.getLong("id"), rs.getLong("account_id"), rs.getLong("conversation_id"),
                read(rs.getString("participant_ids")), rs.getLong("last_status_id"), rs.getBoolean("unread"));
    }

    private String write(Object o) { return json.write(o); }

    private List<Long> read(String s) { return new ArrayList<>(json.readList(s, Long.class)); }
}
