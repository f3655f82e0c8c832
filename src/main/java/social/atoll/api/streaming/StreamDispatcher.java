package social.atoll.api.streaming;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import social.atoll.api.entity.NotificationEntity;
import social.atoll.api.entity.NotificationViews;
import social.atoll.api.entity.StatusEntity;
import social.atoll.api.entity.StatusViews;
import social.atoll.api.streaming.StreamRegistry.Target;
import social.atoll.core.filter.StatusFilterMatcher;
import social.atoll.core.notification.Notification;
import social.atoll.core.notification.NotificationService;
import social.atoll.core.privacy.VisibilityPolicy;
import social.atoll.core.status.Status;
import social.atoll.core.status.StatusQueries;
import social.atoll.core.status.StatusRelations;
import social.atoll.core.status.Visibility;
import social.atoll.core.streaming.StreamAudience;
import social.atoll.core.streaming.StreamSignal;

/**
 * Turns signals (from any node) into events for the clients connected to this node. For each signal it finds the
 * subscribed connections first — a signal nobody here listens to costs no query — then asks, per receiving
 * account, the {@link VisibilityPolicy} and the block/mute rules of {@link StreamAudience}, and renders the payload
 * for that account exactly as the REST API would (viewer flags included), once per account however many
 * connections it has.
 *
 * <p>Signals are handled one at a time on a single thread, in arrival order, so a client never gets a delete
 * before the update it deletes, and publishing a post never waits for rendering.
 */
public final class StreamDispatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StreamDispatcher.class);

    private final StreamRegistry registry;
    private final StreamAudience audience;
    private final StatusQueries statuses;
    private final StatusRelations relations;
    private final VisibilityPolicy visibility;
    private final StatusViews statusViews;
    private final NotificationService notifications;
    private final NotificationViews notificationViews;
    private final StatusFilterMatcher filters;
    private final ObjectMapper json;
    /** Signals waiting for the dispatcher thread, and drain markers ({@link java.util.concurrent.CountDownLatch}). */
    private final java.util.concurrent.BlockingQueue<Object> queue = new java.util.concurrent.LinkedBlockingQueue<>();
    private volatile boolean closed;
    private final Thread worker;
    /** Renders for many receivers at once; a few at a time, as each one holds a database connection while it reads. */
    private final ExecutorService renderers = Executors.newVirtualThreadPerTaskExecutor();
    private static final int RENDER_PARALLELISM = 4;
    /** Connections one task writes the shared rendering to. */
    private static final int SEND_SLICE = 250;

    public StreamDispatcher(StreamRegistry registry, StreamAudience audience, StatusQueries statuses, StatusRelations relations,
                            VisibilityPolicy visibility, StatusViews statusViews, NotificationService notifications,
                            NotificationViews notificationViews, StatusFilterMatcher filters, ObjectMapper json) {
        this.registry = registry;
        this.audience = audience;
        this.statuses = statuses;
        this.relations = relations;
        this.visibility = visibility;
        this.statusViews = statusViews;
        this.notifications = notifications;
        this.notificationViews = notificationViews;
        this.filters = filters;
        this.json = json;
        this.worker = Thread.ofPlatform().daemon().name("atoll-stream-dispatch").start(this::run);
    }

    /** Queues a signal; returns at once. */
    public void accept(StreamSignal s) {
        if (!closed) queue.add(s);
    }

    /**
     * Most readers a home-feed signal is merged up to: a few times what one signal carries (every reader is bound a
     * few times in the batch queries, which must stay under the databases' limits of bound values).
     */
    static final int MERGED_READERS = 2400;

    private void run() {
        while (!closed) {
            Object next;
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (next instanceof java.util.concurrent.CountDownLatch drained) {
                drained.countDown();
                continue;
            }
            StreamSignal s = (StreamSignal) next;
            if (s instanceof StreamSignal.HomeInserted h) s = merged(h);
            try {
                handle(s);
            } catch (RuntimeException e) {
                log.error("streaming {} failed", s.getClass().getSimpleName(), e);
            }
        }
    }

    /**
     * A status reaching thousands of followers arrives as many home-feed signals of a few hundred readers each (a
     * cluster message is short); those waiting in a row right behind this one are handled with it, with one set of
     * queries. Only adjacent signals of the same status merge, so the order of events is unchanged.
     */
    private StreamSignal merged(StreamSignal.HomeInserted h) {
        if (!(queue.peek() instanceof StreamSignal.HomeInserted n) || n.statusId() != h.statusId()) return h;
        Set<Long> readers = new java.util.LinkedHashSet<>(h.readerIds());
        while (readers.size() < MERGED_READERS && queue.peek() instanceof StreamSignal.HomeInserted next && next.statusId() == h.statusId()) {
            queue.poll();
            readers.addAll(next.readerIds());
        }
        return new StreamSignal.HomeInserted(h.statusId(), List.copyOf(readers));
    }

    private void handle(StreamSignal signal) {
        long started = System.nanoTime();
        dispatch(signal);
        if (log.isDebugEnabled()) log.debug("{} handled in {} ms", signal.getClass().getSimpleName(), (System.nanoTime() - started) / 1_000_000);
    }

    private void dispatch(StreamSignal signal) {
        switch (signal) {
            case StreamSignal.StatusPosted p -> statusPosted(p.statusId());
            case StreamSignal.HomeInserted h -> homeInserted(h.statusId(), h.readerIds());
            case StreamSignal.StatusRemoved d -> statusRemoved(d);
            case StreamSignal.StatusUpdated u -> statusUpdated(u.statusId());
            case StreamSignal.NotificationAdded n -> notificationAdded(n.accountId(), n.notificationId());
            case StreamSignal.ConversationUpdated c -> perReceiver(registry.on("direct:" + c.accountId()), "conversation", c.conversationId(), conversations);
            case StreamSignal.AnnouncementPublished a -> perReceiver(registry.onPrefix("user:"), "announcement", a.announcementId(), announcements);
            case StreamSignal.NotificationsMerged m -> {
                // Mastodon's payload is "1": the client reloads its notifications
                List<Target> targets = new ArrayList<>(registry.on(Subscription.userTopic(m.accountId())));
                targets.addAll(registry.on(Subscription.notificationTopic(m.accountId())));
                for (Target t : targets) t.connection().send(t.subscription(), "notifications_merged", "1");
            }
            case StreamSignal.FiltersChanged f -> {
                for (Target t : registry.on(Subscription.userTopic(f.accountId()))) t.connection().send(t.subscription(), "filters_changed", null);
            }
        }
    }

    /**
     * Renders an entity another feature owns (a Conversation, an Announcement) for one receiver; empty when that
     * receiver may not have it.
     */
    @FunctionalInterface
    public interface Renderer {
        java.util.Optional<?> render(long id, long viewerId);
    }

    private volatile Renderer conversations = (id, viewer) -> java.util.Optional.empty();
    private volatile Renderer announcements = (id, viewer) -> java.util.Optional.empty();

    /** How {@code conversation} payloads are rendered (by the conversations API). */
    public void renderConversationsWith(Renderer r) { this.conversations = r; }

    /** How {@code announcement} payloads are rendered (by the announcements API). */
    public void renderAnnouncementsWith(Renderer r) { this.announcements = r; }

    private void perReceiver(java.util.Collection<Target> targets, String event, long id, Renderer renderer) {
        Map<Long, List<Target>> byViewer = new HashMap<>();
        for (Target t : targets) byViewer.computeIfAbsent(t.connection().viewerId(), k -> new ArrayList<>()).add(t);
        for (Map.Entry<Long, List<Target>> e : byViewer.entrySet()) {
            var entity = renderer.render(id, e.getKey());
            if (entity.isEmpty()) continue;
            String payload = encode(entity.get());
            for (Target t : e.getValue()) t.connection().send(t.subscription(), event, payload);
        }
    }

    /** Public, hashtag and list streams. */
    private void statusPosted(long statusId) {
        List<Target> publicTargets = new ArrayList<>();
        List<Long> listIds = registry.idsOf("list:");
        boolean anyPublic = hasPublicListeners();
        if (!anyPublic && listIds.isEmpty()) return;
        Status s = statuses.byId(statusId).orElse(null);
        if (s == null) return;
        if (anyPublic && goesPublic(s) && !audience.silenced(s.accountId())) publicTargets.addAll(publicTargets(s));
        List<Target> targets = new ArrayList<>(publicTargets);
        if (!listIds.isEmpty() && s.visibilityEnum() != Visibility.DIRECT) {
            for (StreamAudience.ListOwner l : audience.listsHolding(s.accountId(), listIds)) {
                for (Target t : registry.on(Subscription.listTopic(l.listId()))) if (t.connection().viewerId() == l.ownerId()) targets.add(t);
            }
        }
        deliverStatus(s, targets, "update");
    }

    /** Mastodon's public streams: public, not a boost, not a reply to someone else (and not by a silenced account). */
    private static boolean goesPublic(Status s) {
        return s.visibilityEnum() == Visibility.PUBLIC && !s.isReblog()
                && (s.inReplyToId() == null || (s.inReplyToAccountId() != null && s.inReplyToAccountId() == s.accountId()));
    }

    private boolean hasPublicListeners() {
        for (String t : List.of("public", "public:local", "public:remote", "public:media", "public:local:media", "public:remote:media"))
            if (!registry.on(t).isEmpty()) return true;
        return registry.hasTopicWithPrefix("hashtag:");
    }

    private List<Target> publicTargets(Status s) {
        List<Target> out = new ArrayList<>();
        String where = s.local() ? "public:local" : "public:remote";
        out.addAll(registry.on("public"));
        out.addAll(registry.on(where));
        if ((!registry.on("public:media").isEmpty() || !registry.on(where + ":media").isEmpty()) && audience.hasMedia(s.id())) {
            out.addAll(registry.on("public:media"));
            out.addAll(registry.on(where + ":media"));
        }
        if (registry.hasTopicWithPrefix("hashtag:")) {
            for (String tag : relations.tags(List.of(s.id())).getOrDefault(s.id(), List.of())) {
                out.addAll(registry.on(Subscription.hashtagTopic(false, tag)));
                if (s.local()) out.addAll(registry.on(Subscription.hashtagTopic(true, tag)));
            }
        }
        return out;
    }

    private void homeInserted(long statusId, List<Long> readers) {
        List<Target> targets = new ArrayList<>();
        for (Long r : readers) targets.addAll(registry.on(Subscription.userTopic(r)));
        if (targets.isEmpty()) return;
        statuses.byId(statusId).ifPresent(s -> deliverStatus(s, targets, "update"));
    }

    private void statusUpdated(long statusId) {
        Status s = statuses.byId(statusId).orElse(null);
        if (s == null) return;
        List<Target> targets = new ArrayList<>();
        if (goesPublic(s) && !audience.silenced(s.accountId())) targets.addAll(publicTargets(s));
        Map<Long, List<Target>> users = userTargets();
        if (!users.isEmpty()) {
            Set<Long> holders = new HashSet<>(audience.homeHolders(statusId, users.keySet()));
            holders.add(s.accountId());
            for (Long v : holders) targets.addAll(users.getOrDefault(v, List.of()));
        }
        deliverStatus(s, targets, "status.update");
    }

    /**
     * A delete goes where the status could have gone: public streams when it was public or unlisted, and the user
     * streams of its author, the accounts it mentioned and (unless it was direct) the author's followers. The payload
     * is only the id, and the row is gone, so no rendering or visibility check is left to do.
     */
    private void statusRemoved(StreamSignal.StatusRemoved d) {
        Map<Long, List<Target>> users = userTargets();
        Set<Target> targets = new java.util.LinkedHashSet<>();
        Visibility v = Visibility.of(d.visibility());
        if (v == Visibility.PUBLIC || v == Visibility.UNLISTED) {
            for (String prefix : List.of("public", "hashtag:", "list:")) targets.addAll(registry.onPrefix(prefix));
        }
        if (!users.isEmpty()) {
            Set<Long> who = new HashSet<>(d.mentionedIds());
            who.add(d.authorId());
            if (v != Visibility.DIRECT) who.addAll(audience.followersAmong(d.authorId(), users.keySet()));
            for (Long id : who) targets.addAll(users.getOrDefault(id, List.of()));
        }
        String id = Long.toString(d.statusId());
        for (Target t : targets) t.connection().send(t.subscription(), "delete", id);
    }

    private void notificationAdded(long accountId, long notificationId) {
        List<Target> targets = new ArrayList<>(registry.on(Subscription.userTopic(accountId)));
        targets.addAll(registry.on(Subscription.notificationTopic(accountId)));
        if (targets.isEmpty()) return;
        Notification n = notifications.own(accountId, notificationId).orElse(null);
        if (n == null) return;
        if (n.statusId() != null) {
            Status s = statuses.byId(n.statusId()).orElse(null);
            if (s == null || !visibility.canSee(accountId, s)) return;
        }
        List<NotificationEntity> rendered = notificationViews.renderAll(List.of(n), accountId);
        if (rendered.isEmpty()) return;
        String payload = encode(rendered.get(0));
        for (Target t : targets) t.connection().send(t.subscription(), "notification", payload);
    }

    /** The connections on user streams, by account. */
    private Map<Long, List<Target>> userTargets() {
        Map<Long, List<Target>> out = new HashMap<>();
        for (Target t : registry.onPrefix("user:")) out.computeIfAbsent(t.connection().viewerId(), k -> new ArrayList<>()).add(t);
        return out;
    }

    /**
     * Sends a status to the given targets: the receiving accounts are checked by the visibility policy (all at once)
     * and the block/mute rules. The status is rendered and encoded once for all the receivers who see it alike (the
     * same bytes go to each of their connections), and once per receiver for the others (see {@link #renderedAlone}).
     */
    private void deliverStatus(Status s, List<Target> targets, String event) {
        if (targets.isEmpty()) return;
        Map<Long, List<Target>> byViewer = new LinkedHashMap<>();
        for (Target t : targets) byViewer.computeIfAbsent(t.connection().viewerId(), k -> new ArrayList<>()).add(t);

        Status original = s.isReblog() ? statuses.byId(s.reblogOfId()).orElse(null) : null;
        if (s.isReblog() && original == null) return;
        Set<Long> involved = new HashSet<>();
        involved.add(s.accountId());
        if (original != null) involved.add(original.accountId());
        List<Long> statusIds = original == null ? List.of(s.id()) : List.of(s.id(), original.id());
        Map<Long, List<Long>> mentions = relations.mentions(statusIds);
        for (List<Long> m : mentions.values()) involved.addAll(m);
        Map<Long, String> domains = audience.domains(List.of(s.accountId()));
        Set<Long> excluded = audience.excluded(byViewer.keySet(), involved, domains.get(s.accountId()));

        Set<Long> allowed = visibility.viewersOf(s, byViewer.keySet());
        List<Map.Entry<Long, List<Target>>> receivers = new ArrayList<>();
        for (Map.Entry<Long, List<Target>> e : byViewer.entrySet()) {
            if (!allowed.contains(e.getKey())) continue;
            if (e.getKey() == s.accountId() || !excluded.contains(e.getKey())) receivers.add(e);
        }
        if (receivers.isEmpty()) return;

        // who sees the status alike: everyone but the accounts it involves and those with a flag set on it
        List<Map.Entry<Long, List<Target>>> alone = new ArrayList<>();
        List<Map.Entry<Long, List<Target>>> alike = new ArrayList<>();
        if (receivers.size() > 1) {
            Set<Long> individual = renderedAlone(s, original, mentions, receivers);
            for (var e : receivers) (individual.contains(e.getKey()) ? alone : alike).add(e);
        } else {
            alone.addAll(receivers);
        }
        Shared shared = null;
        if (alike.size() > 1) {
            Set<Long> filtering = filters.viewersWithFilters(alike.stream().map(Map.Entry::getKey).toList());
            Rendering r = lastRendering;
            if (r == null || !r.status().equals(s) || !java.util.Objects.equals(r.original(), original)
                    || System.nanoTime() - r.renderedAt() > REUSE_NANOS) {
                long representative = alike.stream().map(Map.Entry::getKey).filter(v -> !filtering.contains(v)).findFirst().orElse(alike.get(0).getKey());
                List<StatusEntity> rendered = statusViews.renderAll(List.of(s), representative, null);
                StatusEntity entity = rendered.isEmpty() || !sameForEveryone(rendered.get(0)) ? null : rendered.get(0).withFiltered(List.of());
                r = new Rendering(s, original, entity, entity == null ? null : encode(entity), System.nanoTime());
                lastRendering = r;
            }
            if (r.entity() != null) shared = new Shared(r.entity(), r.payload(), filtering);
        }
        if (shared == null) {
            alone.addAll(alike);
            alike.clear();
        }

        // the receivers with their own rendering or filters are split among a few renderers; the signal is done (and
        // the next one starts) when all of them are
        List<Runnable> work = new ArrayList<>();
        for (var e : alone) work.add(() -> sendRendered(s, e.getKey(), e.getValue(), event));
        if (shared != null) {
            final Shared sh = shared;
            List<Target> plain = new ArrayList<>();
            for (var e : alike) {
                if (sh.filtering().contains(e.getKey())) work.add(() -> sendFiltered(s, sh, e.getKey(), e.getValue(), event));
                else plain.addAll(e.getValue());
            }
            // writing to thousands of sockets is most of the work left: in slices, beside the renderings
            for (int from = 0; from < plain.size(); from += SEND_SLICE) {
                List<Target> slice = plain.subList(from, Math.min(from + SEND_SLICE, plain.size()));
                work.add(() -> {
                    for (Target t : slice) t.connection().send(t.subscription(), event, sh.payload());
                });
            }
        }
        int parts = Math.min(RENDER_PARALLELISM, work.size());
        List<java.util.concurrent.Future<?>> running = new ArrayList<>(parts);
        for (int p = 0; p < parts; p++) {
            List<Runnable> share = work.subList(p * work.size() / parts, (p + 1) * work.size() / parts);
            running.add(renderers.submit(() -> {
                for (Runnable r : share) r.run();
            }));
        }
        for (var f : running) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (java.util.concurrent.ExecutionException e) {
                log.error("streaming {} of status {} failed", event, s.id(), e.getCause());
            }
        }
    }

    /**
     * The last shared rendering (null entity: the status reads differently per receiver), for the next pieces of the
     * same fan-out: a status reaching thousands of followers arrives as many signals of a few hundred readers each.
     * It is reused only while the status (counts, edits, everything in its row) and the boosted one are unchanged,
     * and for {@link #REUSE_NANOS} at most, so that what is not in those rows (the author's profile) is as fresh as
     * the signal. Read and written by the dispatcher thread only.
     */
    private record Rendering(Status status, Status original, StatusEntity entity, String payload, long renderedAt) {}

    private static final long REUSE_NANOS = TimeUnit.SECONDS.toNanos(2);

    private Rendering lastRendering;

    /** A status rendered once for many receivers; {@code filtering}: those of them who have filters to match. */
    private record Shared(StatusEntity entity, String payload, Set<Long> filtering) {}

    /**
     * The receivers whose rendering of the status differs from everyone else's beyond {@code filtered}: its author and
     * the boosted author (their own flags, pin, application, circle), the accounts it mentions or replies to (they may
     * always reply), and whoever favourited, boosted or bookmarked it or muted its conversation. For a new status
     * that is its author alone.
     */
    private Set<Long> renderedAlone(Status s, Status original, Map<Long, List<Long>> mentions, List<Map.Entry<Long, List<Target>>> receivers) {
        Set<Long> out = new HashSet<>();
        Set<Long> conversations = new HashSet<>();
        for (Status x : original == null ? List.of(s) : List.of(s, original)) {
            out.add(x.accountId());
            out.addAll(mentions.getOrDefault(x.id(), List.of()));
            if (x.inReplyToAccountId() != null) out.add(x.inReplyToAccountId());
            if (x.conversationId() != null) conversations.add(x.conversationId());
        }
        List<Long> viewers = receivers.stream().map(Map.Entry::getKey).filter(v -> !out.contains(v)).toList();
        out.addAll(relations.viewersWithFlags(viewers, original == null ? List.of(s.id()) : List.of(s.id(), original.id()), conversations));
        return out;
    }

    /**
     * Whether a status rendered for one receiver (not involved in it, no flag set) reads the same for every other
     * such receiver: no poll (votes), quote (its state depends on the viewer's blocks and mutes) or emoji reaction
     * ({@code me}), and interaction and quote policies that do not depend on follows or name accounts.
     */
    private static boolean sameForEveryone(StatusEntity e) {
        if (e.reblog() != null && !sameForEveryone(e.reblog())) return false;
        if (e.poll() != null || e.quote() != null) return false;
        if (e.pleroma() != null && !e.pleroma().emojiReactions().isEmpty()) return false;
        if (e.quoteApproval() != null && !onlyGeneral(e.quoteApproval().automatic(), e.quoteApproval().manual())) return false;
        var p = e.interactionPolicy();
        if (p != null) {
            for (var r : List.of(p.canFavourite(), p.canReply(), p.canReblog()))
                if (!onlyGeneral(r.automaticApproval(), r.manualApproval())) return false;
        }
        return true;
    }

    /** Rule lists whose outcome is the same for every account not involved in the status. */
    private static boolean onlyGeneral(List<String> automatic, List<String> manual) {
        for (List<String> l : List.of(automatic, manual))
            for (String x : l) if (!GENERAL_RULES.contains(x)) return false;
        return true;
    }

    /** Public, nobody, the author, the mentioned (not these receivers), and the asking viewer ({@code me}). */
    private static final Set<String> GENERAL_RULES = Set.of("public", "author", "mentioned", "me", "nobody", "unsupported_policy");

    /**
     * Sends the shared rendering to a receiver who has filters: a {@code hide} filter of the stream's context drops
     * the event, others add their {@code filtered} results, as {@link StatusViews#renderAll} does.
     */
    private void sendFiltered(Status s, Shared shared, long viewer, List<Target> targets, String event) {
        Map<String, List<Target>> byContext = new HashMap<>();
        for (Target t : targets) byContext.computeIfAbsent(t.subscription().isPublic() ? "public" : "home", k -> new ArrayList<>()).add(t);
        for (Map.Entry<String, List<Target>> e : byContext.entrySet()) {
            var found = filters.match(viewer, List.of(s), e.getKey()).getOrDefault(s.id(), List.of());
            if (found.stream().anyMatch(m -> m.filter().hides())) continue;
            String payload = found.isEmpty() ? shared.payload()
                    : encode(shared.entity().withFiltered(found.stream().map(social.atoll.api.entity.FilterResultEntity::of).toList()));
            for (Target t : e.getValue()) t.connection().send(t.subscription(), event, payload);
        }
    }

    /**
     * Renders for one receiver (already admitted by the visibility policy) and sends to their connections. Their
     * filters apply as on the matching timeline: {@code home} for user and list streams, {@code public} for public
     * and hashtag streams (a {@code hide} filter drops the event, others mark it {@code filtered}).
     */
    private void sendRendered(Status s, long viewer, List<Target> targets, String event) {
        Map<String, List<Target>> byContext = new HashMap<>();
        for (Target t : targets) byContext.computeIfAbsent(t.subscription().isPublic() ? "public" : "home", k -> new ArrayList<>()).add(t);
        for (Map.Entry<String, List<Target>> e : byContext.entrySet()) {
            var rendered = statusViews.renderAll(List.of(s), viewer, e.getKey());
            if (rendered.isEmpty()) continue;
            String payload = encode(rendered.get(0));
            for (Target t : e.getValue()) t.connection().send(t.subscription(), event, payload);
        }
    }

    private String encode(Object entity) {
        try {
            return json.writeValueAsString(entity);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until every queued signal has been handled (tests, benchmark). */
    public void drain() {
        var done = new java.util.concurrent.CountDownLatch(1);
        queue.add(done);
        try {
            if (!done.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("streaming signals not handled within 30 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        closed = true;
        worker.interrupt();
        renderers.shutdownNow();
    }
}
