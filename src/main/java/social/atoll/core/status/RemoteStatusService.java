package social.atoll.core.status;

import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import social.atoll.infra.db.Database;
import social.atoll.infra.events.EventBus;
import social.atoll.infra.ids.IdGenerator;

/**
 * Statuses, boosts and edits that other servers send: stored in the same tables as local ones and announced with the
 * same {@link StatusEvents}, so home feeds, notifications and counters treat them like any status. Every method is
 * idempotent on the ActivityPub id, because deliveries are retried and re-sent.
 */
public final class RemoteStatusService {

    private final Database db;
    private final StatusStore statuses;
    private final StatusService statusService;
    private final IdGenerator ids;
    private final Clock clock;
    private final EventBus events;

    public RemoteStatusService(Database db, StatusStore statuses, StatusService statusService, IdGenerator ids, Clock clock, EventBus events) {
        this.db = db;
        this.statuses = statuses;
        this.statusService = statusService;
        this.ids = ids;
        this.clock = clock;
        this.events = events;
    }

    /** The stored status (or boost) with this ActivityPub id. */
    public Optional<Status> byUri(String uri) {
        return db.read(h -> h.createQuery("SELECT * FROM statuses WHERE uri = :uri AND deleted_at IS NULL")
                .bind("uri", uri).map(StatusStore.STATUS).findOne());
    }

    /**
     * Stores a remote status with its mentions and tags, threaded under its parent when the parent is known, and
     * announces it. Returns the stored status (the earlier one if this id was stored before).
     */
    public Status create(RemoteNote n) {
        return db.write(h -> {
            Optional<Status> existing = byUri(n.uri());
            if (existing.isPresent()) return existing.get();
            Status parent = n.inReplyToUri() == null ? null : byUri(n.inReplyToUri()).orElse(null);
            if (parent != null && parent.isReblog()) parent = null;
            long id = ids.next();
            Instant now = clock.instant();
            Instant created = n.createdAt() == null || n.createdAt().isAfter(now) ? now : n.createdAt();
            h.createUpdate("""
                    INSERT INTO statuses (id, uri, url, account_id, local, in_reply_to_id, in_reply_to_account_id,
                      in_reply_to_uri, conversation_id, content, spoiler_text, sensitive, visibility, language,
                      created_at, updated_at)
                    VALUES (:id, :uri, :url, :account, FALSE, :replyTo, :replyToAccount, :replyToUri, :conversation,
                      :content, :spoiler, :sensitive, :visibility, :language, :created, :now)""")
                    .bind("id", id).bind("uri", n.uri()).bind("url", n.url()).bind("account", n.accountId())
                    .bind("replyTo", parent == null ? null : parent.id())
                    .bind("replyToAccount", parent == null ? null : parent.accountId())
                    .bind("replyToUri", n.inReplyToUri())
                    .bind("conversation", parent == null ? id : (parent.conversationId() != null ? parent.conversationId() : parent.id()))
                    .bind("content", n.content() == null ? "" : n.content())
                    .bind("spoiler", n.spoilerText() == null ? "" : n.spoilerText())
                    .bind("sensitive", n.sensitive()).bind("visibility", n.visibility().id())
                    .bind("language", n.language()).bind("created", created).bind("now", now)
                    .execute();
            Set<Long> mentioned = new LinkedHashSet<>(n.mentionedAccountIds());
            mentioned.remove(n.accountId());
            Set<Long> silent = new LinkedHashSet<>(n.silentAccountIds());
            silent.removeAll(mentioned);
            silent.remove(n.accountId());
            for (long a : mentioned) mention(h, id, a, false);
            for (long a : silent) mention(h, id, a, true);
            if (n.visibility() == Visibility.LIMITED) {
                Set<Long> audience = new LinkedHashSet<>(mentioned);
                audience.addAll(silent);
                for (long a : audience)
                    h.createUpdate("INSERT INTO status_audiences (status_id, account_id) VALUES (:s, :a) ON CONFLICT DO NOTHING")
                            .bind("s", id).bind("a", a).execute();
            }
            if (n.visibility() == Visibility.PUBLIC || n.visibility() == Visibility.UNLISTED)
                for (String tag : new LinkedHashSet<>(n.tags())) attachTag(h, id, tag, now);
            int position = 0;
            for (RemoteNote.Media m : n.media()) {
                String meta = m.width() == null || m.height() == null ? "{}"
                        : "{\"original\":{\"width\":" + m.width() + ",\"height\":" + m.height() + "}}";
                h.createUpdate("""
                        INSERT INTO media_attachments (id, account_id, status_id, type, remote_url, content_type, meta,
                          description, blurhash, position, created_at, updated_at)
                        VALUES (:id, :a, :s, :type, :url, :ct, :meta, :desc, :blurhash, :pos, :now, :now)""")
                        .bind("id", ids.next()).bind("a", n.accountId()).bind("s", id).bind("type", m.type())
                        .bind("url", m.url()).bind("ct", m.contentType()).bind("meta", meta).bind("desc", m.description())
                        .bind("blurhash", m.blurhash()).bind("pos", position++).bind("now", now).execute();
            }
            Status stored = h.createQuery("SELECT * FROM statuses WHERE id = :id").bind("id", id).map(StatusStore.STATUS).one();
            StatusService.countCreated(h, stored, now);
            adoptOrphans(h, stored);
            events.publish(new StatusEvents.StatusCreated(stored, null, List.copyOf(mentioned)));
            return stored;
        });
    }

    /** Replies that arrived before this status point at it by URI only; thread them under it now. */
    private static void adoptOrphans(Handle h, Status parent) {
        h.createUpdate("""
                UPDATE statuses SET in_reply_to_id = :id, in_reply_to_account_id = :account
                WHERE in_reply_to_uri = :uri AND in_reply_to_id IS NULL""")
                .bind("id", parent.id()).bind("account", parent.accountId()).bind("uri", parent.uri()).execute();
    }

    private void mention(Handle h, long statusId, long accountId, boolean silent) {
        h.createUpdate("INSERT INTO mentions (id, status_id, account_id, silent) VALUES (:id, :s, :a, :silent) ON CONFLICT DO NOTHING")
                .bind("id", ids.next()).bind("s", statusId).bind("a", accountId).bind("silent", silent).execute();
    }

    private void attachTag(Handle h, long statusId, String name, Instant now) {
        String key = Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        if (key.isBlank()) return;
        h.createUpdate("INSERT INTO tags (id, name, name_key, created_at) VALUES (:id, :name, :key, :now) ON CONFLICT (name_key) DO NOTHING")
                .bind("id", ids.next()).bind("name", name).bind("key", key).bind("now", now).execute();
        long tagId = h.createQuery("SELECT id FROM tags WHERE name_key = :key").bind("key", key).mapTo(Long.class).one();
        h.createUpdate("INSERT INTO status_tags (status_id, tag_id) VALUES (:s, :t) ON CONFLICT DO NOTHING")
                .bind("s", statusId).bind("t", tagId).execute();
    }

    /**
     * Applies an edit from the author: the previous version goes to {@code status_edits} (the edit history), the
     * status takes the new text. Returns false when there is no such status of that author.
     */
    public boolean edit(String uri, long authorId, String content, String spoilerText, boolean sensitive, Instant editedAt) {
        return db.write(h -> {
            Status s = byUri(uri).filter(st -> st.accountId() == authorId && !st.isReblog()).orElse(null);
            if (s == null) return false;
            Instant when = editedAt == null ? clock.instant() : editedAt;
            if (s.editedAt() != null && !when.isAfter(s.editedAt())) return true; // an older edit arriving late
            boolean firstEdit = h.createQuery("SELECT COUNT(*) FROM status_edits WHERE status_id = :s").bind("s", s.id())
                    .mapTo(Integer.class).one() == 0;
            if (firstEdit) recordVersion(h, s, s.content(), s.spoilerText(), s.sensitive(), s.createdAt());
            recordVersion(h, s, content, spoilerText, sensitive, when);
            h.createUpdate("""
                    UPDATE statuses SET content = :content, spoiler_text = :spoiler, sensitive = :sensitive,
                      edited_at = :when, updated_at = :now WHERE id = :id""")
                    .bind("content", content).bind("spoiler", spoilerText == null ? "" : spoilerText)
                    .bind("sensitive", sensitive).bind("when", when).bind("now", clock.instant()).bind("id", s.id())
                    .execute();
            Status after = h.createQuery("SELECT * FROM statuses WHERE id = :id").bind("id", s.id()).map(StatusStore.STATUS).one();
            List<Long> mentioned = h.createQuery("SELECT account_id FROM mentions WHERE status_id = :s AND silent = FALSE ORDER BY id")
                    .bind("s", s.id()).mapTo(Long.class).list();
            events.publish(new StatusEvents.StatusUpdated(after, s, mentioned));
            return true;
        });
    }

    private void recordVersion(Handle h, Status s, String content, String spoiler, boolean sensitive, Instant at) {
        h.createUpdate("""
                INSERT INTO status_edits (id, status_id, account_id, content, spoiler_text, sensitive, created_at)
                VALUES (:id, :s, :a, :content, :spoiler, :sensitive, :at)""")
                .bind("id", ids.next()).bind("s", s.id()).bind("a", s.accountId()).bind("content", content)
                .bind("spoiler", spoiler == null ? "" : spoiler).bind("sensitive", sensitive).bind("at", at).execute();
    }

    /**
     * Deletes the status (or boost) with this id if {@code authorId} wrote it; returns whether one went. The id is
     * remembered for {@link #TOMBSTONE_DAYS} days (unless it belongs to someone else's stored status), so that a Create
     * overtaken by its Delete, or re-sent after it, is refused. The caller checks that the id is on the author's server.
     */
    public boolean delete(String uri, long authorId) {
        return db.write(h -> {
            Optional<Status> found = byUri(uri);
            if (found.isPresent() && found.get().accountId() != authorId) return false;
            long now = clock.millis();
            h.createUpdate("INSERT INTO status_tombstones (uri, deleted_at) VALUES (:u, :now) ON CONFLICT DO NOTHING")
                    .bind("u", uri).bind("now", now).execute();
            if (java.util.concurrent.ThreadLocalRandom.current().nextInt(256) == 0)
                h.createUpdate("DELETE FROM status_tombstones WHERE deleted_at < :cutoff")
                        .bind("cutoff", now - java.time.Duration.ofDays(TOMBSTONE_DAYS).toMillis()).execute();
            if (found.isEmpty()) return false;
            statusService.delete(found.get());
            return true;
        });
    }

    static final int TOMBSTONE_DAYS = 7;

    /** Was a status with this id deleted recently (see {@link #delete})? */
    public boolean tombstoned(String uri) {
        long cutoff = clock.millis() - java.time.Duration.ofDays(TOMBSTONE_DAYS).toMillis();
        return db.read(h -> h.createQuery("SELECT COUNT(*) FROM status_tombstones WHERE uri = :u AND deleted_at >= :cutoff")
                .bind("u", uri).bind("cutoff", cutoff).mapTo(Integer.class).one()) > 0;
    }

    /** Deletes every status of an account that left (an actor Delete); returns how many. */
    public int deleteAllOf(long authorId) {
        List<Status> all = db.read(h -> h.createQuery("SELECT * FROM statuses WHERE account_id = :a").bind("a", authorId)
                .map(StatusStore.STATUS).list());
        db.write(h -> {
            for (Status s : all) if (statuses.byId(s.id()).isPresent()) statusService.delete(s);
            return null;
        });
        return all.size();
    }

    /**
     * A remote account boosts {@code original} with the Announce {@code uri}; returns the boost (the earlier one
     * when this Announce, or a boost of the same status by the same account, is already stored).
     */
    public Status reblog(long boosterId, Status original, String uri, Visibility vis, Instant createdAt) {
        return db.write(h -> {
            Optional<Status> existing = byUri(uri).or(() -> statuses.reblogBy(boosterId, original.id()));
            if (existing.isPresent()) return existing.get();
            long id = ids.next();
            Instant now = clock.instant();
            Instant created = createdAt == null || createdAt.isAfter(now) ? now : createdAt;
            h.createUpdate("""
                    INSERT INTO statuses (id, uri, account_id, local, reblog_of_id, visibility, created_at, updated_at)
                    VALUES (:id, :uri, :account, FALSE, :original, :visibility, :created, :now)""")
                    .bind("id", id).bind("uri", uri).bind("account", boosterId).bind("original", original.id())
                    .bind("visibility", vis.id()).bind("created", created).bind("now", now).execute();
            Status boost = h.createQuery("SELECT * FROM statuses WHERE id = :id").bind("id", id).map(StatusStore.STATUS).one();
            StatusService.countCreated(h, boost, now);
            events.publish(new StatusEvents.StatusCreated(boost, original, List.of()));
            return boost;
        });
    }

    /** Takes back a remote boost, found by its Announce id or else by (booster, boosted status id). */
    public boolean unreblog(long boosterId, String announceUri, String originalUri) {
        return db.write(h -> {
            Optional<Status> boost = byUri(announceUri).filter(s -> s.accountId() == boosterId && s.isReblog());
            if (boost.isEmpty() && originalUri != null)
                boost = byUri(originalUri).flatMap(o -> statuses.reblogBy(boosterId, o.id()));
            if (boost.isEmpty()) return false;
            Status original = statuses.byId(boost.get().reblogOfId()).orElse(null);
            statusService.remove(h, boost.get(), original);
            return true;
        });
    }

    /** Pins (or unpins) a remote account's own status, as its {@code featured} collection says. */
    public void setPinned(Status s, boolean pinned) {
        db.write(h -> {
            if (pinned)
                h.createUpdate("""
                        INSERT INTO status_pins (id, account_id, status_id, created_at) VALUES (:id, :a, :s, :now)
                        ON CONFLICT (account_id, status_id) DO NOTHING""")
                        .bind("id", ids.next()).bind("a", s.accountId()).bind("s", s.id()).bind("now", clock.instant()).execute();
            else
                h.createUpdate("DELETE FROM status_pins WHERE account_id = :a AND status_id = :s")
                        .bind("a", s.accountId()).bind("s", s.id()).execute();
            return null;
        });
    }
}
