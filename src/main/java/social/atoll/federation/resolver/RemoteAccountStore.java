package social.atoll.federation.resolver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import social.atoll.core.account.Account;
import social.atoll.core.account.AccountStore;
import social.atoll.federation.vocab.RemoteActor;
import social.atoll.infra.db.Database;
import social.atoll.infra.db.RecordMapper;
import social.atoll.infra.ids.IdGenerator;

/**
 * Stores remote actors in {@code accounts}, keyed on the actor id ({@code uri}). A handle that another (older) actor
 * still holds is taken over: the old row keeps its content but gives up its {@code acct_key}, as Mastodon does when
 * a username is reused after a deletion.
 */
final class RemoteAccountStore {

    private static final org.jdbi.v3.core.mapper.RowMapper<Account> ACCOUNT = RecordMapper.of(Account.class);

    private final Database db;
    private final IdGenerator ids;
    private final ObjectMapper json;
    private final RemoteCounts counts;

    RemoteAccountStore(Database db, IdGenerator ids, ObjectMapper json, RemoteCounts counts) {
        this.db = db;
        this.ids = ids;
        this.json = json;
        this.counts = counts;
    }

    /** When the actor document was last read, for an account that has been fetched at all. */
    Optional<Instant> fetchedAt(long accountId) {
        return db.read(h -> h.createQuery("SELECT fetched_at FROM accounts WHERE id = :id").bind("id", accountId)
                .mapTo(Long.class).findOne().map(Instant::ofEpochMilli));
    }

    Optional<Account> byPublicKeyId(String keyId) {
        return db.read(h -> h.createQuery("SELECT * FROM accounts WHERE public_key_id = :k").bind("k", keyId).map(ACCOUNT).findFirst());
    }

    /** Inserts or refreshes the account for {@code actor} under the handle {@code username@domain}. */
    Account upsert(RemoteActor actor, String domain, Instant now) {
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
            Account stored = byUri(h, actor.uri());
            if (counts != null) counts.enqueue(stored.id());
            return stored;
        });
    }

    private static Account byUri(Handle h, String uri) {
        return h.createQuery("SELECT * FROM accounts WHERE uri = :u").bind("u", uri).map(ACCOUNT).one();
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

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
