package social.atoll.core.account;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

    /** The users of {@code accountIds}, by account id (remote accounts have none). */
    public Map<Long, User> usersByAccountIds(Collection<Long> accountIds) {
        if (accountIds.isEmpty()) return Map.of();
        Map<Long, User> out = new java.util.HashMap<>();
        db.read(h -> h.createQuery("SELECT * FROM users WHERE account_id IN (<ids>)").bindList("ids", List.copyOf(accountIds)).map(USER).list())
                .forEach(u -> out.put(u.accountId(), u));
        return out;
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

    /**
     * Accounts whose username or display name starts with {@code name} (lower case) and whose domain is
     * {@code domain} (null or empty: any), visible and not suspended, minus those blocking or blocked by the viewer (and, with
     * {@code followingOnly}, those the viewer does not follow): exact username first, then local accounts, then by
     * followers.
     */
    public List<Account> search(Long viewerId, String name, String domain, boolean followingOnly, int offset, int limit) {
        String like = name.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        StringBuilder sql = new StringBuilder("""
                SELECT a.* FROM accounts a LEFT JOIN users u ON u.account_id = a.id
                WHERE (a.domain IS NOT NULL OR (u.confirmed_at IS NOT NULL AND u.approved = TRUE)) AND a.suspended_at IS NULL
                  AND (LOWER(a.username) LIKE :like ESCAPE '!' OR LOWER(a.display_name) LIKE :like ESCAPE '!')""");
        if (domain != null) sql.append(domain.isEmpty() ? "" : " AND LOWER(a.domain) = :domain");
        if (viewerId != null) {
            sql.append(" AND NOT EXISTS (SELECT 1 FROM blocks b WHERE b.account_id = :viewer AND b.target_account_id = a.id)")
                    .append(" AND NOT EXISTS (SELECT 1 FROM blocks b2 WHERE b2.account_id = a.id AND b2.target_account_id = :viewer)");
            if (followingOnly) sql.append(" AND EXISTS (SELECT 1 FROM follows f WHERE f.account_id = :viewer AND f.target_account_id = a.id)");
        }
        sql.append(" ORDER BY CASE WHEN LOWER(a.username) = :exact THEN 0 ELSE 1 END, CASE WHEN a.domain IS NULL THEN 0 ELSE 1 END,")
                .append(" a.followers_count DESC, a.id LIMIT :limit OFFSET :offset");
        return db.read(h -> {
            var query = h.createQuery(sql.toString()).bind("like", like).bind("exact", name)
                    .bind("limit", limit).bind("offset", offset);
            if (domain != null && !domain.isEmpty()) query.bind("domain", domain);
            if (viewerId != null) query.bind("viewer", viewerId.longValue());
            return query.map(ACCOUNT).list();
        });
    }

    // ---- Discovery: suggestions and the profile directory ----

    /** Accounts visible to others: remote ones, and local ones whose sign-up is complete. */
    private static final String LISTABLE = """
            a.suspended_at IS NULL AND (a.domain IS NOT NULL OR EXISTS (SELECT 1 FROM users u WHERE u.account_id = a.id
                                                                         AND u.confirmed_at IS NOT NULL AND u.approved = TRUE))""";

    private static final String NOT_EXCLUDED = """
             AND NOT EXISTS (SELECT 1 FROM blocks b WHERE (b.account_id = :viewer AND b.target_account_id = a.id)
                                                       OR (b.account_id = a.id AND b.target_account_id = :viewer))
             AND NOT EXISTS (SELECT 1 FROM mutes m WHERE m.account_id = :viewer AND m.target_account_id = a.id
                                                     AND (m.expires_at IS NULL OR m.expires_at > :now))
             AND NOT EXISTS (SELECT 1 FROM account_domain_blocks adb WHERE adb.account_id = :viewer AND adb.domain = a.domain)""";

    /** Not the viewer, nor accounts they follow, asked to follow or dismissed as suggestions; nor hidden from them. */
    private static final String FRESH = " AND a.id <> :viewer"
            + " AND NOT EXISTS (SELECT 1 FROM follows mf WHERE mf.account_id = :viewer AND mf.target_account_id = a.id)"
            + " AND NOT EXISTS (SELECT 1 FROM follow_requests mr WHERE mr.account_id = :viewer AND mr.target_account_id = a.id)"
            + " AND NOT EXISTS (SELECT 1 FROM suggestion_dismissals sd WHERE sd.account_id = :viewer AND sd.target_account_id = a.id)"
            + NOT_EXCLUDED;

    /** Discoverable accounts followed by the accounts the viewer follows, by how many of them, at most {@code limit}. */
    public List<Long> friendsOfFriends(Handle h, long viewerId, Instant now, int limit) {
        return h.createQuery("SELECT a.id FROM follows f1 JOIN follows f2 ON f2.account_id = f1.target_account_id"
                        + " JOIN accounts a ON a.id = f2.target_account_id"
                        + " WHERE f1.account_id = :viewer AND a.discoverable = TRUE AND " + LISTABLE + FRESH
                        + " GROUP BY a.id ORDER BY COUNT(*) DESC, a.id DESC LIMIT :limit")
                .bind("viewer", viewerId).bind("now", now).bind("limit", limit).mapTo(Long.class).list();
    }

    /** The most followed discoverable local accounts (then the most recently active), at most {@code limit}. */
    public List<Long> mostFollowedLocal(Handle h, long viewerId, Instant now, int limit) {
        return h.createQuery("SELECT a.id FROM accounts a WHERE a.domain IS NULL AND a.discoverable = TRUE AND a.moved_to_account_id IS NULL AND "
                        + LISTABLE + FRESH + " ORDER BY a.followers_count DESC,"
                        + " CASE WHEN a.last_status_at IS NULL THEN 1 ELSE 0 END, a.last_status_at DESC, a.id DESC LIMIT :limit")
                .bind("viewer", viewerId).bind("now", now).bind("limit", limit).mapTo(Long.class).list();
    }

    /** Stops suggesting {@code targetId} to the viewer. */
    public void dismissSuggestion(long viewerId, long targetId, Instant now) {
        db.write(h -> h.createUpdate("""
                        INSERT INTO suggestion_dismissals (account_id, target_account_id, created_at) VALUES (:a, :t, :now)
                        ON CONFLICT (account_id, target_account_id) DO NOTHING""")
                .bind("a", viewerId).bind("t", targetId).bind("now", now).execute());
    }

    /** Discoverable accounts, most recently active ({@code newest}: newest) first, without those hidden from the viewer. */
    public List<Long> directory(Long viewerId, boolean localOnly, boolean newest, int offset, int limit, Instant now) {
        String sql = "SELECT a.id FROM accounts a WHERE a.discoverable = TRUE AND a.moved_to_account_id IS NULL AND " + LISTABLE
                + (localOnly ? " AND a.domain IS NULL" : "")
                + (viewerId == null ? "" : NOT_EXCLUDED)
                + (newest ? " ORDER BY a.id DESC" : " ORDER BY CASE WHEN a.last_status_at IS NULL THEN 1 ELSE 0 END, a.last_status_at DESC, a.id DESC")
                + " LIMIT :limit OFFSET :offset";
        return db.read(h -> {
            var q = h.createQuery(sql).bind("limit", limit).bind("offset", offset);
            if (viewerId != null) q.bind("viewer", viewerId.longValue()).bind("now", now);
            return q.mapTo(Long.class).list();
        });
    }

    // ---- Counts for the instance's statistics and contact ----

    private static final String ACTIVE_USERS = """
            SELECT COUNT(*) FROM users u JOIN accounts a ON a.id = u.account_id
            WHERE u.confirmed_at IS NOT NULL AND u.approved = TRUE AND a.suspended_at IS NULL""";

    /** Users with a complete sign-up whose account is not suspended. */
    public long countUsers(Handle h) {
        return h.createQuery(ACTIVE_USERS).mapTo(Long.class).one();
    }

    /** {@link #countUsers} who signed in or posted since {@code since}. */
    public long countUsersActiveSince(Handle h, Instant since) {
        return h.createQuery(ACTIVE_USERS + " AND (u.last_sign_in_at >= :since OR a.last_status_at >= :since)")
                .bind("since", since).mapTo(Long.class).one();
    }

    /** Users who signed in on the web, or had a token issued or used, in [{@code from}, {@code to}). */
    public long countUsersSignedInBetween(Handle h, Instant from, Instant to) {
        return h.createQuery("""
                        SELECT COUNT(*) FROM users u WHERE (u.last_sign_in_at >= :from AND u.last_sign_in_at < :to)
                           OR EXISTS (SELECT 1 FROM oauth_tokens t WHERE t.account_id = u.account_id
                                         AND ((t.created_at >= :from AND t.created_at < :to)
                                              OR (t.last_used_at >= :from AND t.last_used_at < :to)))""")
                .bind("from", from).bind("to", to).mapTo(Long.class).one();
    }

    public long countSignUpsBetween(Handle h, Instant from, Instant to) {
        return h.createQuery("SELECT COUNT(*) FROM users WHERE created_at >= :from AND created_at < :to")
                .bind("from", from).bind("to", to).mapTo(Long.class).one();
    }

    /** How many remote domains have accounts here. */
    public long countRemoteDomains(Handle h) {
        return h.createQuery("SELECT COUNT(DISTINCT domain) FROM accounts WHERE domain IS NOT NULL").mapTo(Long.class).one();
    }

    /** Every remote domain seen through an account or through delivery bookkeeping ({@code instances}), sorted. */
    public List<String> peerDomains() {
        return db.read(h -> h.createQuery("""
                        SELECT domain FROM accounts WHERE domain IS NOT NULL
                        UNION
                        SELECT domain FROM instances
                        ORDER BY 1""").mapTo(String.class).list());
    }

    /** The first enabled, unsuspended owner, else the first such admin. */
    public Optional<Long> firstStaffAccountId() {
        return db.read(h -> h.createQuery("""
                        SELECT u.account_id FROM users u JOIN accounts a ON a.id = u.account_id
                        WHERE u.role_id IN (3, 2) AND a.suspended_at IS NULL AND u.disabled = FALSE
                        ORDER BY CASE WHEN u.role_id = 3 THEN 0 ELSE 1 END, u.id LIMIT 1""")
                .mapTo(Long.class).findOne());
    }

    // ---- Writes: sign-up, profile, remote accounts' moves and deletions ----

    /** The columns of a new local account, bound by name. */
    public record LocalAccountRow(long id, String username, String acctKey, String uri, String url, String inbox, String outbox,
                                  String sharedInbox, String followers, String following, String featured, String featuredTags,
                                  String publicKeyPem, String privateKeyPem, String publicKeyId, Instant now) {}

    /** The columns of a new user, bound by name. */
    public record UserRow(long id, long accountId, String email, String passwordHash, Long roleId, Instant confirmedAt,
                          boolean approved, String locale, String ip, String reason, Instant now) {}

    public boolean acctTaken(Handle h, String acctKey) {
        return h.createQuery("SELECT COUNT(*) FROM accounts WHERE acct_key = :k").bind("k", acctKey).mapTo(Integer.class).one() > 0;
    }

    public boolean emailTaken(Handle h, String email) {
        return h.createQuery("SELECT COUNT(*) FROM users WHERE email = :e").bind("e", email).mapTo(Integer.class).one() > 0;
    }

    public void insertLocal(Handle h, LocalAccountRow r) {
        h.createUpdate("""
                INSERT INTO accounts (id, username, domain, acct_key, uri, url, inbox_url, outbox_url, shared_inbox_url,
                  followers_url, following_url, featured_url, featured_tags_url, public_key_pem, private_key_pem, public_key_id,
                  created_at, updated_at)
                VALUES (:id, :username, NULL, :acctKey, :uri, :url, :inbox, :outbox, :sharedInbox, :followers, :following,
                  :featured, :featuredTags, :publicKeyPem, :privateKeyPem, :publicKeyId, :now, :now)""")
                .bindMethods(r).execute();
    }

    public void insertUser(Handle h, UserRow r) {
        h.createUpdate("""
                INSERT INTO users (id, account_id, email, password_hash, role_id, confirmed_at, approved, locale,
                  sign_up_ip, sign_up_reason, created_at)
                VALUES (:id, :accountId, :email, :passwordHash, :roleId, :confirmedAt, :approved, :locale, :ip, :reason, :now)""")
                .bindMethods(r).execute();
    }

    /** The account row as this transaction sees it. */
    public Account stored(Handle h, long id) {
        return h.createQuery("SELECT * FROM accounts WHERE id = :id").bind("id", id).map(ACCOUNT).one();
    }

    /** The user row (by its own id) as this transaction sees it. */
    public User storedUser(Handle h, long userId) {
        return h.createQuery("SELECT * FROM users WHERE id = :id").bind("id", userId).map(USER).one();
    }

    /** The profile columns a user edits, bound by name. */
    public record ProfileRow(long id, String displayName, String note, String noteSource, String fields, boolean locked, boolean bot,
                             String actorType, boolean discoverable, boolean indexable, boolean hideCollections, Instant now) {}

    public void updateProfile(Handle h, ProfileRow r) {
        h.createUpdate("""
                UPDATE accounts SET display_name = :displayName, note = :note, note_source = :noteSource,
                  fields = :fields, locked = :locked, bot = :bot, actor_type = :actorType,
                  discoverable = :discoverable, indexable = :indexable, hide_collections = :hideCollections,
                  updated_at = :now
                WHERE id = :id""")
                .bindMethods(r).execute();
    }

    public void updateDefaultPrivacy(Handle h, long accountId, String privacy) {
        h.createUpdate("UPDATE users SET default_privacy = :v WHERE account_id = :id").bind("v", privacy).bind("id", accountId).execute();
    }

    public void updateDefaultSensitive(Handle h, long accountId, boolean sensitive) {
        h.createUpdate("UPDATE users SET default_sensitive = :v WHERE account_id = :id").bind("v", sensitive).bind("id", accountId).execute();
    }

    /** Sets the language of new posts (null: none). */
    public void updateDefaultLanguage(Handle h, long accountId, String language) {
        h.createUpdate("UPDATE users SET default_language = :v WHERE account_id = :id").bind("v", language).bind("id", accountId).execute();
    }

    /** Records that {@code accountId} (local or remote) moved to {@code targetId}, in the caller's transaction. */
    public void recordMove(Handle h, long accountId, long targetId, Instant now) {
        h.createUpdate("UPDATE accounts SET moved_to_account_id = :t, updated_at = :now WHERE id = :id")
                .bind("t", targetId).bind("now", now).bind("id", accountId).execute();
    }

    /** Replaces the aliases ({@code alsoKnownAs}, a JSON array of actor URIs) of local {@code accountId}. */
    public void updateAlsoKnownAs(Handle h, long accountId, String uris, Instant now) {
        h.createUpdate("UPDATE accounts SET also_known_as = :aka, updated_at = :now WHERE id = :id AND domain IS NULL")
                .bind("aka", uris).bind("now", now).bind("id", accountId).execute();
    }

    /** Suspends a remote account (it deleted itself); local accounts are left alone. */
    public void suspendRemote(Handle h, long accountId, Instant now) {
        h.createUpdate("UPDATE accounts SET suspended_at = :now, updated_at = :now WHERE id = :id AND domain IS NOT NULL")
                .bind("now", now).bind("id", accountId).execute();
    }

    /** Local accounts whose user holds one of the roles {@code roleIds} and is not disabled. */
    public List<Long> withRoles(Handle h, List<Long> roleIds) {
        if (roleIds.isEmpty()) return List.of();
        return h.createQuery("""
                        SELECT u.account_id FROM users u
                        WHERE u.role_id IN (<roles>) AND u.disabled = FALSE""")
                .bindList("roles", roleIds).mapTo(Long.class).list();
    }

    /**
     * Points the account's avatar ({@code avatar}) or header at another attachment; returns the one it pointed at
     * before, if any.
     */
    public Optional<Long> swapProfileImage(Handle h, long accountId, boolean avatar, long mediaId) {
        String column = avatar ? "avatar_media_id" : "header_media_id";
        Optional<Long> before = h.createQuery("SELECT " + column + " FROM accounts WHERE id = :a").bind("a", accountId)
                .mapTo(Long.class).findOne();
        h.createUpdate("UPDATE accounts SET " + column + " = :m WHERE id = :a").bind("m", mediaId).bind("a", accountId).execute();
        return before;
    }

    /** Whether the account is silenced (kept off public timelines and streams). */
    public boolean silenced(long accountId) {
        return db.read(h -> h.createQuery("SELECT COUNT(*) FROM accounts WHERE id = :id AND silenced_at IS NOT NULL").bind("id", accountId)
                .mapTo(Integer.class).one()) > 0;
    }

    /** Domains of the given accounts (null for local ones); unknown ids are absent. */
    public Map<Long, String> domains(Collection<Long> accountIds) {
        Map<Long, String> out = new HashMap<>();
        db.read(h -> h.createQuery("SELECT id, domain FROM accounts WHERE id IN (<ids>)").bindList("ids", List.copyOf(accountIds))
                .map((rs, ctx) -> {
                    out.put(rs.getLong(1), rs.getString(2));
                    return null;
                }).list());
        return out;
    }

    /** A user's posting defaults and the raw {@code settings} document (JSON) holding the rest of their preferences. */
    public record StoredPreferences(String defaultPrivacy, boolean defaultSensitive, String defaultLanguage, String settings) {}

    public Optional<StoredPreferences> preferences(long accountId) {
        return db.read(h -> h.createQuery("SELECT default_privacy, default_sensitive, default_language, settings FROM users WHERE account_id = :a")
                .bind("a", accountId)
                .map((rs, ctx) -> new StoredPreferences(rs.getString(1), rs.getBoolean(2), rs.getString(3), rs.getString(4)))
                .findOne());
    }

    /** The {@code settings} document of the user of {@code accountId}, read in the caller's transaction. */
    public Optional<String> settings(Handle h, long accountId) {
        return h.createQuery("SELECT settings FROM users WHERE account_id = :a").bind("a", accountId).mapTo(String.class).findOne();
    }

    public void updateSettings(Handle h, long accountId, String settings) {
        h.createUpdate("UPDATE users SET settings = :s WHERE account_id = :a").bind("s", settings).bind("a", accountId).execute();
    }

    /** Of {@code ids}, the local accounts. */
    public List<Long> localAmong(Handle h, Collection<Long> ids) {
        return h.createQuery("SELECT id FROM accounts WHERE id IN (<ids>) AND domain IS NULL")
                .bindList("ids", List.copyOf(ids)).mapTo(Long.class).list();
    }

    /** True when the account is a local one. */
    public boolean local(Handle h, long id) {
        return h.createQuery("SELECT COUNT(*) FROM accounts WHERE id = :id AND domain IS NULL")
                .bind("id", id).mapTo(Integer.class).one() > 0;
    }

    // ---- Facts for the visibility policy, read on its handle ----

    public boolean suspended(Handle h, long id) {
        return h.createQuery("SELECT COUNT(*) FROM accounts WHERE id = :a AND suspended_at IS NOT NULL").bind("a", id)
                .mapTo(Integer.class).one() > 0;
    }

    /** The visible account (see {@link #visibleById}) whose profile page is {@code url}. */
    public Optional<Account> visibleByUrl(String url) {
        return db.read(h -> h.createQuery(VISIBLE + " AND a.url = :u").bind("u", url).map(ACCOUNT).findFirst());
    }

    /** The moderation marks a staff action sets or clears ({@code null}) on an account. */
    public enum Mark { SUSPENDED("suspended_at"), SILENCED("silenced_at"), SENSITIZED("sensitized_at");
        final String column;
        Mark(String column) { this.column = column; }
    }

    public void mark(Handle h, long accountId, Mark mark, Instant at, Instant now) {
        h.createUpdate("UPDATE accounts SET " + mark.column + " = :at, updated_at = :now WHERE id = :id")
                .bind("at", at).bind("now", now).bind("id", accountId).execute();
    }

    /** Sets {@code mark} at {@code at} on every account of {@code domains} that has none yet; returns their ids. */
    public List<Long> markDomain(Handle h, Collection<String> domains, Mark mark, Instant at) {
        if (domains.isEmpty()) return List.of();
        List<Long> ids = h.createQuery("SELECT id FROM accounts WHERE domain IN (<d>) AND " + mark.column + " IS NULL")
                .bindList("d", List.copyOf(domains)).mapTo(Long.class).list();
        if (!ids.isEmpty())
            h.createUpdate("UPDATE accounts SET " + mark.column + " = :at, updated_at = :at WHERE id IN (<ids>)")
                    .bind("at", at).bindList("ids", ids).execute();
        return ids;
    }

    /** Clears {@code mark} on accounts of {@code domains} that got it at exactly {@code at} (by the domain block). */
    public void unmarkDomain(Handle h, Collection<String> domains, Mark mark, Instant at, Instant now) {
        if (domains.isEmpty()) return;
        h.createUpdate("UPDATE accounts SET " + mark.column + " = NULL, updated_at = :now WHERE domain IN (<d>) AND " + mark.column + " = :at")
                .bindList("d", List.copyOf(domains)).bind("at", at).bind("now", now).execute();
    }

    /** Remote domains Atoll knows accounts of whose name contains {@code domain} (the caller keeps those it covers). */
    public List<String> knownDomainsUnder(Handle h, String domain) {
        return h.createQuery("SELECT DISTINCT domain FROM accounts WHERE domain IS NOT NULL AND LOWER(domain) LIKE :d")
                .bind("d", "%" + domain.toLowerCase(java.util.Locale.ROOT) + "%").mapTo(String.class).list();
    }

    public void setDisabled(Handle h, long accountId, boolean disabled) {
        h.createUpdate("UPDATE users SET disabled = :v WHERE account_id = :a").bind("v", disabled).bind("a", accountId).execute();
    }

    /** Marks a user's address confirmed (an administrator vouching for it); false when it already was. */
    public boolean setConfirmed(Handle h, long accountId, java.time.Instant now) {
        return h.createUpdate("UPDATE users SET confirmed_at = :now WHERE account_id = :a AND confirmed_at IS NULL")
                .bind("now", now).bind("a", accountId).execute() == 1;
    }

    public void setApproved(Handle h, long accountId) {
        h.createUpdate("UPDATE users SET approved = TRUE WHERE account_id = :a").bind("a", accountId).execute();
    }

    /** Gives the account's user the role {@code roleId} (null: only the everyone role). */
    public void setRole(Handle h, long accountId, Long roleId) {
        h.createUpdate("UPDATE users SET role_id = :r WHERE account_id = :a").bind("r", roleId).bind("a", accountId).execute();
    }

    /** Records the app a user signed up through (the dashboard's sign-up sources). */
    public void setCreatedByApplication(long userId, long appId) {
        db.write(h -> h.createUpdate("UPDATE users SET created_by_application_id = :app WHERE id = :id").bind("app", appId).bind("id", userId).execute());
    }

    /** Forgets the avatar and header media of an account, before its media rows are removed. */
    public void dropProfileMedia(Handle h, long accountId) {
        h.createUpdate("UPDATE accounts SET avatar_media_id = NULL, header_media_id = NULL WHERE id = :a").bind("a", accountId).execute();
    }

    /** Removes an account and everything that cascades from it (a rejected sign-up). */
    public void deleteAccount(Handle h, long accountId) {
        h.createUpdate("DELETE FROM users WHERE account_id = :a").bind("a", accountId).execute();
        h.createUpdate("DELETE FROM accounts WHERE id = :a").bind("a", accountId).execute();
    }

    /**
     * Deletes a suspended local account's profile and sign-in, keeping its row as a stub that reserves the
     * username (as Mastodon does), so its actor stays gone and the name is never given to someone else.
     */
    public void eraseLocalProfile(Handle h, long accountId, Instant now) {
        h.createUpdate("DELETE FROM users WHERE account_id = :a").bind("a", accountId).execute();
        h.createUpdate("""
                        UPDATE accounts SET display_name = '', note = '', note_source = '', fields = '[]', avatar_media_id = NULL,
                            header_media_id = NULL, also_known_as = '[]', updated_at = :now WHERE id = :a AND domain IS NULL""")
                .bind("a", accountId).bind("now", now).execute();
    }
}
