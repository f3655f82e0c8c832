package social.atoll.api.streaming;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The connections of this node, filed by topic ({@code user:<account>}, {@code public:local},
 * {@code hashtag:<tag>}, {@code list:<id>} …). Other nodes have their own; signals reach all of them.
 */
public final class StreamRegistry {

    /** A connection subscribed to a stream. */
    public record Target(StreamConnection connection, Subscription subscription) {}

    private final Map<String, Set<Target>> byTopic = new ConcurrentHashMap<>();

    /**
     * Subscribes; a duplicate subscription is a no-op. The target joins its topic's set inside the map's atomic
     * update: joined after it, a set that a closing connection just emptied and unmapped would take the new
     * subscription with it, and a client reconnecting would get no event on the new socket.
     */
    public void add(StreamConnection c, Subscription s) {
        if (!c.subscriptions().add(s)) return;
        byTopic.compute(s.topic(), (k, set) -> {
            Set<Target> targets = set == null ? ConcurrentHashMap.newKeySet() : set;
            targets.add(new Target(c, s));
            return targets;
        });
    }

    public void remove(StreamConnection c, Subscription s) {
        if (!c.subscriptions().remove(s)) return;
        byTopic.computeIfPresent(s.topic(), (k, set) -> {
            set.remove(new Target(c, s));
            return set.isEmpty() ? null : set;
        });
    }

    /** Unsubscribes everything (the connection closed). */
    public void removeAll(StreamConnection c) {
        for (Subscription s : List.copyOf(c.subscriptions())) remove(c, s);
    }

    /** Who listens on {@code topic}; empty when nobody does. */
    public Set<Target> on(String topic) {
        Set<Target> set = byTopic.get(topic);
        return set == null ? Set.of() : set;
    }

    /** Everyone on topics starting with {@code prefix}. */
    public List<Target> onPrefix(String prefix) {
        List<Target> out = new ArrayList<>();
        for (Map.Entry<String, Set<Target>> e : byTopic.entrySet()) if (e.getKey().startsWith(prefix)) out.addAll(e.getValue());
        return out;
    }

    public boolean hasTopicWithPrefix(String prefix) {
        for (String topic : byTopic.keySet()) if (topic.startsWith(prefix)) return true;
        return false;
    }

    /** The ids after {@code prefix} of the topics in use ({@code "list:"} → subscribed list ids). */
    public List<Long> idsOf(String prefix) {
        List<Long> out = new ArrayList<>();
        for (String topic : byTopic.keySet()) {
            if (!topic.startsWith(prefix)) continue;
            String rest = topic.substring(prefix.length());
            if (rest.matches("[0-9]+")) out.add(Long.parseLong(rest));
        }
        return out;
    }

    /** Ends every connection (the server is stopping); SSE responses would otherwise wait for their next heartbeat. */
    public void closeAll() {
        for (Set<Target> set : byTopic.values()) for (Target t : set) t.connection().close();
    }

    /** How many connections are subscribed to anything (for tests and metrics). */
    public int connectionCount() {
        Set<StreamConnection> all = ConcurrentHashMap.newKeySet();
        for (Set<Target> set : byTopic.values()) for (Target t : set) all.add(t.connection());
        return all.size();
    }
}
