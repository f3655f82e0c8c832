package social.atoll.core.relationship;

import java.time.Clock;
import social.atoll.core.account.AccountStore;
import social.atoll.core.common.UserText;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.common.ValidationException;
import social.atoll.infra.db.Database;
import social.atoll.infra.ids.IdGenerator;

/** Private notes a user keeps about other accounts (shown only to them, as Relationship.note). */
public final class AccountNoteService {

    /** Mastodon's limit on a note. */
    public static final int MAX_LENGTH = 2_000;

    private final Database db;
    private final RelationshipStore store;
    private final AccountStore accounts;
    private final IdGenerator ids;
    private final Clock clock;

    public AccountNoteService(Database db, RelationshipStore store, AccountStore accounts, IdGenerator ids, Clock clock) {
        this.db = db;
        this.store = store;
        this.accounts = accounts;
        this.ids = ids;
        this.clock = clock;
    }

    /** Sets the note; a blank comment removes it. */
    public void set(long accountId, long targetId, String comment) {
        String text = comment == null ? "" : UserText.multiLine(comment).strip();
        if (text.codePointCount(0, text.length()) > MAX_LENGTH) throw new ValidationException("Comment is too long (maximum is 2000 characters)");
        db.write(h -> {
            accounts.visibleById(targetId).orElseThrow(() -> new NotFoundException("account"));
            if (text.isEmpty()) {
                store.deleteNote(h, accountId, targetId);
            } else {
                store.upsertNote(h, ids.next(), accountId, targetId, text, clock.instant());
            }
            return null;
        });
    }
}
