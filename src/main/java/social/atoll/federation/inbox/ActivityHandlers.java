package social.atoll.federation.inbox;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The registry that picks the handler of an inbound activity by (activity type, object type), Smithereen style:
 * a handler registered for a specific object type wins over one registered for any object ({@code null}).
 * Activity types nobody registered are accepted and ignored.
 */
public final class ActivityHandlers {

    private final Map<String, ActivityHandler> handlers = new HashMap<>();

    /** Registers {@code handler} for {@code type} with an object of {@code objectType} (null: any object). */
    public ActivityHandlers on(String type, String objectType, ActivityHandler handler) {
        String key = key(type, objectType);
        if (handlers.putIfAbsent(key, handler) != null) throw new IllegalStateException("two handlers for " + key);
        return this;
    }

    public ActivityHandlers on(String type, ActivityHandler handler) { return on(type, null, handler); }

    public Optional<ActivityHandler> find(String type, String objectType) {
        if (type == null) return Optional.empty();
        ActivityHandler specific = objectType == null ? null : handlers.get(key(type, objectType));
        return Optional.ofNullable(specific != null ? specific : handlers.get(key(type, null)));
    }

    private static String key(String type, String objectType) { return type + "/" + (objectType == null ? "*" : objectType); }
}
