package social.atoll.core.status;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import social.atoll.core.media.MediaStore;
import social.atoll.core.media.MediaMeta;
import social.atoll.infra.db.Database;
import social.atoll.infra.db.JsonColumns;
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
    private final StatusRelations relations;
    private final StatusEditStore edits;
    private final MediaStore media;
    private final StatusService statusService;
    private final IdGenerator ids;
    private final Clock clock;
    private final EventBus events;
    private final JsonColumns json;
    private final social.atoll.core.interaction.InteractionPolicies policies;
    private final PendingStatuses pending;

    public RemoteStatusService(Database db, StatusStore statuses, StatusRelations relations, StatusEditStore edits, MediaStore media,
                               StatusService statusService, IdGenerator ids, Clock clock, EventBus events, JsonColumns json,
                               social.atoll.core.interaction.InteractionPolicies policies, PendingStatuses pending) {
        this.policies = policies;
        this.pending = pending;
        this.db = db;
        this.statuses = statuses;
        this.relations = relations;
        this.edits = edits;
        this.media = media;
        this.statusService = statusService;
        this.ids = ids;
        this.clock = clock;
        this.events = events;
        this.json = json;
    }

    /** The stored status (or boost) with this ActivityPub id. */
    public Optional<Status> byUri(String uri) { return statuses.byUri(uri); }

    /**
     * Stores a remote status with its mentions and tags, threaded under its parent when the parent is known, and
     * announces it. Returns the stored status (the earlier one if this id was stored before).
     */
    public Status create(RemoteNote n) { return create(n, false); }

    /**
     * As {@link #create(RemoteNote)}; a reply to a local status goes by that status's interaction policy (the caller
     * refused a forbidden one): "with approval" is stored held until the local author answers, unless
     * {@code approved} (it carries an approval this server issued); allowed only through the followers or following
     * collection, it is approved at once and the approval sent back.
     */
    public Status create(RemoteNote n, boolean approved) { return create(n, approved, false); }

    /**
     * A reply to another server's post whose policy asks that post's author to approve it and that carries no
     * approval confirmed at its source: stored held (seen by nobody here but its author and the author it answers,
     * not counted), as a held reply to a local post is; only that other server can approve it.
     */
    public Status createAwaitingApproval(RemoteNote n) { return create(n, false, true); }

    private Status create(RemoteNote n, boolean approved, boolean awaitingApproval) {
        return db.write(h -> {
            Optional<Status> existing = byUri(n.uri());
            if (existing.isPresent()) return existing.get();
            Status parent = n.inReplyToUri() == null ? null : byUri(n.inReplyToUri()).orElse(null);
            if (parent != null && parent.isReblog()) parent = null;
            long id = ids.next();
            Instant now = clock.instant();
            Instant created = n.createdAt() == null || n.createdAt().isAfter(now) ? now : n.createdAt();
            StatusStore.Threading threading = parent == null ? new StatusStore.Threading(null, null, id)
                    : new StatusStore.Threading(parent.id(), parent.accountId(),
                            parent.conversationId() != null ? parent.conversationId() : parent.id());
            statuses.insertRemote(h, id, n, threading, created, now);
            Set<Long> mentioned = new LinkedHashSet<>(n.mentionedAccountIds());
            mentioned.remove(n.accountId());
            Set<Long> silent = new LinkedHashSet<>(n.silentAccountIds());
            silent.removeAll(mentioned);
            silent.remove(n.accountId());
            for (long a : mentioned) statuses.insertMention(h, id, a, false);
            for (long a : silent) statuses.insertMention(h, id, a, true);
            if (n.visibility() == Visibility.LIMITED) {
                Set<Long> audience = new LinkedHashSet<>(mentioned);
                audience.addAll(silent);
                for (long a : audience) relations.insertAudience(h, id, a);
            }
            if (n.visibility() == Visibility.PUBLIC || n.visibility() == Visibility.UNLISTED)
                for (String tag : new LinkedHashSet<>(n.tags())) {
                    if (!StatusStore.tagKey(tag).isBlank()) statuses.attachTag(h, id, tag, now);
                }
            int position = 0;
            for (RemoteNote.Media m : n.media()) {
                MediaMeta meta = new MediaMeta(m.width() == null || m.height() == null ? null : MediaMeta.Size.of(m.width(), m.height()),
                        null, m.focus());
                media.insertRemote(h, ids.next(), n.accountId(), id, m.type(), m.url(), m.contentType(), meta.write(json),
                        m.description(), m.blurhash(), position++, now);
            }
            Status stored = statuses.stored(h, id);
            if (awaitingApproval) return pending.hold(h, stored);
            if (parent != null && parent.local() && !approved) {
                var check = policies.check(n.accountId(), parent, social.atoll.core.interaction.InteractionPolicy.Type.REPLY);
                if (check.held(true)) {
                    Status held = pending.hold(h, stored);
                    policies.hold(h, social.atoll.core.interaction.InteractionPolicy.Type.REPLY, parent, n.accountId(), held, n.uri(), null);
                    return held;
                }
                if (check.onCollection())
                    policies.preApprove(h, social.atoll.core.interaction.InteractionPolicy.Type.REPLY, parent, n.accountId(), stored, n.uri());
            }
            StatusService.countCreated(h, stored, now);
            statuses.adoptReplies(h, stored);
            events.publish(new StatusEvents.StatusCreated(stored, null, List.copyOf(mentioned)));
            return stored;
        });
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
            if (!edits.hasVersions(s.id())) edits.insertRemote(s, s.content(), s.spoilerText(), s.sensitive(), s.createdAt());
            edits.insertRemote(s, content, spoilerText, sensitive, when);
            statuses.updateText(h, s.id(), content, spoilerText, sensitive, when, clock.instant());
            Status after = statuses.stored(h, s.id());
            List<Long> mentioned = relations.mentions(List.of(s.id())).getOrDefault(s.id(), List.of());
            events.publish(new StatusEvents.StatusUpdated(after, s, mentioned));
            return true;
        });
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
            relations.insertTombstone(h, uri, now);
            if (java.util.concurrent.ThreadLocalRandom.current().nextInt(256) == 0)
                relations.deleteTombstonesBefore(h, now - java.time.Duration.ofDays(TOMBSTONE_DAYS).toMillis());
            if (found.isEmpty()) return false;
            statusService.delete(found.get());
            return true;
        });
    }

    static final int TOMBSTONE_DAYS = 7;

    /** Was a status with this id deleted recently (see {@link #delete})? */
    public boolean tombstoned(String uri) {
        long cutoff = clock.millis() - java.time.Duration.ofDays(TOMBSTONE_DAYS).toMillis();
        return relations.tombstoned(uri, cutoff);
    }

    /** Deletes every status of an account that left (an actor Delete); returns how many. */
    public int deleteAllOf(long authorId) {
        List<Status> all = statuses.allRowsOf(authorId);
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
        // a local post's interaction policy: a forbidden boost is refused (a Reject goes back), "with approval" held
        var check = original.local() ? policies.check(boosterId, original, social.atoll.core.interaction.InteractionPolicy.Type.REBLOG)
                : social.atoll.core.interaction.InteractionPolicy.Check.AUTOMATIC;
        if (check.forbidden()) {
            if (byUri(uri).isEmpty()) policies.refuse(social.atoll.core.interaction.InteractionPolicy.Type.REBLOG, original, boosterId, uri);
            return null;
        }
        return db.write(h -> {
            Optional<Status> existing = byUri(uri).or(() -> statuses.reblogBy(boosterId, original.id()));
            if (existing.isPresent()) return existing.get();
            long id = ids.next();
            Instant now = clock.instant();
            Instant created = createdAt == null || createdAt.isAfter(now) ? now : createdAt;
            statuses.insertRemoteReblog(h, id, uri, boosterId, original.id(), vis, created, now);
            Status boost = statuses.stored(h, id);
            if (check.held(true)) {
                Status held = pending.hold(h, boost);
                policies.hold(h, social.atoll.core.interaction.InteractionPolicy.Type.REBLOG, original, boosterId, held, uri, vis);
                return held;
            }
            if (check.onCollection())
                policies.preApprove(h, social.atoll.core.interaction.InteractionPolicy.Type.REBLOG, original, boosterId, boost, uri);
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
            if (pinned) relations.insertPin(h, ids.next(), s.accountId(), s.id(), clock.instant());
            else relations.deletePin(h, s.accountId(), s.id());
            return null;
        });
    }
}
