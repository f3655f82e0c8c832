package social.atoll.core.relationship;

import java.time.Clock;
import social.atoll.core.account.AccountStore;
import social.atoll.core.common.NotFoundException;
import social.atoll.core.common.ValidationException;
import social.atoll.infra.db.Database;
import social.atoll.infra.ids.IdGenerator;

/** Private notes a user keeps about other accounts (shown only to them, as Relationship.note). */
public final class AccountNoteService {

    /** Mastodon's limit on a note. */
    public static final int MAX_LENGTH = 2_000;

    private final Database db;
    private final AccountStore accounts;
    private final IdGenerator ids;
    private final Clock clock;

    public AccountNoteService(Database db, AccountStore accounts, IdGenerator ids, Clock clock) {
        this.db = db;
        this.accounts = accounts;
        this.ids = ids;
        this.clock = clock;
    }

    /** Sets the note; a blank comment removes it. */
    public void set(long accountId, long targetId, String comment) {
        String text = comment == null ? "" : comment.strip();
        if (text.codePointCount(0, text.length()) > MAX_LENGTH) throw new ValidationException("Comment is too long (maximum is 2000 characters)");
        db.write(h -> {
            accounts.visibleById(targetId).orElseThrow(() -> new NotFoundException("account"));
            if (text.isEmpty()) {
                h.createUpdate("DELETE FROM account_notes WHERE account_id = :a AND target_account_id = :t")
                        .bind("a", accountId).bind("t", targetId).execute();
            } else {
                h.createUpdate("""
                                INSERT INTO account_notes (id, account_id, target_account_id, comment, created_at, updated_at)
                                VALUES (:id, :a, :t, :c, :now, :now)
                                ON CONFLICT (account_id, target_account_id) DO UPDATE SET comment = :c, updated_at = :now""")
                        .bind("id", ids.next()).bind("a", accountId).bind("t", targetId).bind("c", text)
                        .bind("now", clock.instant()).execute();
            }
            return null;
        });
    }
}
