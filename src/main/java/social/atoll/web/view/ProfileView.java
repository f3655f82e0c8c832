package social.atoll.web.view;

import java.util.List;

/**
 * A profile page ({@code /@name}, {@code /@name@domain}): the account as the API shows it (sanitized HTML, images
 * through the media proxy), one tab of its posts, and what the reader may do about it.
 *
 * @param tab        {@code posts}, {@code with_replies} or {@code media}
 * @param basePath   the profile's path ({@code /@alice}), tabs and forms hang off it
 * @param suspended  a suspended account shows its name and nothing else
 * @param counts     follower and following counts are shown (the account does not hide its collections)
 * @param relation   how the signed-in reader stands toward the account; null for visitors and on one's own profile
 * @param self       the reader's own profile
 * @param interact   the address to follow from another server (this account's ActivityPub id)
 * @param moved      where the account moved to (a banner says so); null when it has not
 */
public record ProfileView(String id, String displayName, String acct, String handle, String avatar, String header, String noteHtml,
                          List<Field> fields, boolean bot, boolean locked, String joined, int statusesCount, int followersCount,
                          int followingCount, boolean counts, boolean local, boolean suspended, String url, String tab, String basePath,
                          List<StatusCard> pinned, List<StatusCard> statuses, List<Tile> tiles, String olderUrl, Relation relation,
                          boolean self, String interact, Moved moved, String nameHtml) {

    /** Without {@code nameHtml}: the name shown as it is written (no custom emoji). */
    public ProfileView(String id, String displayName, String acct, String handle, String avatar, String header, String noteHtml,
                       List<Field> fields, boolean bot, boolean locked, String joined, int statusesCount, int followersCount,
                       int followingCount, boolean counts, boolean local, boolean suspended, String url, String tab, String basePath,
                       List<StatusCard> pinned, List<StatusCard> statuses, List<Tile> tiles, String olderUrl, Relation relation,
                       boolean self, String interact, Moved moved) {
        this(id, displayName, acct, handle, avatar, header, noteHtml, fields, bot, locked, joined, statusesCount, followersCount,
                followingCount, counts, local, suspended, url, tab, basePath, pinned, statuses, tiles, olderUrl, relation, self, interact,
                moved, null);
    }

    /** The name as HTML: escaped, with its custom emoji as images. */
    @Override
    public String nameHtml() { return nameHtml != null ? nameHtml : InlineEmoji.text(displayName, List.of()); }

    /** Without {@code moved}: an account that has not moved. */
    public ProfileView(String id, String displayName, String acct, String handle, String avatar, String header, String noteHtml,
                       List<Field> fields, boolean bot, boolean locked, String joined, int statusesCount, int followersCount,
                       int followingCount, boolean counts, boolean local, boolean suspended, String url, String tab, String basePath,
                       List<StatusCard> pinned, List<StatusCard> statuses, List<Tile> tiles, String olderUrl, Relation relation,
                       boolean self, String interact) {
        this(id, displayName, acct, handle, avatar, header, noteHtml, fields, bot, locked, joined, statusesCount, followersCount,
                followingCount, counts, local, suspended, url, tab, basePath, pinned, statuses, tiles, olderUrl, relation, self, interact, null);
    }

    /** The account this one moved to: its handle and the path of its profile here. */
    public record Moved(String handle, String path) {}

    /** A profile field; {@code valueHtml} is sanitized, its links carry {@code rel="me"} on local profiles. */
    public record Field(String name, String valueHtml, boolean verified) {}

    /** One square of the media tab: an image or a video's preview, linking to its post. */
    /**
     * One post in the photo grid (as Pixelfed's profile: a post is one square, its first photo or video; an album
     * and a video carry a badge), with the blurhash the placeholder is drawn from.
     */
    public record Tile(String permalink, String preview, String description, boolean video, boolean album, String blurhash) {}

    /**
     * The reader's relationship to the account, as the action forms need it; {@code circles} are the reader's circles
     * when the account follows them (empty otherwise), each marked when the account is in it.
     */
    public record Relation(boolean following, boolean requested, boolean followedBy, boolean muting, boolean blocking,
                           boolean blockedBy, String note, List<CircleMark> circles) {}

    /** One of the reader's circles, and whether the profile's account is in it. */
    public record CircleMark(String id, String title, boolean member) {}

    public boolean hasStatuses() { return !statuses.isEmpty() || !tiles.isEmpty(); }
}
