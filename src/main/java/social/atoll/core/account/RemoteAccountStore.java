package social.atoll.core.account;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import social.atoll.infra.db.Database;
import social.atoll.infra.db.JsonColumns;
import social.atoll.infra.ids.IdGenerator;

/**
 * SQL for the remote side of {@code accounts}: actors stored and refreshed from their documents (keyed on the actor
 * id, {@code uri}), their key ids, when they were last read, and the counts their servers report. A handle that
 * another (older) actor still holds is taken over: the old row keeps its content but gives up its {@code acct_key},
 * as Mastodon does when a username is reused after a deletion.
 */
public final class RemoteAccountStore {

    private final Database db;
    private final IdGenerator ids;
    private final JsonColumns json;

    /**
     * Marks a newly known account as the domain block covering it says (silenced or suspended at the block's time,
     * as Mastodon's {@code DomainBlock} does for accounts it meets later); answers the account as stored.
     */
    public interface NewAccountRule { Account apply(org.jdbi.v3.core.Handle h, Account created); }

    private NewAccountRule domainBlockMark;

    /** Set once by the wiring: moderation's rule for accounts first met on a blocked domain. */
    public void markNewAccountsWith(NewAccountRule rule) { this.domainBlockMark = rule; }

    public RemoteAccountStore(Database db, IdGenerator ids, JsonColumns json) {
        this.db = db;
        this.ids = ids;
        this.json = json;
    }

    /** When the actor document was last read, for an account that has been fetched at all. */
    public Optional<Instant> fetchedAt(long accountId) {
        return db.read(h -> h.createQuery("SELECT fetched_at FROM accounts WHERE id = :id").bind("id", accountId)
                .mapTo(Long.class).findOne().map(Instant::ofEpochMilli));
    }

    public Optional<Account> byPublicKeyId(String keyId) {
        return db.read(h -> h.createQuery("SELECT * FROM accounts WHERE public_key_id = :k").bind("k", keyId)
                .map(AccountStore.ACCOUNT).findFirst());
    }

    /**
     * Inserts or refreshes the account for {@code actor} under the handle {@code username@domain}, read at
     * {@code now}; {@code inTransaction} gets the stored account inside the same write (to enqueue work on it).
     */
    public Account upsert(RemoteActor actor, String domain, Instant now, Consumer<Account> inTransaction) {
        String fields = write(fieldsOf(actor));
        String aka = write(actor.alsoKnownAs());
        String key = Account.key(actor.username(), domain);
        long newId = ids.next();
        return db.write(h -> {
            // a different actor holding this handle gives it up
            h.createUpdate("UPDATE accounts SET acct_key = acct_key || '#' || CAST(id AS TEXT) WHERE acct_key = :k AND uri <> :uri")
                    .bind("k", key).bind("uri", actor.uri()).execute();
            Long movedTo = actor.movedTo() == null ? null : h.createQuery("SELECT id FROM accounts WHERE uri = :u")
                    .bind("u", actor.movedTo()).mapTo(Long.class).findOne().orElse(null);
            h.createUpdate("""
                    INSERT INTO accounts (id, username, domain, acct_key, display_name, note, fields, uri, url, actor_type,
                      inbox_url, outbox_url, shared_inbox_url, followers_url, following_url, featured_url, featured_tags_url,
                      public_key_pem, public_key_id, avatar_remote_url, header_remote_url, locked, bot, discoverable, indexable,
                      memorial, moved_to_account_id, also_known_as, suspended_at, fetched_at, created_at, updated_at)
                    VALUES (:id, :username, :domain, :key, :name, :note, :fields, :uri, :url, :type, :inbox, :outbox, :shared,
                      :followers, :following, :featured, :featuredTags, :pem, :keyId, :avatar, :header, :locked, :bot,
                      :discoverable, :indexable, :memorial, :movedTo, :aka, :suspended, :now, :created, :now)
                    ON CONFLICT (uri) DO UPDATE SET username = excluded.username, domain = excluded.domain,
                      acct_key = excluded.acct_key, display_name = excluded.display_name, note = excluded.note,
                      fields = excluded.fields, url = excluded.url, actor_type = excluded.actor_type,
                      inbox_url = excluded.inbox_url, outbox_url = excluded.outbox_url,
                      shared_inbox_url = excluded.shared_inbox_url, followers_url = excluded.followers_url,
                      following_url = excluded.following_url, featured_url = excluded.featured_url,
                      featured_tags_url = excluded.featured_tags_url, public_key_pem = excluded.public_key_pem,
                      public_key_id = excluded.public_key_id, avatar_remote_url = excluded.avatar_remote_url,
                      header_remote_url = excluded.header_remote_url, locked = excluded.locked, bot = excluded.bot,
                      discoverable = excluded.discoverable, indexable = excluded.indexable, memorial = excluded.memorial,
                      moved_to_account_id = excluded.moved_to_account_id, also_known_as = excluded.also_known_as,
                      fetched_at = excluded.fetched_at, updated_at = excluded.updated_at""")
                    .bind("id", newId).bind("username", actor.username()).bind("domain", domain).bind("key", key)
                    .bind("name", actor.displayName()).bind("note", actor.note()).bind("fields", fields)
                    .bind("uri", actor.uri()).bind("url", actor.url()).bind("type", actor.type())
                    .bind("inbox", actor.inbox()).bind("outbox", actor.outbox()).bind("shared", actor.sharedInbox())
                    .bind("followers", actor.followers()).bind("following", actor.following())
                    .bind("featured", actor.featured()).bind("featuredTags", actor.featuredTags())
                    .bind("pem", actor.publicKeyPem()).bind("keyId", actor.publicKeyId())
                    .bind("avatar", actor.avatarUrl()).bind("header", actor.headerUrl())
                    .bind("locked", actor.locked()).bind("bot", actor.bot()).bind("discoverable", actor.discoverable())
                    .bind("indexable", actor.indexable()).bind("memorial", actor.memorial()).bind("movedTo", movedTo)
                    .bind("aka", aka).bind("suspended", actor.suspended() ? now : null)
                    .bind("now", now).bind("created", actor.published() != null && actor.published().isBefore(now) ? actor.published() : now)
                    .execute();
            Account stored = h.createQuery("SELECT * FROM accounts WHERE uri = :u").bind("u", actor.uri()).map(AccountStore.ACCOUNT).one();
            if (stored.id() == newId && domainBlockMark != null) stored = domainBlockMark.apply(h, stored);
            inTransaction.accept(stored);
            return stored;
        });
    }

    /** The URL of the account's {@code featuredTags} collection, when its actor names one. */
    public Optional<String> featuredTagsUrl(long accountId) {
        return db.read(h -> h.createQuery("SELECT featured_tags_url FROM accounts WHERE id = :id").bind("id", accountId)
                .mapTo(String.class).findOne());
    }

    /** Sets the counts a remote server reports; a null count (hidden collection) stays as it was. */
    public void updateCounts(long accountId, Integer statuses, Integer followers, Integer following) {
        db.write(h -> h.createUpdate("""
                        UPDATE accounts SET statuses_count = COALESCE(:s, statuses_count), followers_count = COALESCE(:f, followers_count),
                          following_count = COALESCE(:g, following_count) WHERE id = :id""")
                .bind("s", statuses).bind("f", followers).bind("g", following).bind("id", accountId).execute());
    }

    /** Up to {@code limit} remote accounts, not suspended, last read before {@code before}: the stalest first. */
    public List<Long> staleIds(Instant before, int limit) {
        return db.read(h -> h.createQuery("""
                        SELECT id FROM accounts
                        WHERE domain IS NOT NULL AND suspended_at IS NULL AND COALESCE(fetched_at, 0) < :before
                        ORDER BY COALESCE(fetched_at, 0), id LIMIT :batch""")
                .bind("before", before).bind("batch", limit).mapTo(Long.class).list());
    }

    /** Records {@code at} as the time the account's document was last read. */
    public void markFetched(long accountId, Instant at) {
        db.write(h -> h.createUpdate("UPDATE accounts SET fetched_at = :t WHERE id = :id").bind("t", at).bind("id", accountId).execute());
    }

    /** Profile fields in the shape the API views read ({@code name, value, value_source, verified_at}). */
    private static List<Map<String, Object>> fieldsOf(RemoteActor actor) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (RemoteActor.Field f : actor.fields()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", f.name());
            m.put("value", f.value());
            m.put("value_source", null);
            m.put("verified_at", null);
            out.add(m);
        }
        return out;
    }

    private String write(Object value) { return json.write(value); }
}
