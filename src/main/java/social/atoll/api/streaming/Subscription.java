package social.atoll.api.streaming;

import java.util.List;
import social.atoll.server.ApiException;

/**
 * One stream a connection is subscribed to: Mastodon's stream name, the client's parameter (tag or list id, echoed
 * back exactly as sent in every message's {@code stream} array) and the topic the registry files it under.
 */
public record Subscription(String name, String param, String topic) {

    /** The stream names Mastodon defines (see the spec §5). */
    static final List<String> NAMES = List.of("user", "user:notification", "public", "public:media", "public:local",
            "public:local:media", "public:remote", "public:remote:media", "hashtag", "hashtag:local", "list", "direct");

    /** The {@code stream} array of messages: {@code [name]}, or {@code [name, param]} for hashtag and list streams. */
    public List<String> streamArray() { return param == null ? List.of(name) : List.of(name, param); }

    /** True for the streams that carry only public statuses (no per-account audience). */
    public boolean isPublic() { return name.startsWith("public") || name.startsWith("hashtag"); }

    /**
     * Parses a subscription; {@code viewerId} is the connection's account. Unknown names and missing parameters are
     * 400s with Mastodon's texts. Whether the viewer owns a list is checked by the caller.
     */
    public static Subscription of(String name, String tag, String list, long viewerId) {
        if (name == null || !NAMES.contains(name)) throw new ApiException(400, "Unknown stream type");
        return switch (name) {
            case "user" -> new Subscription(name, null, userTopic(viewerId));
            case "user:notification" -> new Subscription(name, null, notificationTopic(viewerId));
            case "direct" -> new Subscription(name, null, "direct:" + viewerId);
            case "hashtag", "hashtag:local" -> {
                if (tag == null || tag.isBlank()) throw new ApiException(400, "No tag for stream provided");
                yield new Subscription(name, tag, hashtagTopic(name.equals("hashtag:local"), tag));
            }
            case "list" -> {
                if (list == null || !list.matches("[0-9]{1,19}")) throw new ApiException(400, "No list for stream provided");
                yield new Subscription(name, list, listTopic(Long.parseLong(list)));
            }
            default -> new Subscription(name, null, name);
        };
    }

    static String userTopic(long accountId) { return "user:" + accountId; }

    static String notificationTopic(long accountId) { return "notification:" + accountId; }

    /** Tags are filed under their stored key ({@link social.atoll.core.tag.Tag#key}), so {@code #Café} finds {@code #café}. */
    static String hashtagTopic(boolean local, String tag) {
        return (local ? "hashtag:local:" : "hashtag:") + social.atoll.core.tag.Tag.key(tag);
    }

    static String listTopic(long listId) { return "list:" + listId; }
}
