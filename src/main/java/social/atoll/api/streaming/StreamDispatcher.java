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
import social.atoll.api.entity.StatusViews;
import social.atoll.api.streaming.StreamRegistry.Target;
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
    private final ObjectMapper json;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("atoll-stream-dispatch").factory());
    /** Renders for many receivers at once; a few at a time, as each one holds a database connection while it reads. */
    private final ExecutorService renderers = Executors.newVirtualThreadPerTaskExecutor();
    private static final int RENDER_PARALLELISM = 4;

    public StreamDispatcher(StreamRegistry registry, StreamAudience audience, StatusQueries statuses, StatusRelations relations,
                            VisibilityPolicy visibility, StatusViews statusViews, NotificationService notifications,
                            NotificationViews notificationViews, ObjectMapper json) {
        this.registry = registry;
        this.audience = audience;
        this.statuses = statuses;
        this.relations = relations;
        this.visibility = visibility;
        this.statusViews = statusViews;
        this.notifications = notifications;
        this.notificationViews = notificationViews;
        this.json = json;
    }

    /** Queues a signal; returns at once. */
    public void accept(StreamSignal s) {
        if (worker.isShutdown()) return;
        worker.execute(() -> {
            try {
                handle(s);
            } catch (RuntimeException e) {
                log.error("streaming {} failed", s.encode(), e);
            }
        });
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
     * and the block/mute rules, and the status is rendered once per account.
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
        for (List<Long> m : relations.mentions(statusIds).values()) involved.addAll(m);
        Map<Long, String> domains = audience.domains(List.of(s.accountId()));
        Set<Long> excluded = audience.excluded(byViewer.keySet(), involved, domains.get(s.accountId()));

        Set<Long> allowed = visibility.viewersOf(s, byViewer.keySet());
        List<Map.Entry<Long, List<Target>>> receivers = new ArrayList<>();
        for (Map.Entry<Long, List<Target>> e : byViewer.entrySet()) {
            if (!allowed.contains(e.getKey())) continue;
            if (e.getKey() == s.accountId() || !excluded.contains(e.getKey())) receivers.add(e);
        }
        // split among a few renderers; the signal is done (and the next one starts) when all of them are
        int parts = Math.min(RENDER_PARALLELISM, receivers.size());
        List<java.util.concurrent.Future<?>> running = new ArrayList<>(parts);
        for (int p = 0; p < parts; p++) {
            List<Map.Entry<Long, List<Target>>> share = receivers.subList(p * receivers.size() / parts, (p + 1) * receivers.size() / parts);
            running.add(renderers.submit(() -> {
                for (Map.Entry<Long, List<Target>> e : share) sendRendered(s, e.getKey(), e.getValue(), event);
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
        try {
            worker.submit(() -> {}).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
        renderers.shutdownNow();
    }
}
