package social.atoll.core.account;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import social.atoll.infra.db.RecordMapper;
import org.jdbi.v3.core.mapper.RowMapper;
import social.atoll.infra.db.Database;

/** SQL for {@code accounts} and {@code users}. */
public final class AccountStore {

    static final RowMapper<Account> ACCOUNT = RecordMapper.of(Account.class);
    static final RowMapper<User> USER = RecordMapper.of(User.class);

    private final Database db;

    public AccountStore(Database db) { this.db = db; }

    public Optional<Account> byId(long id) {
        return db.read(h -> h.createQuery("SELECT * FROM accounts WHERE id = :id").bind("id", id).map(ACCOUNT).findOne());
    }

    /** Writes {@code fields} (JSON) only while the stored value is still {@code expected}; false when it changed. */
    public boolean replaceFields(long accountId, String expected, String fields) {
        return db.write(h -> h.createUpdate("UPDATE accounts SET fields = :fields WHERE id = :id AND fields = :expected")
                .bind("fields", fields).bind("id", accountId).bind("expected", expected).execute()) == 1;
    }

    /** Accounts by id, in one query; missing ids are absent from the map. */
    public Map<Long, Account> byIds(Collection<Long> ids) {
        if (ids.isEmpty()) return Map.of();
        return db.read(h -> h.createQuery("SELECT * FROM accounts WHERE id IN (<ids>)").bindList("ids", List.copyOf(ids))
                .map(ACCOUNT).stream().collect(Collectors.toMap(Account::id, Function.identity())));
    }

    /**
     * Accounts others may see: remote ones, and local ones whose sign-up is complete (e-mail confirmed, approved).
     * A pending sign-up stays invisible, as in Mastodon; suspended accounts are returned (rendered as stubs).
     */
    private static final String VISIBLE = """
            SELECT a.* FROM accounts a LEFT JOIN users u ON u.account_id = a.id
            WHERE (a.domain IS NOT NULL OR (u.confirmed_at IS NOT NULL AND u.approved = TRUE))""";

    public Optional<Account> visibleById(long id) {
        return db.read(h -> h.createQuery(VISIBLE + " AND a.id = :id").bind("id", id).map(ACCOUNT).findOne());
    }

    /** {@link #visibleById} for many ids in one query; missing or invisible ids are absent from the map. */
    public Map<Long, Account> visibleByIds(Collection<Long> ids) {
        if (ids.isEmpty()) return Map.of();
        return db.read(h -> h.createQuery(VISIBLE + " AND a.id IN (<ids>)").bindList("ids", List.copyOf(ids))
                .map(ACCOUNT).stream().collect(Collectors.toMap(Account::id, Function.identity())));
    }

    public Optional<Account> visibleByAcct(String username, String domain) {
        return db.read(h -> h.createQuery(VISIBLE + " AND a.acct_key = :k")
                .bind("k", Account.key(username, domain)).map(ACCOUNT).findOne());
    }

    public Optional<Account> byAcct(String username, String domain) {
        return db.read(h -> h.createQuery("SELECT * FROM accounts WHERE acct_key = :k")
                .bind("k", Account.key(username, domain)).map(ACCOUNT).findOne());
    }

    public Optional<Account> byUri(String uri) {
        return db.read(h -> h.createQuery("SELECT * FROM accounts WHERE uri = :uri").bind("uri", uri).map(ACCOUNT).findOne());
    }

    public Optional<User> userByAccountId(long accountId) {
        return db.read(h -> h.createQuery("SELECT * FROM users WHERE account_id = :id").bind("id", accountId).map(USER).findOne());
    }

    public Optional<User> userByEmail(String email) {
        return db.read(h -> h.createQuery("SELECT * FROM users WHERE email = :e")
                .bind("e", email.trim().toLowerCase(java.util.Locale.ROOT)).map(USER).findOne());
    }

    public List<Account> localAccounts(int limit, int offset) {
        return db.read(h -> h.createQuery("SELECT * FROM accounts WHERE domain IS NULL ORDER BY id LIMIT :limit OFFSET :offset")
                .bind("limit", limit).bind("offset", offset).map(ACCOUNT).list());
    }

    public long countLocal() {
        return db.read(h -> h.createQuery("SELECT COUNT(*) FROM accounts WHERE domain IS NULL").mapTo(Long.class).one());
    }

    /** Adds {@code delta} to one of the counter columns. */
    public static void bump(Handle h, long accountId, String column, int delta) {
        if (!column.matches("statuses_count|followers_count|following_count")) throw new IllegalArgumentException(column);
        h.createUpdate("UPDATE accounts SET " + column + " = CASE WHEN " + column + " + :d < 0 THEN 0 ELSE " + column + " + :d END WHERE id = :id")
                .bind("d", delta).bind("id", accountId).execute();
    }
}
