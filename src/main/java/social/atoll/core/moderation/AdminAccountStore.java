package social.atoll.core.moderation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountStore;
import social.atoll.core.account.User;
import social.atoll.core.common.IdRange;
import social.atoll.infra.db.Database;

/**
 * The staff's view of accounts, local and remote, with Mastodon's {@code AccountFilter}: origin, status, staff,
 * roles, username (prefix), display name, e-mail (substring), domain and sign-up address. Reads, and the two
 * writes only staff make (an address set without a mail round trip, a sign-up confirmed by hand); the rest of the
 * accounts and users tables belong to {@link AccountStore}.
 */
public final class AdminAccountStore {

    /** One filter for v1 and v2 (v1's booleans are translated into it by the API, as Mastodon does). */
    public record Filter(String origin, String status, boolean staff, List<Long> roles, String username, String displayName,
                         String email, String ip, String byDomain) {
        public static final Filter NONE = new Filter(null, null, false, List.of(), null, null, null, null, null);
    }

    /** An account with its sign-in identity (null for a remote account) and the address it signed up from. */
    public record Entry(Account account, User user, String signUpIp, String signUpReason) {}

    private final Database db;
    private final AccountStore accounts;

    public AdminAccountStore(Database db, AccountStore accounts) {
        this.db = db;
        this.accounts = accounts;
    }

    /** As {@link Filter} asks; {@code staffRoles}: the ids of the roles that make a user staff (its {@code staff} filter). */
    public List<Entry> list(Filter f, IdRange range, List<Long> staffRoles) {
        StringBuilder sql = new StringBuilder("SELECT a.id FROM accounts a LEFT JOIN users u ON u.account_id = a.id WHERE 1 = 1");
        Map<String, Object> binds = new java.util.HashMap<>();
        if ("local".equals(f.origin())) sql.append(" AND a.domain IS NULL");
        else if ("remote".equals(f.origin())) sql.append(" AND a.domain IS NOT NULL");
        if (f.status() != null) switch (f.status()) {
            case "active" -> sql.append(" AND a.suspended_at IS NULL");
            case "pending" -> sql.append(" AND u.approved = FALSE");
            case "disabled" -> sql.append(" AND u.disabled = TRUE");
            case "silenced" -> sql.append(" AND a.silenced_at IS NOT NULL");
            case "suspended" -> sql.append(" AND a.suspended_at IS NOT NULL");
            case "sensitized" -> sql.append(" AND a.sensitized_at IS NOT NULL");
            default -> { }
        }
        if (f.staff()) sql.append(staffRoles.isEmpty() ? " AND 1 = 0" : " AND u.role_id IN (<staffRoles>)");
        if (!f.roles().isEmpty()) {
            sql.append(" AND u.role_id IN (<roles>)");
        }
        if (f.username() != null) {
            sql.append(" AND LOWER(a.username) LIKE :username ESCAPE '!'");
            binds.put("username", like(f.username()) + "%");
        }
        if (f.displayName() != null) {
            sql.append(" AND LOWER(a.display_name) LIKE :dn ESCAPE '!'");
            binds.put("dn", "%" + like(f.displayName()) + "%");
        }
        if (f.email() != null) {
            sql.append(" AND u.email LIKE :email ESCAPE '!'");
            binds.put("email", "%" + like(f.email()) + "%");
        }
        if (f.ip() != null) {
            sql.append(" AND u.sign_up_ip = :ip");
            binds.put("ip", f.ip().strip());
        }
        if (f.byDomain() != null) {
            sql.append(" AND LOWER(a.domain) = :domain");
            binds.put("domain", f.byDomain().strip().toLowerCase(Locale.ROOT));
        }
        sql.append(range.conditions("a.id")).append(range.orderAndLimit("a.id"));
        List<Long> ids = range.newestFirst(db.read(h -> {
            var q = h.createQuery(sql.toString());
            binds.forEach(q::bind);
            if (!f.roles().isEmpty()) q.bindList("roles", f.roles());
            if (f.staff() && !staffRoles.isEmpty()) q.bindList("staffRoles", staffRoles);
            return range.bind(q).mapTo(Long.class).list();
        }));
        return entries(ids);
    }

    public java.util.Optional<Entry> byId(long id) {
        List<Entry> e = entries(List.of(id));
        return e.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(e.get(0));
    }

    public List<Entry> entries(List<Long> ids) {
        if (ids.isEmpty()) return List.of();
        Map<Long, Account> found = accounts.byIds(ids);
        record Extra(String ip, String reason) {}
        Map<Long, Extra> extras = new java.util.HashMap<>();
        db.read(h -> h.createQuery("SELECT account_id, sign_up_ip, sign_up_reason FROM users WHERE account_id IN (<ids>)")
                .bindList("ids", ids).map((rs, ctx) -> Map.entry(rs.getLong(1), new Extra(rs.getString(2), rs.getString(3)))).list())
                .forEach(e -> extras.put(e.getKey(), e.getValue()));
        Map<Long, User> users = accounts.usersByAccountIds(ids);
        List<Entry> out = new ArrayList<>();
        for (long id : ids) {
            Account a = found.get(id);
            if (a == null) continue;
            User u = users.get(id);
            Extra x = extras.get(id);
            out.add(new Entry(a, u, x == null ? null : x.ip(), x == null ? null : x.reason()));
        }
        return out;
    }

    /**
     * A LIKE pattern matching {@code s} literally. The escape is {@code !}, as in the other stores: Jdbi's template
     * engine reads a backslash in the SQL text as its own escape, so {@code ESCAPE '\\'} would reach the database as
     * {@code ESCAPE ''}.
     */
    private static String like(String s) {
        return s.strip().toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    /** Whether another user already has {@code email} (addresses are stored lower-cased). */
    public boolean emailTaken(org.jdbi.v3.core.Handle h, String email, long userId) {
        return h.createQuery("SELECT COUNT(*) FROM users WHERE email = :e AND id <> :id").bind("e", email).bind("id", userId)
                .mapTo(Integer.class).one() > 0;
    }

    /** Sets a user's address as staff typed it; a change waiting for confirmation is dropped. */
    public void setEmail(org.jdbi.v3.core.Handle h, long userId, String email) {
        h.createUpdate("UPDATE users SET email = :e, unconfirmed_email = NULL WHERE id = :id").bind("e", email).bind("id", userId).execute();
    }
}
