package social.atoll.web;

import java.util.Map;

/** What each OAuth scope lets an app do, in words for the consent page. */
public final class ScopeDescriptions {

    private static final Map<String, String> TEXT = Map.ofEntries(
            Map.entry("read", "Read everything in your account"),
            Map.entry("write", "Change everything in your account, and post as you"),
            Map.entry("follow", "Follow, unfollow, block and mute accounts"),
            Map.entry("push", "Receive your push notifications"),
            Map.entry("profile", "See only your basic profile: name, username and picture"),
            Map.entry("read:accounts", "See account details"),
            Map.entry("read:blocks", "See whom you block"),
            Map.entry("read:bookmarks", "See your bookmarks"),
            Map.entry("read:favourites", "See your favourites"),
            Map.entry("read:filters", "See your filters"),
            Map.entry("read:follows", "See whom you follow"),
            Map.entry("read:lists", "See your lists"),
            Map.entry("read:mutes", "See whom you mute"),
            Map.entry("read:notifications", "See your notifications"),
            Map.entry("read:search", "Search as you"),
            Map.entry("read:statuses", "See posts, including private ones you can see"),
            Map.entry("write:accounts", "Change your profile"),
            Map.entry("write:blocks", "Block and unblock accounts and servers"),
            Map.entry("write:bookmarks", "Bookmark and unbookmark posts"),
            Map.entry("write:conversations", "Mute and delete conversations"),
            Map.entry("write:favourites", "Favourite and unfavourite posts"),
            Map.entry("write:filters", "Create and change filters"),
            Map.entry("write:follows", "Follow and unfollow accounts"),
            Map.entry("write:lists", "Create and change lists"),
            Map.entry("write:media", "Upload media files"),
            Map.entry("write:mutes", "Mute and unmute accounts and conversations"),
            Map.entry("write:notifications", "Dismiss your notifications"),
            Map.entry("write:reports", "Report other accounts"),
            Map.entry("write:statuses", "Publish and delete posts"),
            Map.entry("admin:read", "Read moderation data of the whole server"),
            Map.entry("admin:write", "Take moderation actions on the whole server"));

    private ScopeDescriptions() {}

    public static String of(String scope) {
        String text = TEXT.get(scope);
        if (text != null) return text;
        if (scope.startsWith("admin:read:")) return "Read moderation data: " + scope.substring(11).replace('_', ' ');
        if (scope.startsWith("admin:write:")) return "Moderate: " + scope.substring(12).replace('_', ' ');
        return scope;
    }
}
